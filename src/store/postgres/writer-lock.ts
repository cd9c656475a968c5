import pg from 'pg';
import { WriterLockedError } from '../errors.js';
import { lockKey } from './names.js';

/**
 * The writer's dedicated connection. It holds the session advisory lock and
 * runs every append, so losing the connection loses both at once: there is no
 * window in which this process writes without holding the lock.
 */
export interface WriterConnection {
  readonly client: pg.Client;
  /** Set once the connection failed; appends must stop. */
  lost(): Error | undefined;
  close(): Promise<void>;
}

/** Connects and takes the writer lock; throws WriterLockedError at once if it is held. */
export async function acquireWriter(connectionString: string, schema: string): Promise<WriterConnection> {
  const client = new pg.Client({ connectionString, application_name: `suyuan-writer:${schema}`.slice(0, 63) });
  let failure: Error | undefined;
  let closing = false;
  client.on('error', (error) => {
    failure ??= error;
  });
  client.on('end', () => {
    if (!closing) failure ??= new Error('connection ended');
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
      lockKey('writer', schema),
    ]);
    if (!rows[0]?.locked) throw new WriterLockedError(schema);
  } catch (error) {
    closing = true;
    await client.end().catch(() => {});
    throw error;
  }
  return {
    client,
    lost: () => failure,
    async close() {
      closing = true;
      // Ending the session releases the advisory lock.
      await client.end().catch(() => {});
    },
  };
}

import pg from 'pg';
import { validateBatch } from '../batch.js';
import { StoreUnavailableError } from '../errors.js';
import type { EventStore } from '../port.js';
import { createSizeWatcher } from '../watch.js';
import { appendBatch } from './append.js';
import { createListener, type Listener } from './listener.js';
import { isCurrent, migrate } from './migrate.js';
import { channelFor, tablesIn } from './names.js';
import * as reads from './reads.js';
import { acquireWriter, type WriterConnection } from './writer-lock.js';

export interface PostgresStoreOptions {
  readonly connectionString: string;
  /** The schema holding the log's tables; created if missing. Default `public`. */
  readonly schema?: string;
  /**
   * `writer` takes the schema's advisory lock (failing fast with
   * WriterLockedError if another process holds it), runs migrations and may
   * append; `reader` only reads and wakes on LISTEN/NOTIFY (it migrates only
   * a schema that is behind, so a read-only role can open a current one).
   */
  readonly role: 'writer' | 'reader';
  /** Fallback poll of the log size while someone waits. Default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** Connections in the read pool. Default 4. */
  readonly poolSize?: number;
  /** Reports background errors (a dropped LISTEN connection, a failed poll). */
  readonly onError?: (error: unknown) => void;
}

/**
 * createPostgresStore connects, runs migrations and returns the store. Reads
 * go through a pool; the writer appends on its dedicated locked connection;
 * a reader listens on a dedicated connection started by the first wait.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<EventStore> {
  const schema = options.schema ?? 'public';
  const t = tablesIn(schema);
  const channel = channelFor(schema);
  const { connectionString } = options;
  const onError = options.onError ?? (() => {});

  let writer: WriterConnection | undefined;
  if (options.role === 'writer') {
    writer = await acquireWriter(connectionString, schema);
    try {
      await migrate(writer.client, schema);
    } catch (error) {
      await writer.close();
      throw error;
    }
  }
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 4,
    application_name: `suyuan-${options.role}:${schema}`.slice(0, 63),
  });
  pool.on('error', onError); // an idle client died; the pool replaces it
  if (!writer) {
    try {
      const client = await pool.connect();
      try {
        if (!(await isCurrent(client, schema))) await migrate(client, schema);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  let listener: Listener | undefined;
  const watcher = createSizeWatcher({
    readSize: () => reads.readSize(pool, t),
    pollMs: options.pollIntervalMs ?? 1_000,
    onError,
    beforeWait: writer
      ? undefined // the writer's own commits are the only source of new events
      : () => {
          listener ??= createListener({
            connectionString,
            channel,
            applicationName: `suyuan-listener:${schema}`.slice(0, 63),
            onWake: () => watcher.poke(),
            onError,
          });
          return listener.ready();
        },
  });

  // pg runs one query at a time per client, but two overlapping appendBatch
  // calls would interleave their transactions on the writer connection.
  let appendChain: Promise<unknown> = Promise.resolve();
  let closed = false;

  return {
    kind: 'postgres',

    appendBatch(batch) {
      const run = async () => {
        if (closed) throw new StoreUnavailableError('store is closed');
        if (!writer) throw new StoreUnavailableError(`store on ${schema} was opened as a reader`);
        const lost = writer.lost();
        if (lost) {
          throw new StoreUnavailableError(`lost the writer connection (and the writer lock) on ${schema}: ${lost.message}`);
        }
        validateBatch(batch);
        const result = await appendBatch(writer.client, t, channel, batch);
        if (result.ok) watcher.observed(batch.checkpoint.size);
        return result;
      };
      const next = appendChain.then(run, run);
      appendChain = next.catch(() => {});
      return next;
    },

    readFrom: (from, limit) => reads.readFrom(pool, t, from, limit),
    readByTag: (tag, from = 0, limit) => reads.readByTag(pool, t, tag, from, limit),
    head: () => reads.readHead(pool, t),
    checkpointAt: (size) => reads.checkpointAt(pool, t, size),
    idempotency: (principal, key) => reads.findIdempotency(pool, t, principal, key),
    waitForEvents: (size, signal) => watcher.wait(size, signal),

    async close() {
      if (closed) return;
      closed = true;
      watcher.close();
      await appendChain;
      await Promise.all([listener?.close(), writer?.close(), pool.end()]);
    },
  };
}

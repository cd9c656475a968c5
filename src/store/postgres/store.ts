import pg from 'pg';
import { validateBatch } from '../batch.js';
import { StoreUnavailableError } from '../errors.js';
import type { AppendFaults, VaultStore } from '../port.js';
import { createSizeWatcher } from '../watch.js';
import { appendBatch, appendWithFault } from './append.js';
import { dropFrom } from './drop.js';
import { createListener, type Listener } from './listener.js';
import { isCurrent, migrate } from './migrate.js';
import { channelFor, tablesIn } from './names.js';
import * as reads from './reads.js';
import * as vault from './vault.js';
import { acquireWriter, type WriterConnection } from './writer-lock.js';

export interface PostgresStoreOptions {
  readonly connectionString: string;
  /** The schema holding the log's tables; created if missing. Default `public`. */
  readonly schema?: string;
  /**
   * `writer` takes the schema's advisory lock (failing fast with
   * WriterLockedError if another process holds it; after a dropped
   * connection it reconnects and re-takes it, see health), runs migrations
   * and may append; `reader` only reads and wakes on LISTEN/NOTIFY (it migrates only
   * a schema that is behind, so a read-only role can open a current one).
   */
  readonly role: 'writer' | 'reader';
  /** Fallback poll of the log size while someone waits. Default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** Connections in the read pool. Default 4. */
  readonly poolSize?: number;
  /** Reports background errors (a dropped LISTEN or writer connection, a failed poll). */
  readonly onError?: (error: unknown) => void;
  /** Test hooks (AppendFaults); never set in production. */
  readonly faults?: AppendFaults;
}

/** How many times settledHead reads the head before giving up (about 15 s of backoff). */
const SETTLE_ATTEMPTS = 20;

/** How often a reader on a hot standby reads the log's size (it has no NOTIFY to wake it). */
const STANDBY_POLL_MS = 200;

/**
 * createPostgresStore connects, runs migrations and returns the store. Reads
 * go through a pool; the writer appends on its dedicated locked connection;
 * a reader listens on a dedicated connection started by the first wait.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<VaultStore> {
  const schema = options.schema ?? 'public';
  const t = tablesIn(schema);
  const channel = channelFor(schema);
  const { connectionString } = options;
  const onError = options.onError ?? (() => {});

  let writer: WriterConnection | undefined;
  if (options.role === 'writer') {
    writer = await acquireWriter(connectionString, schema, { onError });
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
  // A hot standby (a streaming replica) is read-only and gets no NOTIFY: a reader on it polls.
  let standby = false;
  if (!writer) {
    try {
      const client = await pool.connect();
      try {
        standby = (await client.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby')).rows[0]?.standby === true;
        if (!(await isCurrent(client, schema))) {
          if (standby) throw new Error(`the schema ${schema} on this standby is behind the code: start a writer on the primary first`);
          await migrate(client, schema);
        }
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
    // Without NOTIFY the poll is the wake-up, so a standby's is short.
    pollMs: options.pollIntervalMs ?? (standby ? STANDBY_POLL_MS : 1_000),
    onError,
    beforeWait:
      writer || standby
        ? undefined // the writer's own commits are the only source of new events; LISTEN cannot run during recovery
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
  const insideTransaction = options.faults?.insideTransaction;
  /** The writer connection, or StoreUnavailableError when closed or opened as a reader. */
  const lockedWriter = (): WriterConnection => {
    if (closed) throw new StoreUnavailableError('store is closed');
    if (!writer) throw new StoreUnavailableError(`store on ${schema} was opened as a reader`);
    return writer;
  };
  /** Runs `work` on the writer connection after every append in flight, one at a time. */
  const onWriter = <T>(work: () => Promise<T>): Promise<T> => {
    const next = appendChain.then(work, work);
    appendChain = next.catch(() => {});
    return next;
  };

  return {
    kind: 'postgres',

    appendBatch(batch) {
      return onWriter(async () => {
        if (closed) throw new StoreUnavailableError('store is closed');
        if (!writer) throw new StoreUnavailableError(`store on ${schema} was opened as a reader`);
        const health = writer.health();
        if (!health.ok) throw new StoreUnavailableError(health.reason);
        validateBatch(batch);
        const client = writer.client;
        const result = insideTransaction
          ? await appendWithFault(client, t, channel, batch, insideTransaction)
          : await appendBatch(client, t, channel, batch);
        if (result.ok) watcher.observed(batch.checkpoint.size);
        return result;
      });
    },

    // Read on the writer's own session when it has one: the server answers it only after every earlier
    // statement of that session finished. The connection that failed the append may fail this read too
    // (its end not yet noticed), so a failed read waits for the lock again and retries, a bounded number of times.
    async settledHead() {
      if (!writer) return reads.readHead(pool, t);
      const locked = writer;
      for (let attempt = 1; ; attempt++) {
        // Outside the append chain, so close() can end the wait.
        await locked.settled();
        try {
          return await onWriter(() => (locked.health().ok ? reads.readHead(locked.client, t) : reads.readHead(pool, t)));
        } catch (error) {
          if (closed || attempt === SETTLE_ATTEMPTS) throw error;
          onError(error);
          await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 1_000)));
        }
      }
    },

    health: () => (closed ? { ok: false, reason: 'store is closed' } : (writer?.health() ?? { ok: true })),

    readFrom: (from, limit) => reads.readFrom(pool, t, from, limit),
    readByTag: (tag, from = 0, limit) => reads.readByTag(pool, t, tag, from, limit),
    head: () => reads.readHead(pool, t),
    checkpointAt: (size) => reads.checkpointAt(pool, t, size),
    idempotency: (principal, key) => reads.findIdempotency(pool, t, principal, key),
    waitForEvents: (size, signal) => watcher.wait(size, signal),

    dropFrom(position) {
      // On the writer connection, after any append in flight: only the lock holder repairs the log.
      return onWriter(async () => dropFrom(lockedWriter().client, t, position));
    },

    readPersonal: (ref) => vault.readPersonal(pool, t, ref),

    erasePersonal(ref, erasedAt) {
      // The writer erases, in order with its appends. The VACUUM failing (e.g. cancelled) does not undo the
      // erasure, which has committed; it is reported, and autovacuum or the next erasure prunes the tuple.
      return onWriter(async () => {
        const client = lockedWriter().client;
        const outcome = await vault.erasePersonal(client, t, ref, erasedAt);
        if (outcome === 'erased') await vault.vacuumVault(client, t).catch(onError);
        return outcome;
      });
    },

    // Through the pool: a node serving a read records it, reader nodes included.
    recordAccess: (record) => vault.recordAccess(pool, t, record),
    accessRecords: (query) => vault.accessRecords(pool, t, query),

    async close() {
      if (closed) return;
      closed = true;
      watcher.close();
      await appendChain;
      await Promise.all([listener?.close(), writer?.close(), pool.end()]);
    },
  };
}

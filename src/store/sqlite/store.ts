import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { validateBatch } from '../batch.js';
import { decodeEvent } from '../codec.js';
import { StoreUnavailableError } from '../errors.js';
import type { AppendFaults, StoredCheckpoint, VaultStore } from '../port.js';
import { createSizeWatcher } from '../watch.js';
import { createAppend } from './append.js';
import { createDrop } from './drop.js';
import { BUSY_TIMEOUT_MS, prepareDatabase } from './schema.js';
import { createWalScrubber } from './scrub.js';
import { prepareStatements, type CheckpointRow, type EventRow } from './statements.js';
import { createSqliteVault } from './vault.js';
import { createWorkerAppend } from './workerAppend.js';
import { takeWriterLock } from './writerLock.js';

export interface SqliteStoreOptions {
  /** The database file; created with its schema if missing. */
  readonly path: string;
  /**
   * How often waitForEvents re-reads the log size while someone waits, so a
   * reader in another process on the same file wakes too. Default 100 ms.
   */
  readonly pollIntervalMs?: number;
  /**
   * `writer` (the default) takes the log's writer lock, failing fast with
   * WriterLockedError while another store holds it; `reader` never appends
   * and may open the file beside a running writer.
   */
  readonly role?: 'writer' | 'reader';
  /** Test hooks (AppendFaults); never set in production. */
  readonly faults?: AppendFaults;
  /**
   * Where a writer on a file runs its append transactions: in a worker thread (the default, so
   * the event loop goes on while a batch commits; workerAppend.ts) or on this thread. An
   * in-memory database is always appended on this thread: no second connection can see it.
   */
  readonly appendIn?: 'worker' | 'thread';
}

const toCheckpoint = (row: CheckpointRow): StoredCheckpoint => ({ size: row.size, root: row.root, note: row.note });
const toEvent = (row: EventRow) => decodeEvent(row.position, row.hash, row.body);
/** SQLite reads LIMIT -1 as no limit. */
const sqlLimit = (limit: number | undefined): number =>
  limit === undefined || !Number.isFinite(limit) ? -1 : Math.max(0, Math.floor(limit));

/**
 * createSqliteStore opens (or creates) a one-file log with better-sqlite3 in
 * WAL mode with synchronous=FULL. The writer is the process that appends;
 * other processes may open the same file and read. Reads are synchronous
 * underneath; a writer on a file commits its batches in a worker thread
 * (appendIn), so a commit does not block the event loop.
 * Its vault runs with secure_delete and truncates the WAL after an erasure
 * (scrub.ts), so erased data leaves the bytes of both files.
 */
export function createSqliteStore(options: SqliteStoreOptions): VaultStore {
  const writer = options.role !== 'reader';
  // Taken before the log is opened, so a second writer touches nothing; an in-memory database has no second process.
  const lock = writer && options.path !== ':memory:' ? takeWriterLock(options.path) : undefined;
  let db: Database.Database;
  try {
    db = new Database(options.path);
    prepareDatabase(db);
  } catch (error) {
    lock?.close();
    throw error;
  }
  const statements = prepareStatements(db);
  const vault = createSqliteVault(db);
  const scrubber = createWalScrubber(db, BUSY_TIMEOUT_MS);
  const inWorker = writer && options.appendIn !== 'thread' && options.path !== ':memory:' && options.path !== '';
  const append = createAppend(db, statements, vault, options.faults);
  const workerAppend = inWorker ? createWorkerAppend(options.path, statSync(options.path).ino, options.faults) : undefined;
  let closing: Promise<void> | undefined;
  const drop = createDrop(db);
  const readHead = db.transaction(() => {
    const size = statements.size.get()!;
    const checkpoint = statements.latestCheckpoint.get();
    return checkpoint ? { size, checkpoint: toCheckpoint(checkpoint) } : { size };
  });
  const watcher = createSizeWatcher({
    readSize: () => statements.size.get()!,
    pollMs: options.pollIntervalMs ?? 100,
  });

  return {
    kind: 'sqlite',

    async appendBatch(batch) {
      if (!db.open) throw new StoreUnavailableError('store is closed');
      if (!writer) throw new StoreUnavailableError(`store on ${options.path} was opened as a reader`);
      validateBatch(batch);
      const result = workerAppend ? await workerAppend.append(batch) : append(batch);
      if (result.ok) watcher.observed(batch.checkpoint.size);
      return result;
    },

    async readFrom(from, limit) {
      return statements.readFrom.all(Math.max(0, from), sqlLimit(limit)).map(toEvent);
    },

    async readByTag(tag, from = 0, limit) {
      return statements.readByTag.all(tag, Math.max(0, from), sqlLimit(limit)).map(toEvent);
    },

    // One read transaction, so size and checkpoint come from the same snapshot.
    head: async () => readHead.deferred(),

    async checkpointAt(size) {
      const row = statements.checkpointAt.get(size);
      return row && toCheckpoint(row);
    },

    async idempotency(principal, key) {
      const row = statements.findIdempotency.get(principal, key);
      return row && { principal: row.principal, key: row.key, requestHash: row.request_hash, response: row.response };
    },

    waitForEvents: (size, signal) => watcher.wait(size, signal),

    dropFrom: async (position) => (workerAppend ? workerAppend.drop(position) : drop(position)),

    readPersonal: async (ref) => vault.read(ref),

    async erasePersonal(ref, erasedAt) {
      if (!db.open) throw new StoreUnavailableError('store is closed');
      if (!writer) throw new StoreUnavailableError(`store on ${options.path} was opened as a reader`);
      const outcome = workerAppend ? await workerAppend.erase(ref, erasedAt) : vault.erase(ref, erasedAt);
      if (outcome === 'erased') scrubber.scrub();
      return outcome;
    },

    async recordAccess(record) {
      if (!db.open) throw new StoreUnavailableError('store is closed');
      // A reader has no worker and writes its access records itself.
      if (workerAppend) await workerAppend.recordAccess(record);
      else vault.recordAccess(record);
    },

    accessRecords: async (query) => vault.accessRecords(query),

    health: () => (db.open ? (workerAppend?.health() ?? { ok: true }) : { ok: false, reason: 'store is closed' }),

    close() {
      closing ??= (async () => {
        // The worker's appends end before the main connection and the writer lock go.
        await workerAppend?.close();
        if (!db.open) return;
        watcher.close();
        scrubber.stop();
        db.close();
        lock?.close();
      })();
      return closing;
    },
  };
}

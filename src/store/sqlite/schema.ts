import type Database from 'better-sqlite3';

/**
 * The SQLite schema, one entry per version; PRAGMA user_version records how
 * many have run. Benchmarks may copy `events` into a scratch table to measure
 * raw batched inserts of the same shape.
 *
 * - events: one row per sealed event; body is the JSON text of the event
 *   without its hash (batchBodies: the writer's canonical text, else
 *   encodeBody), stored and returned byte for byte.
 * - event_tags: (tag, position) for readByTag, a clustered index.
 * - checkpoints: signed checkpoints by tree size (a re-sign replaces its row).
 * - idempotency: remembered responses, unique per (principal, key).
 * - personal_data (version 2): the vault, one row per ref; salt and data are
 *   NULL once erased (the tombstone keeps ref, recorded_by, region, times).
 * - personal_access (version 2): who read which ref, in seq order.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE events (
     position INTEGER PRIMARY KEY,
     hash TEXT NOT NULL,
     type TEXT NOT NULL,
     time TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE TABLE event_tags (
     tag TEXT NOT NULL,
     position INTEGER NOT NULL,
     PRIMARY KEY (tag, position)
   ) WITHOUT ROWID;
   CREATE TABLE checkpoints (
     size INTEGER PRIMARY KEY,
     root TEXT NOT NULL,
     note TEXT NOT NULL
   );
   CREATE TABLE idempotency (
     principal TEXT NOT NULL,
     key TEXT NOT NULL,
     request_hash TEXT NOT NULL,
     response TEXT NOT NULL,
     PRIMARY KEY (principal, key)
   ) WITHOUT ROWID;`,
  `CREATE TABLE personal_data (
     ref TEXT PRIMARY KEY,
     salt TEXT,
     data TEXT,
     recorded_by TEXT NOT NULL,
     region TEXT NOT NULL,
     created_at TEXT NOT NULL,
     erased_at TEXT,
     CHECK ((erased_at IS NULL) = (salt IS NOT NULL AND data IS NOT NULL))
   ) WITHOUT ROWID;
   CREATE TABLE personal_access (
     seq INTEGER PRIMARY KEY,
     ref TEXT NOT NULL,
     principal TEXT NOT NULL,
     purpose TEXT NOT NULL,
     at TEXT NOT NULL
   );
   CREATE INDEX personal_access_by_ref ON personal_access (ref, seq);`,
];

/** BUSY_TIMEOUT_MS is how long a statement waits for another connection's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/** Sets the durability pragmas and brings the schema up to date, idempotently. */
export function prepareDatabase(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before appendBatch returns, WAL or not.
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Freed cells and pages are overwritten with zeros, so an erased vault row leaves no bytes in the
  // file. Per connection, and for every table: a page split or another row's update can free space
  // holding a row that is erased only later. Appends free almost nothing, so they pay little for it.
  db.pragma('secure_delete = ON');
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < migrations.length; v++) db.exec(migrations[v]!);
    if (version < migrations.length) db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
}

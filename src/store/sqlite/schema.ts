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
];

/** Sets the durability pragmas and brings the schema up to date, idempotently. */
export function prepareDatabase(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before appendBatch returns, WAL or not.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < migrations.length; v++) db.exec(migrations[v]!);
    if (version < migrations.length) db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
}

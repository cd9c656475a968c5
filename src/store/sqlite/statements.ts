import type Database from 'better-sqlite3';

export interface EventRow {
  readonly position: number;
  readonly hash: string;
  readonly body: string;
}

export interface CheckpointRow {
  readonly size: number;
  readonly root: string;
  readonly note: string;
}

export interface IdempotencyRow {
  readonly principal: string;
  readonly key: string;
  readonly request_hash: string;
  readonly response: string;
}

/** Every statement the SQLite adapter runs, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    size: db.prepare<[], number>('SELECT coalesce(max(position) + 1, 0) FROM events').pluck(),
    insertEvent: db.prepare<[number, string, string, string, string]>(
      'INSERT INTO events (position, hash, type, time, body) VALUES (?, ?, ?, ?, ?)',
    ),
    insertTag: db.prepare<[string, number]>('INSERT INTO event_tags (tag, position) VALUES (?, ?)'),
    upsertCheckpoint: db.prepare<[number, string, string]>(
      `INSERT INTO checkpoints (size, root, note) VALUES (?, ?, ?)
       ON CONFLICT (size) DO UPDATE SET root = excluded.root, note = excluded.note`,
    ),
    findIdempotency: db.prepare<[string, string], IdempotencyRow>(
      'SELECT principal, key, request_hash, response FROM idempotency WHERE principal = ? AND key = ?',
    ),
    insertIdempotency: db.prepare<[string, string, string, string]>(
      'INSERT INTO idempotency (principal, key, request_hash, response) VALUES (?, ?, ?, ?)',
    ),
    readFrom: db.prepare<[number, number], EventRow>(
      'SELECT position, hash, body FROM events WHERE position >= ? ORDER BY position LIMIT ?',
    ),
    readByTag: db.prepare<[string, number, number], EventRow>(
      `SELECT e.position, e.hash, e.body
         FROM event_tags t JOIN events e ON e.position = t.position
        WHERE t.tag = ? AND t.position >= ?
        ORDER BY t.position LIMIT ?`,
    ),
    latestCheckpoint: db.prepare<[], CheckpointRow>('SELECT size, root, note FROM checkpoints ORDER BY size DESC LIMIT 1'),
    checkpointAt: db.prepare<[number], CheckpointRow>(
      'SELECT size, root, note FROM checkpoints WHERE size <= ? ORDER BY size DESC LIMIT 1',
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

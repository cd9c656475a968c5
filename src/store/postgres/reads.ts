import type pg from 'pg';
import { decodeEvent } from '../codec.js';
import type { IdempotencyRecord, SealedEvent, StoredCheckpoint, StoreHead } from '../port.js';
import type { Tables } from './names.js';

/** The read queries of the PostgreSQL adapter; bigint columns arrive as text. */
type Queryable = Pick<pg.Pool, 'query'>;

interface EventRow {
  position: string;
  hash: string;
  body: string;
}

interface CheckpointRow {
  size: string;
  root: string;
  note: string;
}

/** LIMIT NULL means no limit; pg cannot bind Infinity as a bigint. */
const sqlLimit = (limit: number | undefined): number | null =>
  limit === undefined || !Number.isFinite(limit) ? null : Math.max(0, Math.floor(limit));

const toEvent = (row: EventRow): SealedEvent => decodeEvent(Number(row.position), row.hash, row.body);
const toCheckpoint = (row: CheckpointRow): StoredCheckpoint => ({ size: Number(row.size), root: row.root, note: row.note });

export async function readSize(db: Queryable, t: Tables): Promise<number> {
  const { rows } = await db.query<{ size: string }>(`SELECT coalesce(max(position) + 1, 0) AS size FROM ${t.events}`);
  return Number(rows[0]!.size);
}

export async function readFrom(db: Queryable, t: Tables, from: number, limit: number): Promise<SealedEvent[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT position, hash, body FROM ${t.events} WHERE position >= $1 ORDER BY position LIMIT $2`,
    [Math.max(0, from), sqlLimit(limit)],
  );
  return rows.map(toEvent);
}

export async function readByTag(db: Queryable, t: Tables, tag: string, from: number, limit: number | undefined): Promise<SealedEvent[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT e.position, e.hash, e.body
       FROM ${t.eventTags} g JOIN ${t.events} e ON e.position = g.position
      WHERE g.tag = $1 AND g.position >= $2
      ORDER BY g.position LIMIT $3`,
    [tag, Math.max(0, from), sqlLimit(limit)],
  );
  return rows.map(toEvent);
}

/** One statement, so the size and the checkpoint come from the same snapshot. */
export async function readHead(db: Queryable, t: Tables): Promise<StoreHead> {
  const { rows } = await db.query<{ log_size: string } & Partial<CheckpointRow>>(
    `SELECT (SELECT coalesce(max(position) + 1, 0) FROM ${t.events}) AS log_size, c.size, c.root, c.note
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (SELECT size, root, note FROM ${t.checkpoints} ORDER BY size DESC LIMIT 1) AS c ON true`,
  );
  const row = rows[0]!;
  const size = Number(row.log_size);
  if (row.size === null || row.size === undefined) return { size };
  return { size, checkpoint: toCheckpoint(row as CheckpointRow) };
}

export async function checkpointAt(db: Queryable, t: Tables, size: number): Promise<StoredCheckpoint | undefined> {
  const { rows } = await db.query<CheckpointRow>(
    `SELECT size, root, note FROM ${t.checkpoints} WHERE size <= $1 ORDER BY size DESC LIMIT 1`,
    [size],
  );
  return rows[0] && toCheckpoint(rows[0]);
}

export async function findIdempotency(db: Queryable, t: Tables, principal: string, key: string): Promise<IdempotencyRecord | undefined> {
  const { rows } = await db.query<{ request_hash: string; response: string }>(
    `SELECT request_hash, response FROM ${t.idempotency} WHERE principal = $1 AND key = $2`,
    [principal, key],
  );
  const row = rows[0];
  return row && { principal, key, requestHash: row.request_hash, response: row.response };
}

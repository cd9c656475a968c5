import type pg from 'pg';
import type { AccessQuery, AccessRecord, EraseOutcome, PersonalEntry, StoredAccessRecord } from '../port.js';
import { type PersonalRow, toPersonalEntry } from '../vaultRow.js';
import type { Tables } from './names.js';

/**
 * The PostgreSQL vault's queries. Rows are written by appendBatch (append.ts,
 * in the batch's statement); these read, erase and record access.
 *
 * What erasure does here. PostgreSQL has no secure_delete: the UPDATE that
 * clears data and salt leaves the old tuple version, bytes included, as a
 * dead tuple in the table's pages. The writer runs VACUUM on personal_data
 * right after (cheap: the vault is small, and VACUUM takes a lock that
 * blocks neither reads nor writes), which prunes dead tuples no open
 * snapshot can still see; one held by a long transaction elsewhere keeps
 * its tuple until autovacuum or the next erasure's VACUUM. Pruning makes
 * the space reusable but PostgreSQL does not promise to zero it, so the bytes
 * may stay in the data file until overwritten (VACUUM FULL, which rewrites
 * the table under an exclusive lock, is left to operators). The original
 * INSERT also stays in the write-ahead log (pg_wal, WAL archives, replicas,
 * base backups) until those are recycled: set retention accordingly.
 */

type Queryable = Pick<pg.Pool, 'query'>;

export async function readPersonal(db: Queryable, t: Tables, ref: string): Promise<PersonalEntry | undefined> {
  const { rows } = await db.query<PersonalRow>(
    `SELECT ref, salt, data, recorded_by, region, created_at, erased_at FROM ${t.personalData} WHERE ref = $1`,
    [ref],
  );
  return rows[0] && toPersonalEntry(rows[0]);
}

/** One statement: the update, and whether the ref exists at all, from the same snapshot. */
export async function erasePersonal(client: pg.ClientBase, t: Tables, ref: string, erasedAt: string): Promise<EraseOutcome> {
  const { rows } = await client.query<{ found: boolean; erased: boolean }>(
    `WITH erased AS (
       UPDATE ${t.personalData} SET salt = NULL, data = NULL, erased_at = $2
        WHERE ref = $1 AND erased_at IS NULL RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM ${t.personalData} WHERE ref = $1) AS found, EXISTS (SELECT 1 FROM erased) AS erased`,
    [ref, erasedAt],
  );
  const row = rows[0]!;
  if (row.erased) return 'erased';
  return row.found ? 'already-erased' : 'unknown-ref';
}

/** vacuumVault prunes the dead tuples an erasure left; requires a connection outside any transaction. */
export async function vacuumVault(client: pg.ClientBase, t: Tables): Promise<void> {
  await client.query(`VACUUM ${t.personalData}`);
}

export async function recordAccess(db: Queryable, t: Tables, record: AccessRecord): Promise<void> {
  await db.query(`INSERT INTO ${t.personalAccess} (ref, principal, purpose, at) VALUES ($1, $2, $3, $4)`, [
    record.ref,
    record.principal,
    record.purpose,
    record.at,
  ]);
}

/** LIMIT NULL means no limit. Seq order is insertion order per node; with several nodes recording, commit order may differ slightly. */
export async function accessRecords(db: Queryable, t: Tables, query: AccessQuery): Promise<StoredAccessRecord[]> {
  const limit = Number.isFinite(query.limit) ? Math.max(0, Math.floor(query.limit)) : null;
  const { rows } = await db.query<{ seq: string; ref: string; principal: string; purpose: string; at: string }>(
    `SELECT seq, ref, principal, purpose, at FROM ${t.personalAccess}
      WHERE seq > $1 AND ($2::text IS NULL OR ref = $2) ORDER BY seq LIMIT $3`,
    [query.after ?? 0, query.ref ?? null, limit],
  );
  return rows.map((row) => ({ seq: Number(row.seq), ref: row.ref, principal: row.principal, purpose: row.purpose, at: row.at }));
}

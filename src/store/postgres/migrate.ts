import type pg from 'pg';
import { lockKey, tablesIn, type Tables } from './names.js';

/**
 * The PostgreSQL schema, one entry per version, recorded in `migrations`.
 * Benchmarks may create a scratch table `LIKE events` to measure raw batched
 * inserts of the same shape.
 *
 * - events: one row per sealed event; body is the event's JSON text without
 *   its hash (batchBodies), as text (not jsonb) so the stored bytes are
 *   exactly what was written.
 * - event_tags: (tag, position) btree, which serves readByTag as an ordered
 *   range scan (a GIN index on text[] cannot return rows in position order).
 *   Tags and keys are identifiers, compared bytewise (COLLATE "C"), which
 *   also spares the btree locale-aware comparisons.
 * - checkpoints: signed checkpoints by tree size (a re-sign replaces its row).
 * - idempotency: remembered responses, unique per (principal, key).
 * - personal_data (version 2): the vault, one row per ref; salt and data are
 *   NULL once erased (the tombstone keeps ref, recorded_by, region, times).
 *   data is text, not jsonb, so it is returned byte for byte.
 * - personal_access (version 2): who read which ref, in seq order.
 */
const migrations: readonly ((t: Tables) => string)[] = [
  (t) => `
    CREATE TABLE ${t.events} (
      position bigint PRIMARY KEY,
      hash text NOT NULL,
      type text NOT NULL,
      "time" text NOT NULL,
      body text NOT NULL
    );
    CREATE TABLE ${t.eventTags} (
      tag text COLLATE "C" NOT NULL,
      position bigint NOT NULL,
      PRIMARY KEY (tag, position)
    );
    CREATE TABLE ${t.checkpoints} (
      size bigint PRIMARY KEY,
      root text NOT NULL,
      note text NOT NULL
    );
    CREATE TABLE ${t.idempotency} (
      principal text COLLATE "C" NOT NULL,
      key text COLLATE "C" NOT NULL,
      request_hash text NOT NULL,
      response text NOT NULL,
      PRIMARY KEY (principal, key)
    );`,
  (t) => `
    CREATE TABLE ${t.personalData} (
      ref text COLLATE "C" PRIMARY KEY,
      salt text,
      data text,
      recorded_by text NOT NULL,
      region text NOT NULL,
      created_at text NOT NULL,
      erased_at text,
      CHECK ((erased_at IS NULL) = (salt IS NOT NULL AND data IS NOT NULL))
    );
    CREATE TABLE ${t.personalAccess} (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ref text COLLATE "C" NOT NULL,
      principal text NOT NULL,
      purpose text NOT NULL,
      at text NOT NULL
    );
    CREATE INDEX ON ${t.personalAccess} (ref, seq);`,
];

/**
 * isCurrent tells whether `schema` already has every migration, using only a
 * read, so a reader with no CREATE privilege can open an up-to-date schema.
 */
export async function isCurrent(client: pg.ClientBase, schema: string): Promise<boolean> {
  try {
    const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${tablesIn(schema).migrations}`);
    return (rows[0]?.version ?? 0) >= migrations.length;
  } catch (error) {
    if ((error as { code?: string }).code === '42P01' || (error as { code?: string }).code === '3F000') return false;
    throw error;
  }
}

/**
 * migrate brings `schema` up to date. Safe to run from several processes at
 * once: a transaction-scoped advisory lock serialises them, and versions
 * already recorded are skipped.
 */
export async function migrate(client: pg.ClientBase, schema: string): Promise<void> {
  const t = tablesIn(schema);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey('migrate', schema)]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${t.schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${t.migrations} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>(`SELECT coalesce(max(version), 0) AS version FROM ${t.migrations}`);
    for (let v = rows[0]?.version ?? 0; v < migrations.length; v++) {
      await client.query(migrations[v]!(t));
      await client.query(`INSERT INTO ${t.migrations} (version) VALUES ($1)`, [v + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * PostgreSQL for integration suites. Suites share one database and run in
 * parallel workers, so each test works in a schema of its own
 * (`suyuan_test_<random>`) and drops it afterwards.
 *
 * Without DATABASE_URL the suites are skipped with a warning, except in CI
 * (CI=true), where a missing DATABASE_URL fails the run.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

export const databaseUrl: string | undefined = process.env.DATABASE_URL || undefined;

/** describe() when DATABASE_URL is set; otherwise skip with a message, or fail in CI. */
export function describeWithPostgres(name: string, body: (url: string) => void): void {
  if (databaseUrl) {
    describe(name, () => body(databaseUrl));
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a PostgreSQL server to run against', () => {
        throw new Error(
          'DATABASE_URL is not set, and CI must run the PostgreSQL suites against a real server ' +
            '(e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)',
        );
      });
    });
    return;
  }
  console.warn(`[${name}] skipped: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it`);
  describe.skip(name, () => body(''));
}

/** A fresh schema name, unique across parallel workers. */
export const uniqueSchema = (label = 'test'): string => `suyuan_${label}_${randomBytes(6).toString('hex')}`;

/** Runs `work` on a short-lived admin connection. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const dropSchema = (url: string, schema: string): Promise<unknown> =>
  withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema.replaceAll('"', '""')}" CASCADE`));

/** Kills the server sessions whose application_name is `name`; returns how many. */
export const terminateSessions = (url: string, name: string): Promise<number> =>
  withClient(url, async (client) => {
    const { rows } = await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    return rows.length;
  });

/**
 * Erasure on PostgreSQL: what can be checked from SQL. The row's data and
 * salt are gone from the table and the writer vacuumed it; whether the dead
 * tuple's bytes are also gone from the data file and pg_wal cannot be seen
 * from here (see src/store/postgres/vault.ts).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createPostgresStore, type VaultStore } from '../../src/store/index.js';
import { simpleBatch } from '../support/events.js';
import { describeWithPostgres, dropSchema, uniqueSchema, withClient } from '../support/pg.js';

const PHONE = '13987654321';

describeWithPostgres('postgres erasure', (url) => {
  let schema: string;
  let store: VaultStore;
  beforeEach(async () => {
    schema = uniqueSchema('erasure');
    store = await createPostgresStore({ connectionString: url, schema, role: 'writer', poolSize: 2 });
    await store.appendBatch({
      ...simpleBatch(0, 2),
      vault: [
        {
          ref: 'buyer-1',
          salt: 'ab'.repeat(32),
          data: JSON.stringify({ name: '欧阳娜娜', phone: PHONE }),
          recordedBy: 'op:1',
          region: '440118',
          createdAt: '2026-12-01T00:00:00.000Z',
        },
      ],
    });
  });
  afterEach(async () => {
    await store.close();
    await dropSchema(url, schema);
  });

  it('clears the data and salt from the table and vacuums it', async () => {
    const rows = () =>
      withClient(url, async (client) => (await client.query(`SELECT ref, salt, data, erased_at FROM "${schema}".personal_data`)).rows);
    expect(JSON.stringify(await rows())).toContain(PHONE);
    expect(await store.erasePersonal('buyer-1', '2026-12-02T00:00:00.000Z')).toBe('erased');
    expect(await rows()).toEqual([{ ref: 'buyer-1', salt: null, data: null, erased_at: '2026-12-02T00:00:00.000Z' }]);
    const vacuums = await withClient(url, async (client) => {
      const { rows: stats } = await client.query<{ vacuum_count: string }>(
        'SELECT vacuum_count FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2',
        [schema, 'personal_data'],
      );
      return Number(stats[0]?.vacuum_count ?? 0);
    });
    expect(vacuums).toBeGreaterThanOrEqual(1);
    expect(await store.readFrom(0, 10)).toHaveLength(2);
  });
});

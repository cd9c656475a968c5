/**
 * The PostgreSQL writer as the ledger sees it: health() when its connection
 * is killed (not ok, then ok after it reconnects and re-takes its lock), when
 * another writer takes the lock meanwhile (it stops and says so), and
 * commits whose connection is killed while COMMIT is in flight: every
 * acknowledged command is stored, no failed one is.
 */
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { generateKey, verifyLog } from '../../src/hash/index.js';
import { Ledger, type LogKey } from '../../src/ledger/index.js';
import { createPostgresStore, type EventStore, type PostgresStoreOptions } from '../../src/store/index.js';
import { lockKey } from '../../src/store/postgres/names.js';
import { describeWithPostgres, dropSchema, terminateSessions, uniqueSchema, withClient } from '../support/pg.js';
import { toyDomain, type ToyCommand } from './toyDomain.js';

const key: LogKey = { origin: 'health.test/log', ...generateKey('health.test/log') };
const add = (item: string, n: number): ToyCommand => ({ type: 'add', item, n });

async function eventually(condition: () => boolean, ms = 5_000): Promise<void> {
  for (const started = performance.now(); !condition(); await new Promise((r) => setTimeout(r, 10))) {
    if (performance.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
  }
}

describeWithPostgres('the PostgreSQL writer’s health', (url) => {
  const schemas: string[] = [];
  const stores: EventStore[] = [];
  const openLedger = async (more: Partial<PostgresStoreOptions> = {}) => {
    const schema = uniqueSchema('health');
    schemas.push(schema);
    const store = await createPostgresStore({ connectionString: url, schema, role: 'writer', poolSize: 2, ...more });
    stores.push(store);
    return { schema, store, ledger: await Ledger.open({ store, domain: toyDomain, key }) };
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const schema of schemas.splice(0)) await dropSchema(url, schema);
  });

  it('goes not ok when its connection is killed, refuses commands saying why, and is ok again after it reconnects', async () => {
    const { schema, ledger } = await openLedger();
    expect((await ledger.submit(add('a', 1), 'farm')).ok).toBe(true);
    expect(ledger.health()).toEqual({ ok: true });
    // The name is the writer connection's, and its read pool's too.
    expect(await terminateSessions(url, `suyuan-writer:${schema}`)).toBeGreaterThan(0);
    await eventually(() => !ledger.health().ok);
    const health = ledger.health();
    expect(health).toMatchObject({ ok: false, reason: expect.stringMatching(/PostgreSQL writer lost its connection .*reconnecting/) });
    const refused = await ledger.submit(add('a', 1), 'farm');
    expect(refused.ok).toBe(false);
    await eventually(() => ledger.health().ok);
    expect(await ledger.submit(add('a', 1), 'farm')).toMatchObject({ ok: true, receipt: { size: 2 } });
  });

  it('stops writing, and says so in health and to commands, when another writer holds the lock after a reconnect', async () => {
    const { schema, ledger } = await openLedger();
    expect((await ledger.submit(add('a', 1), 'farm')).ok).toBe(true);
    await withClient(url, async (other) => {
      await terminateSessions(url, `suyuan-writer:${schema}`);
      await other.query('SELECT pg_advisory_lock($1::bigint)', [lockKey('writer', schema)]);
      await eventually(() => /another Suyuan writer/.test(JSON.stringify(ledger.health())));
      const reason = (ledger.health() as { reason: string }).reason;
      expect(reason).toMatch(/took the writer lock on .*; this process stopped writing/);
      expect(await ledger.submit(add('a', 1), 'farm')).toEqual({ ok: false, kind: 'unavailable', message: reason });
    });
  });

  it('acknowledges exactly the batches that committed when the connection is killed while COMMIT is in flight', async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    let kill = false;
    let schema = '';
    const killWriter = () =>
      admin
        .query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`suyuan-writer:${schema}`])
        .catch(() => {});
    try {
      const opened = await openLedger({
        faults: {
          // Fired, not awaited: the kill races the COMMIT that follows, landing before or after it.
          insideTransaction: () => {
            if (kill) void killWriter();
          },
        },
      });
      schema = opened.schema;
      const { ledger, store } = opened;
      const acked = new Set<string>();
      const refused = new Set<string>();
      for (let round = 0; round < 8; round++) {
        await eventually(() => ledger.health().ok).catch((error) => {
          throw new Error(`${error.message}: ${JSON.stringify(ledger.health())}`);
        });
        kill = true;
        const items = [0, 1, 2].map((i) => `r${round}i${i}`);
        const outcomes = await Promise.all(items.map((item) => ledger.submit(add(item, 1), 'farm')));
        kill = false;
        for (const [i, outcome] of outcomes.entries()) (outcome.ok ? acked : refused).add(`lot:${items[i]}`);
      }
      await eventually(() => ledger.health().ok);
      const events = await store.readFrom(0, 1_000);
      const stored = new Set(events.flatMap((e) => e.tags));
      for (const tag of acked) expect(stored.has(tag)).toBe(true);
      for (const tag of refused) expect(stored.has(tag)).toBe(false);
      expect(acked.size + refused.size).toBe(24);
      expect(refused.size).toBeGreaterThan(0);
      expect(verifyLog(events, ledger.checkpoint, key.vkey)).toMatchObject({ ok: true, size: events.length });
      expect(ledger.size).toBe(events.length);
    } finally {
      await admin.end();
    }
  });
});

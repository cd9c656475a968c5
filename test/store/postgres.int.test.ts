import { afterEach, describe, expect, it } from 'vitest';
import {
  CorruptStoredEventError,
  createPostgresStore,
  openStore,
  StoreUnavailableError,
  WriterLockedError,
  type EventStore,
  type VaultStore,
  type PostgresStoreOptions,
} from '../../src/store/index.js';
import { lockKey } from '../../src/store/postgres/names.js';
import { idempotencyRecord, simpleBatch } from '../support/events.js';
import { describeWithPostgres, dropSchema, terminateSessions, uniqueSchema, withClient } from '../support/pg.js';
import { storeContract } from './contract.js';

/** Polls `condition` every 10 ms until it holds, failing after `ms`. */
async function eventually(condition: () => boolean, ms = 5_000): Promise<void> {
  for (const started = performance.now(); !condition(); await new Promise((r) => setTimeout(r, 10))) {
    if (performance.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
  }
}

/** A reader starts LISTENing on its first wait; this makes it do so, then gives up waiting. */
async function startListening(reader: EventStore): Promise<void> {
  const controller = new AbortController();
  const waiting = reader.waitForEvents(Number.MAX_SAFE_INTEGER, controller.signal);
  await new Promise((r) => setTimeout(r, 200));
  controller.abort();
  await waiting;
}

describeWithPostgres('postgres store', (url) => {
  storeContract(
    'postgres',
    async () => {
      const schema = uniqueSchema();
      const opened: VaultStore[] = [];
      const openOne = async (role: 'writer' | 'reader'): Promise<VaultStore> => {
        const store = await createPostgresStore({ connectionString: url, schema, role, pollIntervalMs: 200, poolSize: 2 });
        opened.push(store);
        return store;
      };
      return {
        store: await openOne('writer'),
        reopen: () => openOne('writer'),
        openReader: () => openOne('reader'),
        async dispose() {
          for (const store of opened) await store.close();
          await dropSchema(url, schema);
        },
      };
    },
    { propertyRuns: 25 },
  );

  describe('writer lock, wake-ups and failures', () => {
    const schemas: string[] = [];
    const stores: EventStore[] = [];
    const open = async (options: Omit<PostgresStoreOptions, 'connectionString'>): Promise<EventStore> => {
      const store = await createPostgresStore({ connectionString: url, poolSize: 2, ...options });
      stores.push(store);
      return store;
    };
    const freshSchema = (): string => {
      const schema = uniqueSchema();
      schemas.push(schema);
      return schema;
    };
    afterEach(async () => {
      for (const store of stores.splice(0)) await store.close();
      for (const schema of schemas.splice(0)) await dropSchema(url, schema);
    });

    it('fails a second writer fast with the lock message, and lets it in once the first closes', async () => {
      const schema = freshSchema();
      const first = await open({ schema, role: 'writer' });
      const started = performance.now();
      const second = open({ schema, role: 'writer' });
      await expect(second).rejects.toBeInstanceOf(WriterLockedError);
      await expect(second).rejects.toThrow(`another Suyuan writer holds the lock on ${schema}`);
      expect(performance.now() - started).toBeLessThan(2_000);
      await first.close();
      const third = await open({ schema, role: 'writer' });
      expect(await third.appendBatch(simpleBatch(0, 1))).toEqual({ ok: true });
    });

    it('wakes a reader through LISTEN/NOTIFY well before its slow poll', async () => {
      const schema = freshSchema();
      const writer = await open({ schema, role: 'writer' });
      const reader = await open({ schema, role: 'reader', pollIntervalMs: 60_000 });
      await startListening(reader);
      const started = performance.now();
      const woken = reader.waitForEvents(0);
      await new Promise((r) => setTimeout(r, 50));
      await writer.appendBatch(simpleBatch(0, 2));
      await woken;
      const wokeAfterMs = performance.now() - started - 50;
      expect(wokeAfterMs).toBeLessThan(1_000);
      expect(await reader.readFrom(0, 10)).toHaveLength(2);
    });

    it('re-listens after its listener connection is killed, and still wakes', async () => {
      const schema = freshSchema();
      const writer = await open({ schema, role: 'writer' });
      const reader = await open({ schema, role: 'reader', pollIntervalMs: 60_000 });
      await startListening(reader);
      expect(await terminateSessions(url, `suyuan-listener:${schema}`)).toBe(1);
      await new Promise((r) => setTimeout(r, 400)); // reconnect backoff starts at 100 ms
      const woken = reader.waitForEvents(0);
      await writer.appendBatch(simpleBatch(0, 1));
      await woken;
      expect(await reader.readFrom(0, 10)).toHaveLength(1);
    });

    it('refuses appends from a reader, and from a writer while it has lost its connection; reconnects and re-takes the lock', async () => {
      const schema = freshSchema();
      const writer = await open({ schema, role: 'writer' });
      const reader = await open({ schema, role: 'reader' });
      await expect(reader.appendBatch(simpleBatch(0, 1))).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(reader.health?.()).toEqual({ ok: true });
      await writer.appendBatch(simpleBatch(0, 1));
      expect(writer.health?.()).toEqual({ ok: true });
      expect(await terminateSessions(url, `suyuan-writer:${schema}`)).toBe(1);
      await eventually(() => writer.health?.().ok === false);
      expect(writer.health?.()).toMatchObject({ ok: false, reason: expect.stringMatching(/lost its connection .*reconnecting/) });
      await expect(writer.appendBatch(simpleBatch(1, 1))).rejects.toThrow(/lost its connection/);
      // The refused append sent nothing, and the settled head says so once the lock is held again.
      expect((await writer.settledHead!()).size).toBe(1);
      await eventually(() => writer.health?.().ok === true);
      expect(await writer.appendBatch(simpleBatch(1, 1))).toEqual({ ok: true });
      expect((await reader.head()).size).toBe(2);
      // The lock is this store's again: a second writer is refused.
      await expect(open({ schema, role: 'writer' })).rejects.toBeInstanceOf(WriterLockedError);
    });

    it('stops writing, and says so, when another writer takes the lock while it reconnects', async () => {
      const schema = freshSchema();
      const writer = await open({ schema, role: 'writer' });
      await writer.appendBatch(simpleBatch(0, 1));
      await withClient(url, async (other) => {
        expect(await terminateSessions(url, `suyuan-writer:${schema}`)).toBe(1);
        // Blocks until the killed session has released the lock: well before the first reconnect (100 ms).
        await other.query('SELECT pg_advisory_lock($1::bigint)', [lockKey('writer', schema)]);
        const otherPid = (await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        await eventually(() => /another Suyuan writer/.test(JSON.stringify(writer.health?.())));
        expect(writer.health?.()).toEqual({
          ok: false,
          reason: `another Suyuan writer (server process ${otherPid}) took the writer lock on ${schema}; this process stopped writing`,
        });
        await expect(writer.appendBatch(simpleBatch(1, 1))).rejects.toThrow(/another Suyuan writer/);
        expect((await writer.settledHead!()).size).toBe(1);
        // It does not take the lock back when the other writer lets go.
        await other.query('SELECT pg_advisory_unlock_all()');
        await new Promise((r) => setTimeout(r, 300));
        expect(writer.health?.().ok).toBe(false);
      });
    });

    it('rolls back a batch whose transaction fails after its rows are written (the insideTransaction test hook)', async () => {
      const schema = freshSchema();
      let fail = false;
      const writer = await open({
        schema,
        role: 'writer',
        faults: {
          insideTransaction: () => {
            if (fail) throw new Error('injected inside the transaction');
          },
        },
      });
      await writer.appendBatch(simpleBatch(0, 2));
      fail = true;
      await expect(writer.appendBatch(simpleBatch(2, 3))).rejects.toThrow('injected inside the transaction');
      expect(await writer.settledHead!()).toMatchObject({ size: 2, checkpoint: { size: 2 } });
      expect(await writer.readByTag('lot:3')).toEqual([]);
      fail = false;
      expect(await writer.appendBatch(simpleBatch(2, 3))).toEqual({ ok: true });
    });

    it('appends a batch too big for one statement (65,535 parameters) whole, in order', async () => {
      const schema = freshSchema();
      const writer = await open({ schema, role: 'writer' });
      const first = simpleBatch(0, 3);
      const big = simpleBatch(3, 8192 + 1000 + 7, [idempotencyRecord('op:1', 'big')]);
      expect(await writer.appendBatch(first)).toEqual({ ok: true });
      expect(await writer.appendBatch(big)).toEqual({ ok: true });
      const back = [];
      for (let from = 0; ; from += 5000) {
        const page = await writer.readFrom(from, 5000);
        back.push(...page);
        if (page.length < 5000) break;
      }
      const all = [...first.events, ...big.events];
      expect(back).toEqual(all);
      expect(await writer.readByTag('lot:3')).toEqual(all.filter((e) => e.tags.includes('lot:3')));
    });

    it('runs migrations once even when several stores open a new schema at the same time', async () => {
      const schema = freshSchema();
      await Promise.all([open({ schema, role: 'writer' }), open({ schema, role: 'reader' }), open({ schema, role: 'reader' })]);
      const versions = await withClient(url, (c) => c.query(`SELECT version FROM "${schema}".migrations`));
      expect(versions.rows).toEqual([{ version: 1 }, { version: 2 }]);
    });

    it('lets a reader with only SELECT privileges open a current schema and follow it', async () => {
      const schema = freshSchema();
      const writer = await open({ schema, role: 'writer' });
      const role = `${schema}_ro`;
      await withClient(url, (c) =>
        c.query(`CREATE ROLE "${role}" LOGIN; GRANT USAGE ON SCHEMA "${schema}" TO "${role}";
                 GRANT SELECT ON ALL TABLES IN SCHEMA "${schema}" TO "${role}";`),
      );
      try {
        const readerUrl = new URL(url);
        readerUrl.username = role;
        const reader = await createPostgresStore({ connectionString: readerUrl.toString(), schema, role: 'reader' });
        stores.push(reader);
        const woken = reader.waitForEvents(0);
        await writer.appendBatch(simpleBatch(0, 2));
        await woken;
        expect(await reader.readFrom(0, 10)).toHaveLength(2);
        await reader.close();
      } finally {
        await withClient(url, (c) => c.query(`DROP OWNED BY "${role}"; DROP ROLE "${role}"`));
      }
    });

    it('names the position of a stored event whose body was damaged', async () => {
      const schema = freshSchema();
      const writer = await open({ schema, role: 'writer' });
      await writer.appendBatch(simpleBatch(0, 4));
      await withClient(url, (c) => c.query(`UPDATE "${schema}".events SET body = body || 'x' WHERE position = 2`));
      await expect(writer.readFrom(0, 10)).rejects.toSatisfy((error) => error instanceof CorruptStoredEventError && error.position === 2);
    });

    it('opens from a URL with schema and role parameters', async () => {
      const schema = freshSchema();
      const writer = await openStore(`${url}?schema=${schema}`);
      stores.push(writer);
      const reader = await openStore(`${url}?schema=${schema}&role=reader`);
      stores.push(reader);
      expect(writer.kind).toBe('postgres');
      await writer.appendBatch(simpleBatch(0, 3));
      expect((await reader.head()).size).toBe(3);
      await expect(reader.appendBatch(simpleBatch(3, 1))).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });
});

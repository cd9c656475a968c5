/**
 * A read-only node whose store is tampered with, on sqlite and PostgreSQL:
 * an edited body, an edited hash column, or a fork (the log rolled back below
 * the reader's checkpoint and rewritten with the same key). The running
 * reader keeps serving only the verified prefix (its checkpoint, no code made
 * after it), answers /health/ready 503 naming the refusal and counts it in
 * /metrics; restarted on the same store and data directory, it still refuses.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LogFollower, build, keyDigest, newApiKey, type ZodApp } from '../../src/api/index.js';
import { eventHash, generateKey } from '../../src/hash/index.js';
import { openSuyuanLedger, type LogKey, type SuyuanLedger } from '../../src/ledger/index.js';
import { startProjections, type RunningProjections } from '../../src/projections/index.js';
import { openStore, type EventStore, type SealedEvent } from '../../src/store/index.js';
import { describeWithPostgres, dropSchema, uniqueSchema, withClient } from '../support/pg.js';
import { farmToCoop, lotBody, ok, setUp } from './support/chain.js';
import type { Harness } from './support/harness.js';

/** Runs SQL on the tampered store (sqlite file or postgres schema); `$1`-style parameters. */
type Sql = (statement: string, parameters?: readonly unknown[]) => Promise<Record<string, unknown>[]>;

const sqliteSql =
  (file: string): Sql =>
  async (statement, parameters = []) => {
    const db = new Database(file);
    try {
      const prepared = db.prepare(statement.replace(/\$\d+/g, '?'));
      if (prepared.reader) return prepared.all(...parameters) as Record<string, unknown>[];
      prepared.run(...parameters);
      return [];
    } finally {
      db.close();
    }
  };

const postgresSql =
  (url: string, schema: string): Sql =>
  (statement, parameters = []) =>
    withClient(url, async (client) => {
      await client.query(`SET search_path TO "${schema}"`);
      return (await client.query(statement, [...parameters])).rows as Record<string, unknown>[];
    });

type Tampering = 'edited body' | 'edited hash column' | 'rolled-back log' | 'forked log';

interface Reader {
  readonly log: LogFollower;
  readonly app: ZodApp;
  close(): Promise<void>;
}

async function startReader(url: string, vkey: string, dataDir: string, adminKeyDigest: string): Promise<Reader> {
  const store = await openStore(url, { role: 'reader' });
  const log = await LogFollower.start({ store, vkey, checkpointFile: join(dataDir, 'reader-checkpoint') });
  const projections = await startProjections({ store: log.verifiedStore, ledger: log });
  const app = await build({
    log,
    store: log.verifiedStore,
    read: projections.readModel,
    adminKeyDigest,
    rateLimit: false,
    processMetrics: false,
  });
  return {
    log,
    app,
    close: async () => {
      await app.close();
      await projections.stop();
      await log.flush();
      await store.close();
    },
  };
}

interface Writer {
  readonly ledger: SuyuanLedger;
  readonly h: Harness;
  close(): Promise<void>;
}

async function startWriter(url: string, key: LogKey, adminKey: string): Promise<Writer> {
  const store: EventStore = await openStore(url);
  const ledger = await openSuyuanLedger({ store, key });
  const projections: RunningProjections = await startProjections({ store, ledger });
  const app = await build({
    ledger,
    store,
    read: projections.readModel,
    adminKeyDigest: keyDigest(adminKey),
    rateLimit: false,
    processMetrics: false,
  });
  const h = {
    adminKey,
    ledger,
    call: (method: string, path: string, options: { key?: string; body?: unknown } = {}) =>
      app.inject({
        method: method as 'GET',
        url: path,
        headers: options.key ? { authorization: `Bearer ${options.key}` } : {},
        ...(options.body === undefined ? {} : { payload: options.body as object }),
      }),
  } as unknown as Harness;
  return {
    ledger,
    h,
    close: async () => {
      await app.close();
      await projections.stop();
      await ledger.close();
      await store.close();
    },
  };
}

/** tamper changes the store behind the reader's back; returns the code of a lot made after the reader's checkpoint. */
async function tamper(kind: Tampering, sql: Sql, writer: Writer, farmKey: string, verifiedSize: number): Promise<string> {
  const lot = (await ok(writer.h.call('POST', '/v1/lots', { key: farmKey, body: lotBody(300) }))).code as string;
  if (kind === 'edited body') {
    const [row] = await sql('SELECT body FROM events WHERE position = $1', [verifiedSize]);
    const body = JSON.parse(String(row!.body)) as { data: Record<string, unknown> };
    body.data = { ...body.data, forged: true };
    await sql('UPDATE events SET body = $1 WHERE position = $2', [JSON.stringify(body), verifiedSize]);
  } else if (kind === 'edited hash column') {
    const forged = createHash('sha256').update('forged').digest('hex');
    await sql('UPDATE events SET hash = $1 WHERE position = $2', [forged, verifiedSize]);
  }
  return lot;
}

/**
 * rollBack rolls the store back to a checkpoint below `verifiedSize` (a restore from an older copy) and,
 * with `rewrite`, writes a different, longer log there with the same key (a fork).
 */
async function rollBack(sql: Sql, url: string, key: LogKey, adminKey: string, verifiedSize: number, rewrite: boolean): Promise<void> {
  const [row] = await sql('SELECT max(size) AS size FROM checkpoints WHERE size < $1', [verifiedSize - 1]);
  const back = Number(row!.size);
  await sql('DELETE FROM event_tags WHERE position >= $1', [back]);
  await sql('DELETE FROM events WHERE position >= $1', [back]);
  await sql('DELETE FROM checkpoints WHERE size > $1', [back]);
  if (!rewrite) return;
  const writer = await startWriter(url, key, adminKey);
  try {
    for (let i = 0; writer.ledger.size <= verifiedSize + 2; i++) {
      await ok(writer.h.call('POST', '/v1/principals', { key: adminKey, body: { name: `forked ${i}`, role: 'auditor' } }));
    }
  } finally {
    await writer.close();
  }
}

async function expectRefusing(reader: Reader, reason: RegExp): Promise<void> {
  const ready = await reader.app.inject('/health/ready');
  expect(ready.statusCode).toBe(503);
  expect(ready.json()).toMatchObject({ code: 'NotReady', detail: expect.stringMatching(reason) });
  expect(ready.json().detail).toContain('the follower refuses the stored log');
  const metrics = (await reader.app.inject('/metrics')).body;
  expect(metrics).toMatch(/^suyuan_follower_refusing 1$/m);
  expect(metrics).toMatch(/^suyuan_follower_refusals_total [1-9]\d*$/m);
}

async function refusesTampering(url: string, sql: Sql, kind: Tampering): Promise<void> {
  const key: LogKey = { origin: 'refusal.test/log', ...generateKey('refusal.test/log') };
  const adminKey = newApiKey();
  const dataDir = mkdtempSync(join(tmpdir(), 'suyuan-refusal-reader-'));
  let writer = await startWriter(url, key, adminKey);
  let reader: Reader | undefined;
  try {
    const keys = await setUp(writer.h);
    const { coopLot } = await farmToCoop(writer.h, keys);
    reader = await startReader(url, key.vkey, dataDir, keyDigest(adminKey));
    const verified = writer.ledger.checkpoint;
    const verifiedSize = reader.log.size;
    expect(reader.log.checkpoint).toBe(verified);
    expect((await reader.app.inject('/health/ready')).statusCode).toBe(200);

    const lateLot = await tamper(kind, sql, writer, keys.farm, verifiedSize);
    const rolledBack = kind === 'rolled-back log' || kind === 'forked log';
    if (rolledBack) {
      await writer.close();
      await rollBack(sql, url, key, adminKey, verifiedSize, kind === 'forked log');
      writer = await startWriter(url, key, adminKey);
    }
    await expect(reader.log.catchUp()).rejects.toMatchObject({ name: 'LogIntegrityError' });

    // The running reader serves the verified prefix and nothing past it.
    expect((await reader.app.inject('/v1/log/checkpoint')).body).toBe(verified);
    expect((await reader.app.inject(`/v1/codes/${coopLot}`)).statusCode).toBe(200);
    expect((await reader.app.inject(`/v1/codes/${lateLot}`)).statusCode).toBe(404);
    await expectRefusing(reader, REASON[kind]);
    expect((await reader.app.inject('/health/live')).statusCode).toBe(200);
    await reader.close();
    reader = undefined;

    // Restarted on the same store and data directory, it still refuses.
    reader = await startReader(url, key.vkey, dataDir, keyDigest(adminKey));
    expect(reader.log.refusal).toBeDefined();
    expect((await reader.app.inject(`/v1/codes/${lateLot}`)).statusCode).toBe(404);
    if (rolledBack) {
      // The store does not extend the remembered checkpoint: nothing of it is served.
      expect(reader.log.refusal).toMatchObject({ code: kind === 'forked log' ? 'not-an-extension' : 'rolled-back' });
      expect(reader.log.size).toBe(0);
      expect((await reader.app.inject(`/v1/codes/${coopLot}`)).statusCode).toBe(404);
      expect((await reader.app.inject('/v1/log/checkpoint')).statusCode, 'no checkpoint to vouch for').toBe(503);
      await expectRefusing(reader, kind === 'forked log' ? /not an extension of the checkpoint of \d+ events/ : /rolled back/);
    } else {
      expect(reader.log.refusal).toMatchObject({ code: 'hash-mismatch', position: verifiedSize });
      expect((await reader.app.inject('/v1/log/checkpoint')).body).toBe(verified);
      expect((await reader.app.inject(`/v1/codes/${coopLot}`)).statusCode).toBe(200);
      await expectRefusing(reader, /hash/);
    }
  } finally {
    await reader?.close();
    await writer.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const KINDS: readonly Tampering[] = ['edited body', 'edited hash column', 'rolled-back log', 'forked log'];

/** What the running reader's refusal says (a fork longer than the verified log fails on the signed root). */
const REASON: Record<Tampering, RegExp> = {
  'edited body': /hash/,
  'edited hash column': /hash/,
  'rolled-back log': /rolled back/,
  'forked log': /Merkle root of the first \d+ events differs/,
};

describe('a read-only node over a tampered sqlite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-refusal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const [i, kind] of KINDS.entries()) {
    const file = join(dir, `store-${i}.db`);
    it(
      `refuses the ${kind}, serving only the verified prefix, also after a restart`,
      () => refusesTampering(file, sqliteSql(file), kind),
      60_000,
    );
  }
});

describeWithPostgres('a read-only node over a tampered postgres store', (url) => {
  const schemas = KINDS.map(() => uniqueSchema('refusal'));
  afterAll(() => Promise.all(schemas.map((schema) => dropSchema(url, schema))));
  for (const [i, kind] of KINDS.entries()) {
    const schema = schemas[i]!;
    it(
      `refuses the ${kind}, serving only the verified prefix, also after a restart`,
      () => refusesTampering(`${url}?schema=${schema}`, postgresSql(url, schema), kind),
      60_000,
    );
  }
});

/**
 * An insider who edits an event the reader verified already, body and hash column together (so the row is
 * self-consistent), while the reader runs: the next read of that event is held against the verified tree's
 * leaf, refused, and the reader refuses the log from then on.
 */
async function refusesConsistentEdit(url: string, sql: Sql): Promise<void> {
  const key: LogKey = { origin: 'refusal.test/log', ...generateKey('refusal.test/log') };
  const adminKey = newApiKey();
  const dataDir = mkdtempSync(join(tmpdir(), 'suyuan-refusal-reader-'));
  const writer = await startWriter(url, key, adminKey);
  let reader: Reader | undefined;
  try {
    const keys = await setUp(writer.h);
    const { farmLot } = await farmToCoop(writer.h, keys);
    reader = await startReader(url, key.vkey, dataDir, keyDigest(adminKey));
    const before = await reader.app.inject(`/v1/codes/${farmLot}/proof`);
    expect(before.statusCode).toBe(200);
    const [row] = await sql("SELECT position, body FROM events WHERE body LIKE '%lot.commissioned%' ORDER BY position LIMIT 1");
    const event = { ...(JSON.parse(String(row!.body)) as SealedEvent), hash: '' };
    const forged = { ...event, data: { ...(event.data as Record<string, unknown>), forged: true } };
    await sql('UPDATE events SET body = $1, hash = $2 WHERE position = $3', [
      JSON.stringify({ ...forged, hash: undefined }),
      eventHash(forged),
      Number(row!.position),
    ]);
    // The public bundle was built before the edit and is kept for this checkpoint; the full one reads the store now.
    const after = await reader.app.inject({ url: `/v1/codes/${farmLot}/proof`, headers: { authorization: `Bearer ${keys.auditor}` } });
    expect(after.statusCode).toBeGreaterThanOrEqual(500);
    expect(after.body).not.toContain('forged');
    await expectRefusing(reader, /changed after this node verified it/);
  } finally {
    await reader?.close();
    await writer.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('a read-only node whose verified events are edited consistently while it runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-refusal-edit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('refuses them on sqlite', () => refusesConsistentEdit(join(dir, 'store.db'), sqliteSql(join(dir, 'store.db'))), 60_000);
});

describeWithPostgres('a read-only node whose verified events are edited consistently while it runs, on postgres', (url) => {
  const schema = uniqueSchema('refusal-edit');
  afterAll(() => dropSchema(url, schema));
  it('refuses them', () => refusesConsistentEdit(`${url}?schema=${schema}`, postgresSql(url, schema)), 60_000);
});

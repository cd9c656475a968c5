/**
 * Revocation holds on long-lived and remote requests, on sqlite and
 * PostgreSQL: a subscriber's event stream ends within 2 s of its key being
 * revoked, on the writer and on a read-only node; and a read-only node that
 * has not verified the writer's latest state within its bound refuses
 * authenticated requests (503 StaleReader) while public reads go on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LogFollower, build, keyDigest, newApiKey, type ZodApp } from '../../src/api/index.js';
import { generateKey } from '../../src/hash/index.js';
import { openSuyuanLedger, type LogKey } from '../../src/ledger/index.js';
import { startProjections } from '../../src/projections/index.js';
import { openStore } from '../../src/store/index.js';
import { describeWithPostgres, dropSchema, uniqueSchema } from '../support/pg.js';
import { farmToCoop, ok, setUp } from './support/chain.js';
import type { Harness } from './support/harness.js';
import { connectSse, type SseEvent } from './support/sse.js';

interface Nodes {
  readonly writer: ZodApp;
  readonly reader: ZodApp;
  readonly log: LogFollower;
  readonly onWriter: Harness;
  readonly adminKey: string;
  /** Starts the reader's follow loop; returns a function that stops it. */
  follow(): () => Promise<void>;
  close(): Promise<void>;
}

async function writerAndReader(url: string, maxStalenessMs: number): Promise<Nodes> {
  const adminKey = newApiKey();
  const key: LogKey = { origin: 'revocation.test/log', ...generateKey('revocation.test/log') };
  const common = { adminKeyDigest: keyDigest(adminKey), rateLimit: false as const, processMetrics: false, heartbeatMs: 100 };
  const writerStore = await openStore(url);
  const ledger = await openSuyuanLedger({ store: writerStore, key });
  const writerProjections = await startProjections({ store: writerStore, ledger });
  const writer = await build({ ledger, store: writerStore, read: writerProjections.readModel, ...common });
  const readerStore = await openStore(url, { role: 'reader' });
  const log = await LogFollower.start({ store: readerStore, vkey: ledger.vkey, headCheckMs: 50 });
  const readerProjections = await startProjections({ store: log.verifiedStore, ledger: log });
  const reader = await build({ log, store: log.verifiedStore, read: readerProjections.readModel, maxStalenessMs, ...common });
  const onWriter = {
    adminKey,
    ledger,
    call: (method: string, path: string, options: { key?: string; body?: unknown } = {}) =>
      writer.inject({
        method: method as 'GET',
        url: path,
        headers: options.key ? { authorization: `Bearer ${options.key}` } : {},
        ...(options.body === undefined ? {} : { payload: options.body as object }),
      }),
  } as unknown as Harness;
  const loops = new Set<() => Promise<void>>();
  return {
    writer,
    reader,
    log,
    onWriter,
    adminKey,
    follow() {
      const controller = new AbortController();
      const followed = log.follow(controller.signal);
      const stop = async () => {
        controller.abort();
        await followed;
        loops.delete(stop);
      };
      loops.add(stop);
      return stop;
    },
    close: async () => {
      for (const stop of loops) await stop();
      await reader.close();
      await readerProjections.stop();
      await writer.close();
      await writerProjections.stop();
      await ledger.close();
      await readerStore.close();
      await writerStore.close();
    },
  };
}

async function waitFor(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise((resolve) => setTimeout(resolve, 10))) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
  }
}

async function revokedStreamsEnd(url: string): Promise<void> {
  const nodes = await writerAndReader(url, 30_000);
  const stopFollowing = nodes.follow();
  try {
    const keys = await setUp(nodes.onWriter);
    const base = {
      writer: await nodes.writer.listen({ port: 0, host: '127.0.0.1' }),
      reader: await nodes.reader.listen({ port: 0, host: '127.0.0.1' }),
    };
    const ledger = nodes.onWriter.ledger;
    await waitFor(() => nodes.log.size === ledger.size, 'the reader to catch up');
    const heard: Record<'writer' | 'reader', SseEvent[]> = { writer: [], reader: [] };
    const headers = { authorization: `Bearer ${keys.subscriber}` };
    const streams = {
      writer: await connectSse(`${base.writer}/v1/log/stream`, headers, (event) => heard.writer.push(event)),
      reader: await connectSse(`${base.reader}/v1/log/stream`, headers, (event) => heard.reader.push(event)),
    };
    await waitFor(() => heard.writer.length === ledger.size && heard.reader.length === ledger.size, 'both streams to replay the log');

    const me = await ok(nodes.onWriter.call('GET', '/v1/me', { key: keys.subscriber }));
    await ok(nodes.onWriter.call('POST', `/v1/principals/${me.id}/revoke`, { key: nodes.adminKey, body: { reason: '合同到期' } }));
    const revokedAt = Date.now();
    const within = (closed: Promise<void>) =>
      Promise.race([closed.then(() => Date.now() - revokedAt), new Promise<number>((resolve) => setTimeout(() => resolve(-1), 2000))]);
    const [writerEnded, readerEnded] = await Promise.all([within(streams.writer.closed), within(streams.reader.closed)]);
    streams.writer.drop();
    streams.reader.drop();
    expect(writerEnded, 'the writer ends the stream within 2 s').toBeGreaterThanOrEqual(0);
    expect(readerEnded, 'the reader ends the stream within 2 s').toBeGreaterThanOrEqual(0);
    for (const node of ['writer', 'reader'] as const) {
      expect(heard[node].at(-1)).toMatchObject({ event: 'end', data: expect.stringContaining('KeyRevoked') });
    }
  } finally {
    await stopFollowing();
    await nodes.close();
  }
}

async function staleReaderRefusesKeys(url: string): Promise<void> {
  const nodes = await writerAndReader(url, 300);
  try {
    const keys = await setUp(nodes.onWriter);
    const { coopLot } = await farmToCoop(nodes.onWriter, keys);
    const stopFollowing = nodes.follow();
    await waitFor(() => nodes.log.size === nodes.onWriter.ledger.size, 'the reader to catch up');
    // Following, it verifies the writer's head every 50 ms (headCheckMs), even while nothing is written.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await nodes.reader.inject({ url: '/v1/me', headers: { authorization: `Bearer ${keys.auditor}` } })).statusCode).toBe(200);

    await stopFollowing();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const refused = await nodes.reader.inject({ url: '/v1/me', headers: { authorization: `Bearer ${keys.auditor}` } });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json()).toMatchObject({ code: 'StaleReader', detail: expect.stringContaining('last verified') });
    expect((await nodes.reader.inject(`/v1/codes/${coopLot}`)).statusCode, 'public reads go on').toBe(200);
    const ready = await nodes.reader.inject('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().detail).toContain("the writer's latest state");

    // Verified again, it vouches for keys again.
    await nodes.log.catchUp();
    expect((await nodes.reader.inject({ url: '/v1/me', headers: { authorization: `Bearer ${keys.auditor}` } })).statusCode).toBe(200);
  } finally {
    await nodes.close();
  }
}

describe('revocation on sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-revocation-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('ends a revoked subscriber’s stream within 2 s on the writer and on a reader', () => revokedStreamsEnd(join(dir, 'sse.db')), 30_000);
  it('a stale reader refuses keys (503) and still serves public reads', () => staleReaderRefusesKeys(join(dir, 'stale.db')), 30_000);
});

describeWithPostgres('revocation on postgres', (url) => {
  const schemas = [uniqueSchema('revocation'), uniqueSchema('stale')] as const;
  afterAll(() => Promise.all(schemas.map((schema) => dropSchema(url, schema))));
  it(
    'ends a revoked subscriber’s stream within 2 s on the writer and on a reader',
    () => revokedStreamsEnd(`${url}?schema=${schemas[0]}`),
    30_000,
  );
  it(
    'a stale reader refuses keys (503) and still serves public reads',
    () => staleReaderRefusesKeys(`${url}?schema=${schemas[1]}`),
    30_000,
  );
});

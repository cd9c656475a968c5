/**
 * The event stream over a real server on the sqlite store: subscribers that
 * drop and resume at random (Last-Event-ID) receive every event exactly once,
 * in order, while the writer keeps writing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, keyDigest, newApiKey, type ZodApp } from '../../src/api/index.js';
import { generateKey } from '../../src/hash/index.js';
import { openSuyuanLedger, type SuyuanLedger } from '../../src/ledger/index.js';
import { startProjections, type RunningProjections } from '../../src/projections/index.js';
import { openStore, type EventStore } from '../../src/store/index.js';
import { codeGenerator, commissionCommand, operatorActor, registerAndApprove, shipCommand } from '../support/scenario.js';
import { connectSse, type SseConnection, type SseEvent } from './support/sse.js';

const dir = mkdtempSync(join(tmpdir(), 'suyuan-sse-'));
let store: EventStore;
let ledger: SuyuanLedger;
let projections: RunningProjections;
let app: ZodApp;
let base: string;
const adminKey = newApiKey();

beforeAll(async () => {
  store = await openStore(join(dir, 'suyuan.db'));
  ledger = await openSuyuanLedger({ store, key: { origin: 'sse.test/log', ...generateKey('sse.test/log') }, batch: { maxCommands: 16 } });
  projections = await startProjections({ store, ledger });
  app = await build({
    ledger,
    store,
    read: projections.readModel,
    adminKeyDigest: keyDigest(adminKey),
    rateLimit: false,
    processMetrics: false,
    heartbeatMs: 50,
  });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  await projections.stop();
  await ledger.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** writeChain commissions and ships lots in bursts, with pauses, until `lots` lots exist. */
async function writeChain(lots: number): Promise<void> {
  const [farm, buyer] = await registerAndApprove(ledger, 2);
  const code = codeGenerator(11);
  for (let i = 0; i < lots; i += 5) {
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        const lot = code(1);
        await ledger.submit(commissionCommand(lot, 10), operatorActor(farm!));
        await ledger.submit(shipCommand(lot, code(2), 4, buyer!), operatorActor(farm!));
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
}

/** A subscriber that drops the connection after a random number of events and resumes from the last id. */
async function resumingSubscriber(key: string, seed: number, until: () => number, query = ''): Promise<SseEvent[]> {
  const random = prng(seed);
  const received: SseEvent[] = [];
  let lastId: string | undefined;
  let reconnects = 0;
  while (lastId === undefined || Number(lastId) < until() - 1) {
    const budget = 1 + Math.floor(random() * 40);
    let got = 0;
    let stopped = false;
    let connection: SseConnection | undefined;
    const headers: Record<string, string> = {
      authorization: `Bearer ${key}`,
      ...(lastId === undefined ? {} : { 'last-event-id': lastId }),
    };
    connection = await connectSse(`${base}/v1/log/stream${query}`, headers, (event) => {
      // Like a client whose connection just broke: nothing after the drop is seen.
      if (stopped) return;
      received.push(event);
      lastId = event.id;
      if (++got >= budget) {
        stopped = true;
        connection?.drop();
      }
    });
    if (stopped) connection.drop();
    const timeout = setTimeout(() => connection.drop(), 300 + random() * 300);
    await connection.closed;
    clearTimeout(timeout);
    reconnects++;
    if (reconnects > 2000) throw new Error('too many reconnects');
  }
  return received;
}

describe('GET /v1/log/stream', () => {
  it('delivers every event exactly once, in order, to subscribers that drop and resume at random', async () => {
    const subscriber = (
      await app.inject({
        method: 'POST',
        url: '/v1/principals',
        headers: { authorization: `Bearer ${adminKey}` },
        payload: { name: 'platform', role: 'subscriber' },
      })
    ).json().key as string;
    let done = false;
    let finalSize = Number.POSITIVE_INFINITY;
    const target = () => (done ? finalSize : Number.POSITIVE_INFINITY);
    const writing = writeChain(150).then(() => {
      finalSize = ledger.size;
      done = true;
    });
    const subscribers = [1, 2, 3].map((seed) => resumingSubscriber(subscriber, seed, target));
    await writing;
    const results = await Promise.all(subscribers);
    const stored = await store.readFrom(0, finalSize);
    for (const received of results) {
      expect(received.map((event) => Number(event.id))).toEqual(stored.map((event) => event.position));
      received.forEach((event, index) => {
        const parsed = JSON.parse(event.data);
        expect(parsed.hash).toBe(stored[index]!.hash);
        expect(event.event).toBe(stored[index]!.type);
      });
    }
  }, 60_000);

  it('filters by event type and tag prefix, and keeps idle streams alive with heartbeats', async () => {
    const auditor = (
      await app.inject({
        method: 'POST',
        url: '/v1/principals',
        headers: { authorization: `Bearer ${adminKey}` },
        payload: { name: 'audit', role: 'auditor' },
      })
    ).json().key as string;
    const events: SseEvent[] = [];
    const comments: string[] = [];
    const connection: SseConnection = await connectSse(
      `${base}/v1/log/stream?types=lot.shipped,operator.&tags=lot:2`,
      { authorization: `Bearer ${auditor}` },
      (event) => events.push(event),
      (text) => comments.push(text),
    );
    const size = ledger.size;
    for (let waited = 0; comments.length < 2 && waited < 3000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    connection.drop();
    await connection.closed;
    const expected = (await store.readFrom(0, size)).filter(
      (event) => (event.type === 'lot.shipped' || event.type.startsWith('operator.')) && event.tags.some((tag) => tag.startsWith('lot:2')),
    );
    expect(events.map((event) => Number(event.id))).toEqual(expected.map((event) => event.position));
    expect(expected.length).toBeGreaterThan(0);
    expect(comments).toContain('heartbeat');
  });
});

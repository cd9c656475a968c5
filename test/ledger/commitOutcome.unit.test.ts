/**
 * The writer's side of an unknown commit outcome, a throwing commit listener
 * and health(), on the memory store with the toy domain. The store wrappers
 * fail where a real store can: before touching anything, or after the
 * database committed (the error reaches the client only).
 */
import { describe, expect, it } from 'vitest';
import { generateKey, verifyLog } from '../../src/hash/index.js';
import { Ledger, verifyReceipt, type LogKey } from '../../src/ledger/index.js';
import { createMemoryStore, type AppendBatch, type EventStore, type StoreHead } from '../../src/store/index.js';
import { toyDomain, type ToyCommand } from './toyDomain.js';

const key: LogKey = { origin: 'outcome.test/log', ...generateKey('outcome.test/log') };
const add = (item: string, n: number): ToyCommand => ({ type: 'add', item, n });

type Mode = 'pass' | 'commit-then-throw' | 'throw-before';

/** A memory store whose next append can commit and then throw, or throw untouched; settledHead can be overridden. */
function faultyStore(settledHead?: (inner: EventStore) => Promise<StoreHead>) {
  const inner = createMemoryStore();
  let mode: Mode = 'pass';
  const store: EventStore = Object.assign(Object.create(inner) as EventStore, {
    appendBatch: async (batch: AppendBatch) => {
      const now = batch.events.length > 0 ? mode : 'pass';
      mode = 'pass';
      if (now === 'throw-before') throw new Error('connection reset before the statement was sent');
      const result = await inner.appendBatch(batch);
      if (now === 'commit-then-throw') throw new Error('connection reset while COMMIT was in flight');
      return result;
    },
    ...(settledHead ? { settledHead: () => settledHead(inner) } : {}),
  });
  return { inner, store, failNext: (next: Mode) => (mode = next) };
}

const open = (store: EventStore, more: Partial<Parameters<typeof Ledger.open>[0]> = {}) =>
  Ledger.open({ store, domain: toyDomain, key, ...more });

describe('a commit whose outcome is unknown', () => {
  it('is acknowledged when the store shows the batch committed, with receipts that verify', async () => {
    const { inner, store, failNext } = faultyStore();
    const ledger = await open(store);
    await ledger.submit(add('a', 1), 'farm');
    failNext('commit-then-throw');
    const outcomes = await Promise.all([add('a', 2), add('b', 3)].map((c) => ledger.submit(c, 'farm')));
    for (const outcome of outcomes) {
      expect(outcome.ok).toBe(true);
      if (outcome.ok) expect(verifyReceipt(outcome.receipt, key.vkey)).toMatchObject({ ok: true });
    }
    expect(ledger.size).toBe(3);
    expect(ledger.entity('lot:a')).toEqual({ stock: 3 });
    expect(ledger.health()).toEqual({ ok: true });
    expect((await ledger.submit(add('a', 1), 'farm')).ok).toBe(true);
    expect(verifyLog(await inner.readFrom(0, 100), ledger.checkpoint, key.vkey)).toMatchObject({ ok: true, size: 4 });
  });

  it('answers an idempotent retry of an acknowledged-after-error command with the same receipt', async () => {
    const { store, failNext } = faultyStore();
    const ledger = await open(store);
    const idem = { principal: 'farm', key: 'k', requestHash: 'h' };
    failNext('commit-then-throw');
    const first = await ledger.submit(add('a', 2), 'farm', idem);
    const retry = await ledger.submit(add('a', 2), 'farm', idem);
    expect(retry).toMatchObject({ ok: true, replayed: true });
    expect(first.ok && retry.ok && retry.receipt).toEqual(first.ok && first.receipt);
  });

  it('fails the batch when the store shows it did not commit, and the writer goes on', async () => {
    const { store, failNext } = faultyStore();
    const ledger = await open(store);
    failNext('throw-before');
    expect(await ledger.submit(add('a', 2), 'farm')).toMatchObject({
      ok: false,
      kind: 'unavailable',
      message: 'the store did not commit the batch: connection reset before the statement was sent',
    });
    expect(ledger.size).toBe(0);
    expect(ledger.health()).toEqual({ ok: true });
    expect(await ledger.submit(add('a', 2), 'farm')).toMatchObject({ ok: true, receipt: { size: 1 } });
  });

  it('stops the writer when the store shows another writer moved the log', async () => {
    const { store, failNext } = faultyStore(async (inner) => ({ ...(await inner.head()), size: 7 }));
    const ledger = await open(store);
    failNext('throw-before');
    const message = 'another writer appended to the log (expected size 0, found 7); this process is no longer the writer';
    expect(await ledger.submit(add('a', 2), 'farm')).toMatchObject({ ok: false, kind: 'unavailable', message });
    expect(ledger.health()).toEqual({ ok: false, reason: message });
  });

  it('says the outcome is unknown, and stops the writer, when the store cannot show it', async () => {
    const { store, failNext } = faultyStore(() => Promise.reject(new Error('store is closed')));
    const ledger = await open(store);
    failNext('commit-then-throw');
    const outcome = await ledger.submit(add('a', 2), 'farm');
    expect(outcome).toMatchObject({
      ok: false,
      kind: 'unavailable',
      message: expect.stringMatching(/^the outcome of the commit of positions 0\.\.0 is unknown \(store is closed\)/),
    });
    expect(ledger.health()).toMatchObject({ ok: false, reason: expect.stringContaining('restart it') });
    expect(await ledger.submit(add('a', 1), 'farm')).toMatchObject({ ok: false, kind: 'unavailable' });
  });

  it('tells commands the outcome is not known yet when the store is slow to show it, and still applies the batch', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { store, failNext } = faultyStore(async (inner) => {
      await gate;
      return inner.head();
    });
    const ledger = await open(store, { settleAnswerMs: 50 });
    failNext('commit-then-throw');
    const outcome = await ledger.submit(add('a', 2), 'farm', { principal: 'farm', key: 'slow', requestHash: 'h' });
    expect(outcome).toMatchObject({
      ok: false,
      kind: 'unavailable',
      message: expect.stringContaining('retry with the same Idempotency-Key'),
    });
    expect(ledger.health()).toMatchObject({ ok: false, reason: expect.stringContaining('whether the batch at positions 0..0 committed') });
    release();
    await ledger.close();
    expect(ledger.size).toBe(1);
    expect(ledger.entity('lot:a')).toEqual({ stock: 2 });
  });
});

describe('a commit listener that throws', () => {
  it('is logged, detached and named by health, while the commit stands and other listeners go on', async () => {
    const errors: [string, string][] = [];
    const ledger = await open(createMemoryStore(), { onListenerError: (error, name) => errors.push([name, (error as Error).message]) });
    let brokenCalls = 0;
    const seen: number[] = [];
    ledger.onCommit(() => {
      brokenCalls++;
      throw new Error('projection bug');
    }, 'lot projection');
    ledger.onCommit((events) => seen.push(...events.map((e) => e.position)));
    const outcome = await ledger.submit(add('a', 1), 'farm');
    expect(outcome.ok).toBe(true);
    expect(await ledger.submit(add('a', 1), 'farm')).toMatchObject({ ok: true });
    expect(brokenCalls).toBe(1);
    expect(seen).toEqual([0, 1]);
    expect(errors).toEqual([['lot projection', 'projection bug']]);
    expect(ledger.failedListeners()).toEqual([{ name: 'lot projection', message: 'projection bug' }]);
    expect(ledger.health()).toEqual({
      ok: false,
      reason: 'commit listener lot projection threw (projection bug), and gets no more events',
    });
  });

  it('never crashes the writer even when the error handler throws too', async () => {
    const ledger = await open(createMemoryStore(), {
      onListenerError: () => {
        throw new Error('logger down');
      },
    });
    ledger.onCommit(function metrics() {
      throw new Error('boom');
    });
    expect((await ledger.submit(add('a', 1), 'farm')).ok).toBe(true);
    expect(ledger.failedListeners()).toEqual([{ name: 'metrics', message: 'boom' }]);
  });
});

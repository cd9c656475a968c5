import { describe, expect, it } from 'vitest';
import { generateKey, verifyLog } from '../../src/hash/index.js';
import { Ledger, LogIntegrityError, verifyReceipt, type LogKey } from '../../src/ledger/index.js';
import { createMemoryStore, type AppendBatch, type EventStore } from '../../src/store/index.js';
import { toyDomain, type ToyCommand } from './toyDomain.js';

const key: LogKey = { origin: 'test.suyuan/log', ...generateKey('test.suyuan/log') };
const open = (store: EventStore, batch = {}) => Ledger.open({ store, domain: toyDomain, key, batch });
const add = (item: string, n: number): ToyCommand => ({ type: 'add', item, n });
const take = (item: string, n: number): ToyCommand => ({ type: 'take', item, n });

async function readAll(store: EventStore) {
  return store.readFrom(0, 1_000_000);
}

describe('Sequencer', () => {
  it('answers accepted commands with receipts that verify offline against the signed checkpoint', async () => {
    const store = createMemoryStore();
    const ledger = await open(store);
    const outcomes = await Promise.all([add('a', 10), add('b', 5), take('a', 3)].map((c) => ledger.submit(c, 'farm')));
    for (const outcome of outcomes) {
      expect(outcome.ok).toBe(true);
      if (outcome.ok) expect(verifyReceipt(outcome.receipt, key.vkey)).toMatchObject({ ok: true });
    }
    expect(ledger.size).toBe(3);
    expect(ledger.entity('lot:a')).toEqual({ stock: 7 });
    const events = await readAll(store);
    expect(events.map((e) => e.position)).toEqual([0, 1, 2]);
    expect(events[2]!.prev).toEqual([events[0]!.hash]);
    expect(verifyLog(events, ledger.checkpoint, key.vkey)).toMatchObject({ ok: true, size: 3 });
  });

  it('refuses a receipt whose size or proof was altered', async () => {
    const ledger = await open(createMemoryStore());
    await ledger.submit(add('a', 1), 'farm');
    const outcome = await ledger.submit(add('a', 1), 'farm');
    if (!outcome.ok) throw new Error('expected success');
    expect(verifyReceipt({ ...outcome.receipt, size: outcome.receipt.size + 1 }, key.vkey)).toMatchObject({
      ok: false,
      reason: 'size-mismatch',
    });
    const [event] = outcome.receipt.events;
    const tampered = { ...event!, inclusion: event!.inclusion.map((h) => h.replace(/^./, (c) => (c === '0' ? '1' : '0'))) };
    expect(verifyReceipt({ ...outcome.receipt, events: [tampered] }, key.vkey)).toMatchObject({ ok: false, reason: 'root-mismatch' });
    expect(verifyReceipt(outcome.receipt, generateKey('test.suyuan/log').vkey)).toMatchObject({
      ok: false,
      reason: 'checkpoint-signature',
    });
  });

  it('decides each command against the batch so far: never takes more than there is', async () => {
    const store = createMemoryStore();
    const ledger = await open(store);
    await ledger.submit(add('a', 10), 'farm');
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => ledger.submit(take('a', 1), 'farm')));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(10);
    expect(outcomes.filter((o) => !o.ok && o.kind === 'rejected')).toHaveLength(20);
    expect(ledger.entity('lot:a')).toEqual({ stock: 0 });
    expect(await readAll(store)).toHaveLength(11);
  });

  it('appends nothing for a rejected command', async () => {
    const store = createMemoryStore();
    const ledger = await open(store);
    const before = (await store.head()).size;
    const outcome = await ledger.submit(take('a', 1), 'farm');
    expect(outcome).toMatchObject({ ok: false, kind: 'rejected', rejection: { code: 'InsufficientQuantity' } });
    expect((await store.head()).size).toBe(before);
    expect(ledger.size).toBe(0);
  });

  it('refuses an event that cannot be canonicalised, and the batch goes on', async () => {
    const store = createMemoryStore();
    const ledger = await open(store);
    const [bad, good] = await Promise.all([ledger.submit({ type: 'bad' }, 'farm'), ledger.submit(add('a', 1), 'farm')]);
    expect(bad).toMatchObject({ ok: false, kind: 'rejected' });
    expect(good.ok).toBe(true);
    expect((await readAll(store)).map((e) => e.position)).toEqual([0]);
  });

  it('fails every command of a batch whose commit fails, and leaves state exactly as before', async () => {
    const inner = createMemoryStore();
    let failNext = false;
    const flaky: EventStore = Object.assign(Object.create(inner) as EventStore, {
      appendBatch: (batch: AppendBatch) => {
        if (failNext && batch.events.length > 0) {
          failNext = false;
          return Promise.reject(new Error('disk full'));
        }
        return inner.appendBatch(batch);
      },
    });
    const ledger = await open(flaky);
    await ledger.submit(add('a', 5), 'farm');
    const checkpointBefore = ledger.checkpoint;
    failNext = true;
    const failed = await Promise.all([take('a', 2), add('b', 1)].map((c) => ledger.submit(c, 'farm')));
    for (const outcome of failed)
      expect(outcome).toMatchObject({ ok: false, kind: 'unavailable', message: expect.stringContaining('disk full') });
    expect(ledger.size).toBe(1);
    expect(ledger.entity('lot:a')).toEqual({ stock: 5 });
    expect(ledger.entity('lot:b')).toBeUndefined();
    expect(ledger.checkpoint).toBe(checkpointBefore);
    // The writer goes on from the same position, and the log still verifies.
    const next = await ledger.submit(take('a', 5), 'farm');
    expect(next.ok && next.receipt.events[0]!.position).toBe(1);
    expect(verifyLog(await readAll(inner), ledger.checkpoint, key.vkey).ok).toBe(true);
  });

  it('stops writing once another writer has moved the log on, and says so', async () => {
    const store = createMemoryStore();
    const ledger = await open(store);
    await ledger.submit(add('a', 5), 'farm');
    // Another writer appends position 1 behind this ledger's back.
    const [first] = await readAll(store);
    const checkpoint = { ...(await store.head()).checkpoint!, size: 2 };
    expect(await store.appendBatch({ events: [{ ...first!, position: 1 }], checkpoint, idempotency: [] })).toEqual({ ok: true });
    const refused = await ledger.submit(add('a', 1), 'farm');
    expect(refused).toMatchObject({
      ok: false,
      kind: 'unavailable',
      message: 'another writer appended to the log (expected size 1, found 2); this process is no longer the writer',
    });
    expect(ledger.size).toBe(1);
    expect(ledger.entity('lot:a')).toEqual({ stock: 5 });
    const stopped = 'another writer appended to the log (expected size 1, found 2); this process is no longer the writer';
    expect(await ledger.submit(add('a', 1), 'farm')).toMatchObject({ ok: false, kind: 'unavailable', message: stopped });
    expect(ledger.health()).toEqual({ ok: false, reason: stopped });
  });

  it('returns the original receipt for a retried idempotent command and appends nothing', async () => {
    const store = createMemoryStore();
    const ledger = await open(store);
    const idem = { principal: 'farm', key: 'k1', requestHash: 'h1' };
    const first = await ledger.submit(add('a', 5), 'farm', idem);
    const retry = await ledger.submit(add('a', 5), 'farm', idem);
    expect(retry).toMatchObject({ ok: true, replayed: true });
    expect(first.ok && retry.ok && retry.receipt).toEqual(first.ok && first.receipt);
    expect(ledger.size).toBe(1);
    const conflict = await ledger.submit(add('a', 6), 'farm', { ...idem, requestHash: 'h2' });
    expect(conflict).toMatchObject({ ok: false, kind: 'idempotency-conflict' });
    // Another principal may use the same key.
    expect(await ledger.submit(add('a', 5), 'market', { ...idem, principal: 'market' })).toMatchObject({ ok: true, replayed: false });
    expect(ledger.size).toBe(2);
  });

  it('answers duplicates inside one batch once, and finds old keys in the store after a restart', async () => {
    const store = createMemoryStore();
    const ledger = await open(store);
    const idem = { principal: 'farm', key: 'k', requestHash: 'h' };
    const both = await Promise.all([ledger.submit(add('a', 5), 'farm', idem), ledger.submit(add('a', 5), 'farm', idem)]);
    expect(both.map((o) => o.ok && o.replayed).sort()).toEqual([false, true]);
    expect(ledger.size).toBe(1);
    await ledger.close();
    const restarted = await open(store);
    expect(await restarted.submit(add('a', 5), 'farm', idem)).toMatchObject({ ok: true, replayed: true });
    expect(restarted.size).toBe(1);
  });

  it('rebuilds state on restart, and refuses to start on a tampered log, naming the position', async () => {
    const store = createMemoryStore();
    const ledger = await open(store);
    for (let i = 0; i < 20; i++) await ledger.submit(add(`lot${i % 3}`, i + 1), 'farm');
    await ledger.close();
    const restarted = await open(store);
    expect(restarted.size).toBe(20);
    expect(restarted.entity('lot:lot0')).toEqual(ledger.entity('lot:lot0'));
    expect(restarted.root()).toBe(ledger.root());

    const events = await readAll(store);
    const forged = createMemoryStore();
    const altered = events.map((e) => (e.position === 13 ? { ...e, data: { n: 999 } } : e));
    await forged.appendBatch({ events: altered, checkpoint: (await store.head()).checkpoint!, idempotency: [] });
    await expect(open(forged)).rejects.toThrow(LogIntegrityError);
    await expect(open(forged)).rejects.toMatchObject({ position: 13 });
  });

  it('closes batches at maxCommands and lingers up to maxWaitMs', async () => {
    const store = createMemoryStore();
    const sizes: number[] = [];
    const ledger = await open(store, { maxCommands: 4, maxWaitMs: 5 });
    ledger.onCommit((events) => sizes.push(events.length));
    await Promise.all(Array.from({ length: 10 }, (_, i) => ledger.submit(add('a', i + 1), 'farm')));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
  });
});

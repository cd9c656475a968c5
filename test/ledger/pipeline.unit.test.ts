import { describe, expect, it } from 'vitest';
import { generateKey, verifyLog } from '../../src/hash/index.js';
import { MerkleTree } from '../../src/hash/index.js';
import { signEmptyLog } from '../../src/ledger/emptyLog.js';
import { IdempotencyCache } from '../../src/ledger/idempotency.js';
import { Ledger, type LedgerDomain, type LogKey } from '../../src/ledger/index.js';
import { CommittedState } from '../../src/ledger/overlay.js';
import { Sequencer } from '../../src/ledger/sequencer.js';
import { type AppendBatch, createMemoryStore, type EventStore, StoreUnavailableError } from '../../src/store/index.js';
import { type ToyCommand, type ToyEntity, type ToyRejection, toyDomain } from './toyDomain.js';

const key: LogKey = { origin: 'test.suyuan/log', ...generateKey('test.suyuan/log') };
const add = (item: string, n: number): ToyCommand => ({ type: 'add', item, n });
const take = (item: string, n: number): ToyCommand => ({ type: 'take', item, n });
const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

/**
 * A memory store whose appends of events wait until the test lets each one through (or fails
 * it), so a batch can be held in the store while the sequencer decides the next.
 */
function gatedStore() {
  const inner = createMemoryStore();
  const held: { batch: AppendBatch; pass: () => void; fail: (error: Error) => void }[] = [];
  const store: EventStore = Object.assign(Object.create(inner) as EventStore, {
    appendBatch: (batch: AppendBatch) => {
      if (batch.events.length === 0) return inner.appendBatch(batch);
      return new Promise((resolve, reject) => {
        held.push({ batch, pass: () => resolve(inner.appendBatch(batch)), fail: reject });
      });
    },
  });
  return { inner, store, held };
}

/** The toy domain, counting the commands it decides. */
function counting() {
  const decided: ToyCommand[] = [];
  const domain: LedgerDomain<ToyCommand, string, ToyEntity, ToyRejection> = {
    ...toyDomain,
    decide(command, context, view) {
      decided.push(command);
      return toyDomain.decide(command, context, view);
    },
  };
  return { domain, decided };
}

/** Submits and records when each answer arrives. */
function submitter(ledger: Ledger<ToyCommand, string, ToyEntity, ToyRejection>) {
  const answered: string[] = [];
  const submit = (name: string, command: ToyCommand, idem?: { principal: string; key: string; requestHash: string }) =>
    ledger.submit(command, 'farm', idem).then((outcome) => {
      answered.push(name);
      return outcome;
    });
  return { submit, answered };
}

/** A ledger over a gated store, counting what it decides and when it answers, with an add of 5 held in the store. */
async function addHeldInTheStore() {
  const { inner, store, held } = gatedStore();
  const { domain, decided } = counting();
  const ledger = await Ledger.open({ store, domain, key });
  const { submit, answered } = submitter(ledger);
  const first = submit('add', add('a', 5));
  await ticks(3);
  return { inner, held, decided, ledger, submit, answered, first };
}

/** A command under an idempotency key held in the store, and its repeat submitted behind it. */
async function keyHeldInTheStore() {
  const { inner, store, held } = gatedStore();
  const ledger = await Ledger.open({ store, domain: toyDomain, key });
  const idem = { principal: 'farm', key: 'k', requestHash: 'h' };
  const first = ledger.submit(add('a', 5), 'farm', idem);
  await ticks(3);
  const repeat = ledger.submit(add('a', 5), 'farm', idem);
  return { inner, held, ledger, idem, first, repeat };
}

describe('the pipelined sequencer', () => {
  it('decides the next batch while one is in the store, and answers none of it before that one commits', async () => {
    const { inner, held, decided, ledger, submit, answered, first } = await addHeldInTheStore();
    expect(held).toHaveLength(1);
    // Decided over the batch in the store: the 5 it adds are there to take, and no more.
    const takeAll = submit('take 5', take('a', 5));
    const takeMore = submit('take 1', take('a', 1));
    await ticks(3);
    expect(decided).toHaveLength(3);
    expect(held).toHaveLength(1);
    expect(answered).toEqual([]);
    held[0]!.pass();
    expect(await first).toMatchObject({ ok: true });
    await ticks(3);
    expect(held).toHaveLength(2);
    // The rejection is given once the batch it was decided over has committed.
    expect(answered).toEqual(['add', 'take 1']);
    expect(await takeMore).toMatchObject({ ok: false, kind: 'rejected', rejection: { code: 'InsufficientQuantity' } });
    held[1]!.pass();
    const taken = await takeAll;
    expect(taken.ok && taken.receipt.events.map((e) => e.position)).toEqual([1]);
    expect(ledger.entity('lot:a')).toEqual({ stock: 0 });
    const events = await inner.readFrom(0, 100);
    expect(events.map((e) => e.type)).toEqual(['toy.add', 'toy.take']);
    expect(verifyLog(events, ledger.checkpoint, key.vkey).ok).toBe(true);
    await ledger.close();
  });

  it('decides the next batch again when the one it was decided over fails, against what the store holds', async () => {
    const { inner, held, decided, ledger, submit, answered, first } = await addHeldInTheStore();
    const takeAll = submit('take 5', take('a', 5));
    const addB = submit('add b', add('b', 2));
    await ticks(3);
    expect(decided).toHaveLength(3);
    held[0]!.fail(new StoreUnavailableError('disk full'));
    expect(await first).toMatchObject({ ok: false, kind: 'unavailable', message: expect.stringContaining('disk full') });
    await ticks(3);
    // Decided anew in their order: without the failed batch's 5 there is nothing to take.
    expect(decided.slice(3)).toEqual([take('a', 5), add('b', 2)]);
    expect(answered).toEqual(['add', 'take 5']);
    expect(await takeAll).toMatchObject({ ok: false, kind: 'rejected', rejection: { code: 'InsufficientQuantity' } });
    expect(held).toHaveLength(2);
    expect(held[1]!.batch.events.map((e) => [e.position, e.type])).toEqual([[0, 'toy.add']]);
    held[1]!.pass();
    const added = await addB;
    expect(added.ok && added.receipt.events[0]!.position).toBe(0);
    expect(ledger.entity('lot:a')).toBeUndefined();
    expect(ledger.entity('lot:b')).toEqual({ stock: 2 });
    const events = await inner.readFrom(0, 100);
    expect(events).toHaveLength(1);
    expect(verifyLog(events, ledger.checkpoint, key.vkey).ok).toBe(true);
    await ledger.close();
  });

  it('gives a repeat of an idempotency key held by the batch in the store that batch’s answer, as a replay', async () => {
    const { inner, held, ledger, idem, first, repeat } = await keyHeldInTheStore();
    const conflict = ledger.submit(add('a', 6), 'farm', { ...idem, requestHash: 'other' });
    await ticks(3);
    held[0]!.pass();
    const [one, two, three] = await Promise.all([first, repeat, conflict]);
    expect(one).toMatchObject({ ok: true, replayed: false });
    expect(two).toMatchObject({ ok: true, replayed: true });
    expect(two.ok && two.receipt).toEqual(one.ok && one.receipt);
    expect(three).toMatchObject({ ok: false, kind: 'idempotency-conflict' });
    expect(await inner.readFrom(0, 100)).toHaveLength(1);
    await ledger.close();
  });

  it('answers a repeat of a key of the committed batch with its replay, though the repeat’s own batch then fails', async () => {
    const { held, ledger, first, repeat } = await keyHeldInTheStore();
    const other = ledger.submit(add('b', 1), 'farm');
    await ticks(3);
    held[0]!.pass();
    const committed = await first;
    expect(await repeat).toEqual({ ...committed, replayed: true });
    await ticks(3);
    held[1]!.fail(new StoreUnavailableError('disk full'));
    expect(await other).toMatchObject({ ok: false, kind: 'unavailable' });
    await ledger.close();
  });

  it('decides a repeat of a key anew when the batch holding the key fails', async () => {
    const { inner, held, ledger, idem, first, repeat } = await keyHeldInTheStore();
    await ticks(3);
    held[0]!.fail(new StoreUnavailableError('disk full'));
    expect(await first).toMatchObject({ ok: false, kind: 'unavailable' });
    await ticks(3);
    held[1]!.pass();
    expect(await repeat).toMatchObject({ ok: true, replayed: false });
    expect(ledger.entity('lot:a')).toEqual({ stock: 5 });
    expect(await inner.readFrom(0, 100)).toHaveLength(1);
    // The key is remembered for the command that committed.
    expect(await ledger.submit(add('a', 5), 'farm', idem)).toMatchObject({ ok: true, replayed: true });
    await ledger.close();
  });

  it('appends nothing more once the writer halts while a batch waits behind the one in the store', async () => {
    const { inner, store, held } = gatedStore();
    const sequencer = new Sequencer({
      store,
      domain: toyDomain,
      key,
      state: new CommittedState<ToyEntity>(),
      tree: new MerkleTree(),
      checkpoint: await signEmptyLog(store, key),
      idempotency: new IdempotencyCache(),
    });
    const first = sequencer.submit(add('a', 5), 'farm');
    await ticks(3);
    const second = sequencer.submit(add('a', 1), 'farm');
    await ticks(3);
    const reason = 'the background verification found position 0 altered';
    sequencer.halt(reason);
    held[0]!.pass();
    expect(await first).toMatchObject({ ok: true });
    expect(await second).toMatchObject({ ok: false, kind: 'unavailable', message: reason });
    expect(held).toHaveLength(1);
    expect(sequencer.size).toBe(1);
    expect(sequencer.state.get('lot:a')).toEqual({ stock: 5 });
    expect(await inner.readFrom(0, 100)).toHaveLength(1);
    expect(sequencer.health()).toEqual({ ok: false, reason });
  });

  it('stops, appending nothing more, when another writer took the position of the batch in the store', async () => {
    const { inner, store, held } = gatedStore();
    const ledger = await Ledger.open({ store, domain: toyDomain, key });
    const first = ledger.submit(add('a', 5), 'farm');
    await ticks(3);
    const second = ledger.submit(add('a', 1), 'farm');
    await ticks(3);
    // Another writer appends position 0 first.
    const { checkpoint } = held[0]!.batch;
    expect(await inner.appendBatch({ ...held[0]!.batch, checkpoint: { ...checkpoint, size: 1 } })).toEqual({ ok: true });
    held[0]!.pass();
    const stopped = 'another writer appended to the log (expected size 0, found 1); this process is no longer the writer';
    expect(await first).toMatchObject({ ok: false, kind: 'unavailable', message: stopped });
    expect(await second).toMatchObject({ ok: false, kind: 'unavailable', message: stopped });
    expect(held).toHaveLength(1);
    expect(ledger.size).toBe(0);
  });

  for (const maxWaitMs of [0, 200]) {
    it(`splits a long queue in two when nothing is in the store, and decides the second half while the first commits (batches lingering ${maxWaitMs} ms)`, async () => {
      const { store, held } = gatedStore();
      const { domain, decided } = counting();
      const ledger = await Ledger.open({ store, domain, key, batch: { maxCommands: 1024, maxWaitMs } });
      const all = Array.from({ length: 40 }, (_, i) => ledger.submit(add(`lot${i}`, 1), 'farm'));
      // The first batch lingers for more commands, if batches linger…
      if (maxWaitMs > 0) await new Promise((resolve) => setTimeout(resolve, maxWaitMs + 50));
      await ticks(3);
      expect(held.map((h) => h.batch.events.length)).toEqual([20]);
      // …and the half it left behind is decided without lingering again, while the first is in the store.
      expect(decided).toHaveLength(40);
      held[0]!.pass();
      await ticks(3);
      expect(held.map((h) => h.batch.events.length)).toEqual([20, 20]);
      held[1]!.pass();
      expect((await Promise.all(all)).every((o) => o.ok)).toBe(true);
      await ledger.close();
    });
  }
});

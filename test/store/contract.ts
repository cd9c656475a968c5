/**
 * The contract every EventStore adapter keeps (src/store/port.ts). Each
 * adapter's test file calls storeContract with a fixture factory that opens
 * a store on fresh, empty storage.
 */
import fc from 'fast-check';
import { eventBody } from '../../src/hash/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DuplicateIdempotencyKeyError,
  MalformedBatchError,
  SignedEventsError,
  type AppendBatch,
  type EventStore,
  type SealedEvent,
  type VaultStore,
} from '../../src/store/index.js';
import { vaultContract } from './vaultContract.js';
import { batchAt, checkpointFor, idempotencyRecord, sealedEvent, simpleBatch, type EventFields } from '../support/events.js';

export interface StoreFixture {
  readonly store: VaultStore;
  /** Opens the same storage again; the test closes `store` first. */
  readonly reopen?: () => Promise<VaultStore>;
  /** Opens a second store reading the same storage while `store` stays open. */
  readonly openReader?: () => Promise<VaultStore>;
  /** Closes every store the fixture opened and deletes the storage. */
  readonly dispose: () => Promise<void>;
}

export interface ContractOptions {
  /** fast-check runs of the round-trip property (fewer for slow stores). */
  readonly propertyRuns?: number;
}

const ok = { ok: true };

async function appendAll(store: EventStore, batches: readonly AppendBatch[]): Promise<void> {
  for (const batch of batches) expect(await store.appendBatch(batch)).toEqual(ok);
}

/** Reads the whole log in pages of `page`. */
async function readAll(store: EventStore, from = 0, page = 100): Promise<SealedEvent[]> {
  const out: SealedEvent[] = [];
  for (;;) {
    const chunk = await store.readFrom(from + out.length, page);
    out.push(...chunk);
    if (chunk.length < page) return out;
  }
}

const positions = (events: readonly SealedEvent[]): number[] => events.map((e) => e.position);

export function storeContract(name: string, open: () => Promise<StoreFixture>, options: ContractOptions = {}): void {
  describe(`${name} store contract`, () => {
    let fixture: StoreFixture;
    let store: EventStore;
    beforeEach(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.dispose();
    });

    it('starts empty', async () => {
      expect(await store.head()).toEqual({ size: 0 });
      expect(await store.readFrom(0, 10)).toEqual([]);
      expect(await store.readByTag('lot:0')).toEqual([]);
      expect(await store.checkpointAt(10)).toBeUndefined();
      expect(await store.idempotency('op:1', 'k')).toBeUndefined();
    });

    it('reads back what was appended from any position, within the limit', async () => {
      const first = simpleBatch(0, 5);
      const second = simpleBatch(5, 3);
      await appendAll(store, [first, second]);
      const all = [...first.events, ...second.events];
      expect(await store.readFrom(0, 100)).toEqual(all);
      expect(await store.readFrom(3, 100)).toEqual(all.slice(3));
      expect(await store.readFrom(4, 2)).toEqual(all.slice(4, 6));
      expect(await store.readFrom(7, 100)).toEqual(all.slice(7));
      expect(await store.readFrom(8, 100)).toEqual([]);
      expect(await store.readFrom(50, 10)).toEqual([]);
      expect(await store.readFrom(0, 0)).toEqual([]);
      expect(await store.readFrom(2, Number.POSITIVE_INFINITY)).toEqual(all.slice(2));
    });

    it('reads by tag in position order, from a position, within a limit', async () => {
      const batch = batchAt(0, [
        { tags: ['lot:a'] },
        { tags: ['lot:b'] },
        { tags: ['lot:a', 'lot:b'] },
        { tags: ['operator:x'] },
        { tags: ['lot:b', 'lot:a', 'operator:x'] },
      ]);
      await appendAll(store, [batch, batchAt(5, [{ tags: ['lot:a'] }])]);
      expect(positions(await store.readByTag('lot:a'))).toEqual([0, 2, 4, 5]);
      expect(positions(await store.readByTag('lot:b'))).toEqual([1, 2, 4]);
      expect(positions(await store.readByTag('lot:a', 3))).toEqual([4, 5]);
      expect(positions(await store.readByTag('lot:a', 1, 2))).toEqual([2, 4]);
      expect(positions(await store.readByTag('operator:x', 0, 1))).toEqual([3]);
      expect(await store.readByTag('lot:none')).toEqual([]);
      expect(positions(await store.readByTag('lot:a', 0, Number.POSITIVE_INFINITY))).toEqual([0, 2, 4, 5]);
      expect((await store.readByTag('lot:b'))[2]).toEqual(batch.events[4]);
    });

    it('reports the size and latest checkpoint, and finds the checkpoint covering a size', async () => {
      await appendAll(store, [simpleBatch(0, 2), simpleBatch(2, 3), simpleBatch(5, 1)]);
      expect(await store.head()).toEqual({ size: 6, checkpoint: checkpointFor(6) });
      expect(await store.checkpointAt(1)).toBeUndefined();
      expect(await store.checkpointAt(2)).toEqual(checkpointFor(2));
      expect(await store.checkpointAt(4)).toEqual(checkpointFor(2));
      expect(await store.checkpointAt(5)).toEqual(checkpointFor(5));
      expect(await store.checkpointAt(1000)).toEqual(checkpointFor(6));
    });

    it('takes an empty batch as a re-signed checkpoint of the same size', async () => {
      await appendAll(store, [simpleBatch(0, 2)]);
      const resigned = checkpointFor(2, 'another signer');
      expect(await store.appendBatch({ events: [], checkpoint: resigned, idempotency: [] })).toEqual(ok);
      expect(await store.head()).toEqual({ size: 2, checkpoint: resigned });
      expect(await store.checkpointAt(2)).toEqual(resigned);
    });

    it('drops nothing a checkpoint signs: dropFrom inside the signed log throws and changes nothing', async () => {
      // KurrentDB has no dropFrom (it throws, unsupported); events past a checkpoint are made outside the port (test/ledger/insider).
      if (store.kind === 'kurrentdb') return;
      await appendAll(store, [simpleBatch(0, 3)]);
      const before = { head: await store.head(), events: await store.readFrom(0, 10), tagged: await store.readByTag('lot:1') };
      await expect(store.dropFrom!(2)).rejects.toBeInstanceOf(SignedEventsError);
      expect(await store.dropFrom!(3)).toBe(0);
      expect({ head: await store.head(), events: await store.readFrom(0, 10), tagged: await store.readByTag('lot:1') }).toEqual(before);
      expect(await store.appendBatch(simpleBatch(3, 1))).toEqual(ok);
    });

    it('remembers idempotency records', async () => {
      const record = idempotencyRecord('op:1', 'key-1', '{"receipt":{"size":1}}');
      await appendAll(store, [simpleBatch(0, 1, [record, idempotencyRecord('op:2', 'key-1')])]);
      expect(await store.idempotency('op:1', 'key-1')).toEqual(record);
      expect(await store.idempotency('op:2', 'key-1')).toEqual(idempotencyRecord('op:2', 'key-1'));
      expect(await store.idempotency('op:1', 'key-2')).toBeUndefined();
    });

    it('refuses a batch at a stale or future position and changes nothing', async () => {
      await appendAll(store, [simpleBatch(0, 3, [idempotencyRecord('op:1', 'a')])]);
      const before = { head: await store.head(), events: await store.readFrom(0, 100) };
      const stale = simpleBatch(2, 4, [idempotencyRecord('op:1', 'b')]);
      expect(await store.appendBatch(stale)).toEqual({ ok: false, reason: 'position-conflict', expected: 2, actual: 3 });
      const ahead = simpleBatch(4, 1, [idempotencyRecord('op:1', 'c')]);
      expect(await store.appendBatch(ahead)).toEqual({ ok: false, reason: 'position-conflict', expected: 4, actual: 3 });
      expect(await store.appendBatch({ events: [], checkpoint: checkpointFor(5), idempotency: [] })).toMatchObject({
        ok: false,
        expected: 5,
        actual: 3,
      });
      expect(await store.head()).toEqual(before.head);
      expect(await store.readFrom(0, 100)).toEqual(before.events);
      expect(await store.idempotency('op:1', 'b')).toBeUndefined();
      expect(await store.idempotency('op:1', 'c')).toBeUndefined();
    });

    it('writes nothing of a batch that repeats a stored idempotency key, and goes on afterwards', async () => {
      await appendAll(store, [simpleBatch(0, 2, [idempotencyRecord('op:1', 'taken', 'first')])]);
      const before = { head: await store.head(), events: await store.readFrom(0, 100) };
      const doomed = batchAt(
        2,
        [{ tags: ['lot:doomed'] }, { tags: ['lot:doomed'] }],
        [idempotencyRecord('op:1', 'fresh'), idempotencyRecord('op:1', 'taken', 'second')],
      );
      await expect(store.appendBatch(doomed)).rejects.toBeInstanceOf(DuplicateIdempotencyKeyError);
      expect(await store.head()).toEqual(before.head);
      expect(await store.readFrom(0, 100)).toEqual(before.events);
      expect(await store.readByTag('lot:doomed')).toEqual([]);
      expect(await store.checkpointAt(4)).toEqual(checkpointFor(2));
      expect(await store.idempotency('op:1', 'fresh')).toBeUndefined();
      expect((await store.idempotency('op:1', 'taken'))?.response).toBe('first');

      const retry = simpleBatch(2, 2, [idempotencyRecord('op:1', 'fresh')]);
      expect(await store.appendBatch(retry)).toEqual(ok);
      expect(await store.head()).toEqual({ size: 4, checkpoint: checkpointFor(4) });
    });

    it('refuses, writing nothing, a batch with a key twice or positions out of sequence', async () => {
      const twice = simpleBatch(0, 1, [idempotencyRecord('op:1', 'k'), idempotencyRecord('op:1', 'k')]);
      await expect(store.appendBatch(twice)).rejects.toBeInstanceOf(DuplicateIdempotencyKeyError);
      const gap: AppendBatch = { events: [sealedEvent(0), sealedEvent(2)], checkpoint: checkpointFor(2), idempotency: [] };
      await expect(store.appendBatch(gap)).rejects.toBeInstanceOf(MalformedBatchError);
      const short: AppendBatch = { events: [sealedEvent(0)], checkpoint: checkpointFor(3), idempotency: [] };
      await expect(store.appendBatch(short)).rejects.toBeInstanceOf(MalformedBatchError);
      expect(await store.head()).toEqual({ size: 0 });
      expect(await store.idempotency('op:1', 'k')).toBeUndefined();
    });

    it("stores the writer's body text as it is when the batch carries one, and refuses a batch with a body too few", async () => {
      const batch = batchAt(0, [{ data: { order: { z: 1, a: 2 }, 名称: '菜心' } }, {}]);
      const bodies = batch.events.map((event) => eventBody(event));
      await expect(store.appendBatch({ ...batch, bodies: bodies.slice(1) })).rejects.toBeInstanceOf(MalformedBatchError);
      expect(await store.head()).toEqual({ size: 0 });
      await appendAll(store, [{ ...batch, bodies }]);
      const back = await store.readFrom(0, 2);
      expect(back).toEqual(batch.events);
      // Read back in the stored text's key order (canonical), not the event object's.
      for (const [i, event] of back.entries()) {
        expect(JSON.stringify(event)).toBe(JSON.stringify({ ...JSON.parse(bodies[i]!), hash: batch.events[i]!.hash }));
      }
      expect(Object.keys((back[0]!.data as { order: object }).order)).toEqual(['a', 'z']);
    });

    it('returns event data exactly as written: unicode, nesting, numbers', async () => {
      const data = {
        名称: '增城迟菜心 🥬',
        surrogates: '𠀋𡈽 \ud83d\ude00 lone:\ud800',
        escapes: 'quote " backslash \\ nul \u0000 tab \t newline \n del \u007f',
        numbers: [0, -1, 0.1, 1e21, 1.5e-7, 2 ** 53 - 1, -123.456, Math.PI],
        nested: { a: [{ b: { c: [null, true, false, '', {}] } }], 'key with spaces': { '': 'empty key' } },
        order: { z: 1, a: 2, m: 3 },
      };
      const batch = batchAt(0, [{ data, actor: '个体:张三', tags: ['lot:12345678901234567890', '产地:440118'] }]);
      await appendAll(store, [batch]);
      const [back] = await store.readFrom(0, 1);
      expect(back).toEqual(batch.events[0]);
      expect(JSON.stringify(back!.data)).toBe(JSON.stringify(data));
      expect(JSON.stringify(back)).toBe(JSON.stringify(batch.events[0]));
      expect(positions(await store.readByTag('产地:440118'))).toEqual([0]);
    });

    it('wakes waiters at once, on append, and on abort', async () => {
      await appendAll(store, [simpleBatch(0, 2)]);
      await store.waitForEvents(1); // already holds more than 1
      const woken = store.waitForEvents(2);
      let resolved = false;
      void woken.then(() => (resolved = true));
      await new Promise((r) => setTimeout(r, 20));
      expect(resolved).toBe(false);
      await appendAll(store, [simpleBatch(2, 1)]);
      await woken;

      const controller = new AbortController();
      const aborted = store.waitForEvents(10, controller.signal);
      controller.abort();
      await aborted;
      await store.waitForEvents(10, AbortSignal.abort());
    });

    it('keeps its data across a reopen', async () => {
      if (!fixture.reopen) return;
      const record = idempotencyRecord('op:1', 'kept');
      await appendAll(store, [simpleBatch(0, 4), batchAt(4, [{ tags: ['lot:kept'] }], [record])]);
      const before = { head: await store.head(), events: await store.readFrom(0, 100) };
      await store.close();
      const reopened = await fixture.reopen();
      expect(await reopened.head()).toEqual(before.head);
      expect(await reopened.readFrom(0, 100)).toEqual(before.events);
      expect(positions(await reopened.readByTag('lot:kept'))).toEqual([4]);
      expect(await reopened.idempotency('op:1', 'kept')).toEqual(record);
      expect(await reopened.appendBatch(simpleBatch(5, 1))).toEqual(ok);
    });

    it('gives a reader polling position > p every event exactly once, in order, while batches land', async () => {
      const reader = fixture.openReader ? await fixture.openReader() : store;
      const sizes = [1, 7, 3, 20, 1, 1, 12, 5, 30, 2, 9, 4, 16, 1, 8];
      const total = sizes.reduce((a, b) => a + b, 0);
      const seen: SealedEvent[] = [];
      const reading = (async () => {
        while (seen.length < total) {
          await reader.waitForEvents(seen.length);
          const chunk = await reader.readFrom(seen.length, 6);
          for (const event of chunk) {
            expect(event.position).toBe(seen.length);
            seen.push(event);
          }
        }
      })();
      const written: SealedEvent[] = [];
      for (const size of sizes) {
        const batch = simpleBatch(written.length, size);
        expect(await store.appendBatch(batch)).toEqual(ok);
        written.push(...batch.events);
        await new Promise((r) => setTimeout(r, Math.random() * 5));
      }
      await reading;
      expect(seen).toEqual(written);
    });

    it('property: random batches read back in random chunks are exactly what was appended, in order, once', async () => {
      const eventArb: fc.Arbitrary<EventFields> = fc.record({
        type: fc.constantFrom('lot.commissioned', 'lot.shipped', 'lot.received', 'inspection.recorded'),
        tags: fc.uniqueArray(fc.constantFrom('lot:a', 'lot:b', 'lot:c', 'operator:x', 'sample:1'), { maxLength: 3 }),
        // Values as JSON carries them: JSON (and JCS) writes -0 as 0.
        data: fc.jsonValue().map((value) => JSON.parse(JSON.stringify(value)) as unknown),
        actor: fc.string({ unit: 'grapheme', maxLength: 12 }),
      });
      const batchesArb = fc.array(fc.array(eventArb, { minLength: 1, maxLength: 15 }), { minLength: 1, maxLength: 6 });
      await fc.assert(
        fc.asyncProperty(batchesArb, fc.integer({ min: 1, max: 17 }), async (batches, chunk) => {
          const start = (await store.head()).size;
          const written: SealedEvent[] = [];
          for (const events of batches) {
            const batch = batchAt(start + written.length, events);
            expect(await store.appendBatch(batch)).toEqual(ok);
            written.push(...batch.events);
          }
          const back = await readAll(store, start, chunk);
          expect(back).toEqual(written);
          expect(back.map((e) => JSON.stringify(e.data))).toEqual(written.map((e) => JSON.stringify(e.data)));
          expect((await store.head()).size).toBe(start + written.length);
        }),
        { numRuns: options.propertyRuns ?? 40 },
      );
    });
  });
  vaultContract(name, open);
}

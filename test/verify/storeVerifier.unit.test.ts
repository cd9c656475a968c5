/**
 * The streaming store verifier (src/verify) on a memory store: an untouched
 * log verifies in chunks; each kind of damage is named by its first bad
 * position and a reason code, and the per-event hook never sees a bad event.
 */
import { describe, expect, it } from 'vitest';
import { eventHash, formatCheckpoint, generateKey, parseCheckpoint, openNote, signNote, type LoggedEvent } from '../../src/hash/index.js';
import { CorruptStoredEventError, createMemoryStore, type EventStore, type SealedEvent } from '../../src/store/index.js';
import { StoreVerifier, verifyStore } from '../../src/verify/index.js';
import { fixtureKey, randomLog } from '../hash/logFixture.js';

const log = randomLog(250, 7);
const signed = parseCheckpoint(openNote(log.checkpoint, [log.vkey]).text);

/** A memory store holding `events` (default: the untouched log) under the checkpoint note `note`. */
async function storeOf(events: readonly LoggedEvent[] = log.events, note = log.checkpoint): Promise<EventStore> {
  const store = createMemoryStore();
  const checkpoint = { size: events.length, root: Buffer.from(signed.root).toString('hex'), note };
  await store.appendBatch({ events: events as SealedEvent[], checkpoint, idempotency: [] });
  return store;
}

/** The log with event `position` replaced by `change(event)`. */
function edited(position: number, change: (event: LoggedEvent) => LoggedEvent): LoggedEvent[] {
  return log.events.map((event, i) => (i === position ? change(event) : event));
}

/** The first position at or after `from` whose event links to an earlier one. */
const linkedAfter = (from: number): number => log.events.findIndex((event, i) => i >= from && event.prev.length > 0);

describe('verifyStore', () => {
  it('accepts an untouched log read in chunks, calling the hook for every event in order', async () => {
    const seen: number[] = [];
    const progress: number[] = [];
    const verdict = await verifyStore(await storeOf(), {
      vkey: log.vkey,
      chunk: 64,
      onEvent: (event) => seen.push(event.position),
      onProgress: (done, total) => progress.push(done, total),
    });
    expect(verdict).toMatchObject({ ok: true, size: 250, checkpoint: { size: 250, root: Buffer.from(signed.root).toString('hex') } });
    expect(seen).toEqual(log.events.map((event) => event.position));
    expect(progress).toEqual([64, 250, 128, 250, 192, 250, 250, 250]);
  });

  it('names a changed body (the stored hash no longer matches it)', async () => {
    const events = edited(120, (event) => ({ ...event, data: { ...(event.data as object), note: '改过' } }));
    const seen: number[] = [];
    const verdict = await verifyStore(await storeOf(events), { vkey: log.vkey, chunk: 50, onEvent: (event) => seen.push(event.position) });
    expect(verdict).toMatchObject({ ok: false, position: 120, reason: 'hash-mismatch' });
    expect(Math.max(...seen)).toBe(119);
  });

  it('names a changed hash', async () => {
    const events = edited(33, (event) => ({ ...event, hash: event.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) }));
    expect(await verifyStore(await storeOf(events), { vkey: log.vkey })).toMatchObject({
      ok: false,
      position: 33,
      reason: 'hash-mismatch',
    });
  });

  it('names a broken prev link even when the hash was recomputed to match', async () => {
    const position = linkedAfter(40);
    const events = edited(position, (event) => {
      const body = { ...event, prev: [] };
      return { ...body, hash: eventHash(body) };
    });
    expect(await verifyStore(await storeOf(events), { vkey: log.vkey })).toMatchObject({ ok: false, position, reason: 'prev-mismatch' });
  });

  it('names a checkpoint signed by another key, or a log that is not the signed one', async () => {
    const stranger = generateKey('test.suyuan.example/log');
    const forged = signNote(formatCheckpoint({ origin: 'test.suyuan.example/log', size: 250, root: signed.root }), stranger.skey);
    expect(await verifyStore(await storeOf(log.events, forged), { vkey: log.vkey })).toMatchObject({
      ok: false,
      position: 250,
      reason: 'checkpoint-signature',
    });
    const other = randomLog(250, 8);
    expect(await verifyStore(await storeOf(other.events), { vkey: log.vkey })).toMatchObject({
      ok: false,
      position: 249,
      reason: 'root-mismatch',
    });
  });

  it('names a missing checkpoint when one is required, before reading any event', async () => {
    const inner = await storeOf();
    let reads = 0;
    const unsigned: EventStore = {
      ...inner,
      head: async () => ({ size: (await inner.head()).size }),
      readFrom: (from, limit) => {
        reads++;
        return inner.readFrom(from, limit);
      },
    };
    expect(await verifyStore(unsigned, { vkey: log.vkey, requireCheckpoint: true })).toMatchObject({
      ok: false,
      position: 0,
      reason: 'no-checkpoint',
    });
    expect(reads).toBe(0);
    // Not required: the events still verify (the writer's recovery then refuses them as an unsigned tail).
    expect(await verifyStore(unsigned, { vkey: log.vkey })).toMatchObject({ ok: true, size: 250, checkpoint: undefined });
  });

  it('names a row the store cannot decode, and events the store reports but does not return', async () => {
    const inner = await storeOf();
    const corrupt: EventStore = {
      ...inner,
      readFrom: async (from, limit) => {
        if (from + limit > 77) throw new CorruptStoredEventError(77, 'body is not JSON');
        return inner.readFrom(from, limit);
      },
    };
    expect(await verifyStore(corrupt, { vkey: log.vkey, chunk: 10 })).toMatchObject({ ok: false, position: 77, reason: 'store-read' });
    const short: EventStore = { ...inner, readFrom: async (from, limit) => (from >= 200 ? [] : inner.readFrom(from, limit)) };
    expect(await verifyStore(short, { vkey: log.vkey, chunk: 100 })).toMatchObject({ ok: false, position: 200, reason: 'missing-events' });
  });
});

describe('StoreVerifier', () => {
  it('verifies a growing log step by step and checks a prefix checkpoint', async () => {
    const store = await storeOf();
    const verifier = new StoreVerifier(store, { vkey: log.vkey, chunk: 16 });
    expect(await verifier.readTo(100)).toBeUndefined();
    expect(verifier.size).toBe(100);
    const prefix = signNote(
      formatCheckpoint({ origin: 'test.suyuan.example/log', size: 90, root: verifier.tree.root(90) }),
      fixtureKey.skey,
    );
    expect(verifier.check(prefix)).toMatchObject({ ok: true, size: 90 });
    expect(verifier.check(log.checkpoint)).toMatchObject({ ok: false, reason: 'checkpoint-size' });
    expect(await verifier.readTo(250)).toBeUndefined();
    expect(verifier.check(log.checkpoint)).toMatchObject({ ok: true, size: 250 });
  });

  it('stays failed at the first bad event', async () => {
    const verifier = new StoreVerifier(await storeOf(edited(10, (event) => ({ ...event, time: 'x' }))), { vkey: log.vkey });
    expect(await verifier.readTo(250)).toMatchObject({ position: 10, reason: 'hash-mismatch' });
    expect(await verifier.readTo(250)).toMatchObject({ position: 10, reason: 'hash-mismatch' });
    expect(verifier.size).toBe(10);
  });
});

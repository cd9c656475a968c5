/**
 * The runner feeds projections in log order from any mix of sources — the
 * writer's commits, store reads, snapshots — without skipping or applying an
 * event twice, and reports how far behind each projection is.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import { afterEach, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/hash/index.js';
import { openSuyuanLedger, type LogKey } from '../../src/ledger/index.js';
import {
  LotProjection,
  OperatorProjection,
  ProjectionRunner,
  encodeSnapshot,
  snapshotPath,
  startProjections,
  type Projection,
  type SnapshotImage,
} from '../../src/projections/index.js';
import { seedDemo } from '../../src/seed/index.js';
import { createMemoryStore, type EventStore, type SealedEvent } from '../../src/store/index.js';
import { checkpointFor } from '../support/events.js';
import { build } from './support/build.js';
import { history } from './support/history.js';

const key: LogKey = { origin: 'test.suyuan/log', ...generateKey('test.suyuan/log') };
const NOW = new Date('2026-06-30T04:00:00.000Z');
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-snapshots-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const bytes = (projection: Projection) => Buffer.concat(encodeSnapshot(projection.snapshot()));

/** A memory store holding `events` (stand-in hashes and checkpoints: the runner checks neither). */
async function storeWith(events: readonly SealedEvent[]): Promise<EventStore> {
  const store = createMemoryStore();
  for (let start = 0; start < events.length; start += 50) {
    const batch = events.slice(start, start + 50);
    await store.appendBatch({ events: batch, checkpoint: checkpointFor(start + batch.length), idempotency: [] });
  }
  return store;
}

/** A store that counts which positions it was asked to read from. */
function counting(store: EventStore): { store: EventStore; reads: number[] } {
  const reads: number[] = [];
  const wrapped = Object.assign(Object.create(store) as EventStore, {
    readFrom: (from: number, limit: number) => {
      reads.push(from);
      return store.readFrom(from, limit);
    },
  });
  return { store: wrapped, reads };
}

const steps = Array.from({ length: 60 }, (_, i) => ({
  action: (i * 37) % 100,
  a: i * 7,
  b: i * 3,
  c: i,
  amount: 1000 + i * 997,
  honest: i % 5 !== 0,
}));

describe('ProjectionRunner', () => {
  it("applies the writer's commits as they happen and ends where the log does", async () => {
    const store = createMemoryStore();
    const ledger = await openSuyuanLedger({ store, key, clock: () => NOW });
    const { readModel, runner, stop } = await startProjections({ store, ledger });
    const result = await seedDemo(ledger, { lots: 800, seed: 5, now: NOW });
    expect(runner.status()).toEqual([
      { name: 'lots', position: ledger.size, lag: 0 },
      { name: 'operators', position: ledger.size, lag: 0 },
      { name: 'regulation', position: ledger.size, lag: 0 },
    ]);
    expect(readModel.lotCount).toBe(result.lots);
    // The same state as the log read back from the store gives (which has its keys in canonical order).
    const events = await store.readFrom(0, ledger.size);
    const expected = build(events);
    expect(bytes(readModel.lotProjection).equals(bytes(expected.lots))).toBe(true);
    for (const event of events.filter((e) => e.type === 'operator.registered')) {
      const id = (event.data as { operatorId: string }).operatorId;
      expect(readModel.operatorProjection.get(id)).toEqual(expected.operators.get(id));
    }
    await stop();
  });

  it('shows a submitter its own write as soon as the ledger answers', async () => {
    const store = createMemoryStore();
    const ledger = await openSuyuanLedger({ store, key, clock: () => NOW });
    const { readModel, stop } = await startProjections({ store, ledger });
    const outcome = await ledger.submit(
      {
        type: 'operator.register',
        operatorId: 'person-1',
        name: '张三',
        kind: 'individual',
        roles: ['trader'],
        region: '440113',
        address: '番禺区',
        contact: { ref: 'pd_AAAAAAAAAAAAAAAAAAAAAA', commitment: 'a'.repeat(64) },
        citizenId: '11010519491231002X',
        citizenIdDigest: 'ab'.repeat(32),
      },
      { kind: 'public' },
    );
    expect(outcome.ok).toBe(true);
    expect(readModel.operator('person-1')).toMatchObject({ status: 'pending', regionName: '广东省广州市番禺区' });
    await stop();
  });

  it('follows a store another writer appends to, in order, and reports its lag', async () => {
    const events = history(steps);
    const store = createMemoryStore();
    const lots = new LotProjection();
    const operators = new OperatorProjection();
    const runner = new ProjectionRunner([lots, operators], { readChunk: 7 });
    const abort = new AbortController();
    const following = runner.follow(store, abort.signal);
    for (let start = 0; start < events.length; start += 9) {
      const batch = events.slice(start, start + 9);
      await store.appendBatch({ events: batch, checkpoint: checkpointFor(start + batch.length), idempotency: [] });
      if (start === 18) {
        await runner.whenAt(start + batch.length);
        expect(runner.lag).toBe(0);
      }
    }
    await runner.whenAt(events.length);
    abort.abort();
    await following;
    expect(runner.position).toBe(events.length);
    expect(bytes(lots).equals(bytes(build(events).lots))).toBe(true);
  });

  it('never applies an event twice nor past a gap, whatever order events are offered in', async () => {
    const events = history(steps);
    const lots = new LotProjection();
    const runner = new ProjectionRunner([lots]);
    expect(runner.apply(events.slice(5, 20))).toBe(false);
    expect(lots.position).toBe(0);
    runner.apply(events.slice(0, 10));
    runner.apply(events.slice(0, 3));
    runner.apply(events.slice(8, 30));
    expect(lots.position).toBe(30);
    expect(runner.apply(events.slice(30))).toBe(true);
    expect(runner.apply(events)).toBe(true);
    expect(bytes(lots).equals(bytes(build(events).lots))).toBe(true);
  });

  it('restarts from a snapshot and reads only the tail of the log', async () => {
    const events = history(steps);
    const dir = tempDir();
    const head = await storeWith(events.slice(0, 40));
    const first = await startProjections({ store: head, snapshots: { dir, everyEvents: 0, everyMs: 0 } });
    await first.stop();
    expect(readdirSync(dir).sort()).toEqual(['lots.snapshot', 'operators.snapshot', 'regulation.snapshot']);

    const { store, reads } = counting(await storeWith(events));
    const second = await startProjections({ store, snapshots: { dir } });
    // Each snapshot's last event is checked against the log; then only the tail is read.
    expect(reads.filter((from) => from < 40)).toEqual([39, 39, 39]);
    expect(reads.slice(3).every((from) => from >= 40)).toBe(true);
    expect(second.runner.position).toBe(events.length);
    expect(bytes(second.readModel.lotProjection).equals(bytes(build(events).lots))).toBe(true);
    await second.stop();
  });

  it('rebuilds from the log when a snapshot belongs to another log or is damaged', async () => {
    const events = history(steps);
    const dir = tempDir();
    const running = await startProjections({ store: await storeWith(events.slice(0, 30)), snapshots: { dir } });
    await running.stop();
    const otherLog = history(steps.slice(10));
    const errors: string[] = [];
    const other = await startProjections({
      store: await storeWith(otherLog),
      snapshots: { dir },
      onError: (error) => errors.push(error.message),
    });
    expect(errors.join()).toMatch(/does not match the log; rebuilding/);
    expect(bytes(other.readModel.lotProjection).equals(bytes(build(otherLog).lots))).toBe(true);
    await other.stop();

    writeFileSync(snapshotPath(dir, 'lots'), 'not a snapshot');
    errors.length = 0;
    const again = await startProjections({
      store: await storeWith(otherLog),
      snapshots: { dir },
      onError: (error) => errors.push(error.message),
    });
    expect(errors.join()).toMatch(/not a Suyuan snapshot/);
    expect(again.runner.position).toBe(otherLog.length);
    await again.stop();
  });

  it('saves snapshots every so many events, atomically', async () => {
    const events = history(steps);
    const dir = tempDir();
    const lots = new LotProjection();
    const runner = new ProjectionRunner([lots], { snapshots: { dir, everyEvents: 10, everyMs: 0 } });
    runner.apply(events.slice(0, 25)); // due: a save starts
    await runner.save();
    expect(readdirSync(dir)).toEqual(['lots.snapshot']);
    const restored = new LotProjection();
    await new ProjectionRunner([restored], { snapshots: { dir } }).restore();
    expect(restored.position).toBe(25);
  });

  it('holds applying back while a snapshot is written, so the file is the state of one moment', async () => {
    const events = history(steps);
    const dir = tempDir();
    const lots = new LotProjection();
    const runner = new ProjectionRunner([lots], { snapshots: { dir, everyEvents: 0, everyMs: 0 } });
    runner.apply(events.slice(0, 20));
    const saving = runner.save();
    expect(runner.apply(events.slice(20))).toBe(false);
    expect(lots.position).toBe(20);
    await saving;
    const restored = new LotProjection();
    await new ProjectionRunner([restored], { snapshots: { dir } }).restore();
    expect(bytes(restored).equals(bytes(build(events.slice(0, 20)).lots))).toBe(true);
  });

  it('reads back from the store the commits offered during a save', async () => {
    const events = history(steps);
    const dir = tempDir();
    const store = await storeWith(events.slice(0, 30));
    const lots = new LotProjection();
    const runner = new ProjectionRunner([lots], { snapshots: { dir, everyEvents: 0, everyMs: 0 } });
    await runner.catchUp(store);
    const saving = runner.save();
    const batch = events.slice(30);
    await store.appendBatch({ events: batch, checkpoint: checkpointFor(events.length), idempotency: [] });
    expect(runner.apply(batch)).toBe(false);
    expect(lots.position).toBe(30);
    await saving;
    await runner.whenAt(events.length);
    expect(bytes(lots).equals(bytes(build(events).lots))).toBe(true);
  });

  it('stops a projection that throws, reports it, and keeps the others current', async () => {
    const events = history(steps);
    const errors: string[] = [];
    const broken: Projection = {
      name: 'broken',
      snapshotVersion: 1,
      position: 0,
      lastHash: undefined,
      apply: () => {
        throw new Error('boom');
      },
      snapshot: (): SnapshotImage => ({ name: 'broken', version: 1, position: 0, lastHash: undefined, arrays: {}, values: {} }),
      restore: () => {},
      reset: () => {},
    };
    const lots = new LotProjection();
    const runner = new ProjectionRunner([broken, lots], { onError: (error) => errors.push(error.message) });
    await runner.catchUp(await storeWith(events));
    expect(lots.position).toBe(events.length);
    expect(runner.status()).toEqual([
      { name: 'broken', position: 0, lag: events.length, failed: 'failed at position 0: boom' },
      { name: 'lots', position: events.length, lag: 0 },
    ]);
    expect(errors).toEqual(['projection broken failed at position 0: boom']);
  });
});

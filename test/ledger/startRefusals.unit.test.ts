/**
 * What the writer signs at start-up: only the empty tree of a brand-new log.
 * A store with events past its latest signed checkpoint (UnsignedTail), or
 * one that does not extend the checkpoint the writer kept outside the store
 * (StoreBehindSignedLog), is refused, and nothing is written to it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKey, openNote, parseCheckpoint } from '../../src/hash/index.js';
import { Ledger, StoreBehindSignedLogError, UnsignedTailError, type LogKey } from '../../src/ledger/index.js';
import { createMemoryStore, type AppendBatch, type EventStore } from '../../src/store/index.js';
import { toyDomain, type ToyCommand } from './toyDomain.js';

const key: LogKey = { origin: 'refusals.test/log', ...generateKey('refusals.test/log') };
const dir = mkdtempSync(join(tmpdir(), 'suyuan-refusals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const add = (item: string, n: number): ToyCommand => ({ type: 'add', item, n });
const open = (store: EventStore, checkpointFile?: string) =>
  Ledger.open({ store, domain: toyDomain, key, ...(checkpointFile ? { checkpointFile } : {}) });
const sizeOf = (note: string): number => parseCheckpoint(openNote(note, [key.vkey]).text).size;

/** A store of `count` events, one batch (and one checkpoint) each. */
async function logOf(count: number, checkpointFile?: string): Promise<EventStore> {
  const store = createMemoryStore();
  const ledger = await open(store, checkpointFile);
  for (let i = 0; i < count; i++) await ledger.submit(add('a', i + 1), 'farm');
  await ledger.close();
  return store;
}

/** A view of `inner` whose latest checkpoint is the one at `signed`: the events after it are unsigned. */
function unsignedPast(inner: EventStore, signed: number): EventStore & { appended: AppendBatch[] } {
  const appended: AppendBatch[] = [];
  return Object.assign(Object.create(inner) as EventStore, {
    appended,
    head: async () => {
      const checkpoint = await inner.checkpointAt(signed);
      return { size: (await inner.head()).size, ...(checkpoint ? { checkpoint } : {}) };
    },
    appendBatch: (batch: AppendBatch) => {
      appended.push(batch);
      return inner.appendBatch(batch);
    },
  });
}

describe('the writer at start-up', () => {
  it('signs the empty tree of a brand-new log, once', async () => {
    const store = createMemoryStore();
    const ledger = await open(store);
    expect(sizeOf(ledger.checkpoint)).toBe(0);
    expect((await store.head()).checkpoint?.note).toBe(ledger.checkpoint);
    const again = await open(store);
    expect(again.checkpoint).toBe(ledger.checkpoint);
  });

  it('refuses events past the latest signed checkpoint, naming the first position and how many, and signs nothing', async () => {
    const inner = await logOf(5);
    const store = unsignedPast(inner, 3);
    const opening = open(store);
    await expect(opening).rejects.toBeInstanceOf(UnsignedTailError);
    await expect(opening).rejects.toMatchObject({ code: 'UnsignedTail', position: 3, count: 2 });
    await expect(opening).rejects.toThrow(/UnsignedTail: .*2 events past .*from position 3.*suyuan repair --drop-unsigned/s);
    expect(store.appended).toEqual([]);
  });

  it('refuses a log of events with no checkpoint at all (unsigned from position 0)', async () => {
    const store = unsignedPast(await logOf(2), -1);
    await expect(open(store)).rejects.toMatchObject({ code: 'UnsignedTail', position: 0, count: 2 });
    expect(store.appended).toEqual([]);
  });

  it('keeps the latest signed checkpoint in its file after each commit', async () => {
    const file = join(dir, 'kept-after-commit');
    const store = createMemoryStore();
    const ledger = await open(store, file);
    expect(readFileSync(file, 'utf8')).toBe(ledger.checkpoint);
    for (let i = 0; i < 4; i++) await ledger.submit(add('a', 1), 'farm');
    await ledger.close();
    expect(readFileSync(file, 'utf8')).toBe(ledger.checkpoint);
    expect(sizeOf(readFileSync(file, 'utf8'))).toBe(4);
  });

  it('refuses a store behind the checkpoint it kept, naming both sizes, even an emptied store', async () => {
    const file = join(dir, 'kept-behind');
    await logOf(6, file);
    const older = await logOf(4);
    const opening = open(older, file);
    await expect(opening).rejects.toBeInstanceOf(StoreBehindSignedLogError);
    await expect(opening).rejects.toMatchObject({ code: 'StoreBehindSignedLog', reason: 'behind', signedSize: 6, storeSize: 4 });
    await expect(opening).rejects.toThrow(/size 6.*size 4.*suyuan restore --from/s);
    const empty = createMemoryStore();
    await expect(open(empty, file)).rejects.toMatchObject({ reason: 'behind', signedSize: 6, storeSize: 0 });
    expect(await empty.head()).toEqual({ size: 0 });
  });

  it('refuses a store that was rewritten (its tree at the kept size has another root)', async () => {
    const file = join(dir, 'kept-fork');
    await logOf(3, file);
    const other = createMemoryStore();
    const ledger = await open(other);
    for (let i = 0; i < 5; i++) await ledger.submit(add('b', i + 7), 'farm');
    await expect(open(other, file)).rejects.toMatchObject({ code: 'StoreBehindSignedLog', reason: 'fork', signedSize: 3, storeSize: 5 });
  });

  it('refuses a kept checkpoint that does not verify with the log key', async () => {
    const file = join(dir, 'kept-garbage');
    writeFileSync(file, 'not a signed note\n');
    await expect(open(await logOf(1), file)).rejects.toThrow(/does not verify with the log key/);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateKey, verifyLog } from '../../src/hash/index.js';
import { Ledger, type LogKey, verifyReceipt } from '../../src/ledger/index.js';
import { type AppendBatch, createSqliteStore, type VaultStore } from '../../src/store/index.js';
import { type ToyCommand, toyDomain } from './toyDomain.js';

const key: LogKey = { origin: 'test.suyuan/log', ...generateKey('test.suyuan/log') };
const add = (item: string, n: number): ToyCommand => ({ type: 'add', item, n });

describe('a sqlite writer whose append worker ends mid-batch', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  /** A ledger on a sqlite file whose worker ends, as `exit` says, for the batch that adds to `doomed`. */
  async function open(exit: 'before' | 'after') {
    const dir = mkdtempSync(join(tmpdir(), 'suyuan-worker-'));
    const path = join(dir, 'log.db');
    const hits = (batch: AppendBatch) => batch.events.some((event) => event.tags.includes('lot:doomed'));
    const store: VaultStore = createSqliteStore({ path, faults: { workerExit: (batch) => (hits(batch) ? exit : undefined) } });
    const ledger = await Ledger.open({ store, domain: toyDomain, key, settleAnswerMs: 60_000 });
    cleanups.push(async () => {
      await ledger.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return { ledger, store, path };
  }

  it('answers unavailable when the worker ended before writing, and goes on with a new worker', async () => {
    const { ledger, store } = await open('before');
    expect(await ledger.submit(add('a', 1), 'farm')).toMatchObject({ ok: true });
    const lost = await ledger.submit(add('doomed', 1), 'farm');
    expect(lost).toMatchObject({ ok: false, kind: 'unavailable', message: expect.stringContaining('ended') });
    expect(ledger.health()).toEqual({ ok: true });
    const next = await ledger.submit(add('b', 2), 'farm');
    expect(next.ok && next.receipt.events[0]!.position).toBe(1);
    const events = await store.readFrom(0, 10);
    expect(events.map((e) => e.tags[0])).toEqual(['lot:a', 'lot:b']);
    expect(verifyLog(events, ledger.checkpoint, key.vkey).ok).toBe(true);
  });

  it('acknowledges a batch the worker committed but ended before answering, having read the store', async () => {
    const { ledger, store } = await open('after');
    const committed = await ledger.submit(add('doomed', 3), 'farm');
    expect(committed).toMatchObject({ ok: true });
    if (committed.ok) expect(verifyReceipt(committed.receipt, key.vkey)).toMatchObject({ ok: true });
    expect(ledger.entity('lot:doomed')).toEqual({ stock: 3 });
    expect(await ledger.submit(add('c', 1), 'farm')).toMatchObject({ ok: true });
    const events = await store.readFrom(0, 10);
    expect(events.map((e) => e.tags[0])).toEqual(['lot:doomed', 'lot:c']);
    expect(verifyLog(events, ledger.checkpoint, key.vkey).ok).toBe(true);
  });
});

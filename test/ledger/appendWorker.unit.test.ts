import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateKey, verifyLog } from '../../src/hash/index.js';
import { Ledger, type LogKey, verifyReceipt } from '../../src/ledger/index.js';
import { type AppendBatch, createSqliteStore, StoreUnavailableError, type VaultStore, WriterLockedError } from '../../src/store/index.js';
import { simpleBatch } from '../support/events.js';
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

  it('names the reason in health() while no worker can open the log, and the writer refuses at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'suyuan-worker-'));
    const store = createSqliteStore({
      path: join(dir, 'log.db'),
      faults: { workerExit: (batch) => (batch.events.length > 1 ? 'before' : undefined) },
    });
    cleanups.push(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    expect(await store.appendBatch(simpleBatch(0, 1))).toEqual({ ok: true });
    await expect(store.appendBatch(simpleBatch(1, 2))).rejects.toThrow('ended');
    // The log's directory goes: the next worker cannot open the file.
    rmSync(dir, { recursive: true, force: true });
    await expect(store.appendBatch(simpleBatch(1, 1))).rejects.toThrow();
    for (let i = 0; i < 100 && store.health!().ok; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.health!()).toEqual({ ok: false, reason: expect.stringContaining('the sqlite append worker cannot open the log') });
  });

  it('never writes to a file put in the log’s place while it runs: the next worker refuses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'suyuan-worker-'));
    const path = join(dir, 'log.db');
    const store = createSqliteStore({ path, faults: { workerExit: (batch) => (batch.events.length > 1 ? 'before' : undefined) } });
    cleanups.push(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    expect(await store.appendBatch(simpleBatch(0, 1))).toEqual({ ok: true });
    // A copy of the log (a restored backup, say) takes its place; the worker then ends.
    copyFileSync(path, join(dir, 'copy.db'));
    renameSync(join(dir, 'copy.db'), path);
    await expect(store.appendBatch(simpleBatch(1, 2))).rejects.toThrow('ended');
    await expect(store.appendBatch(simpleBatch(1, 1))).rejects.toThrow('replaced while the writer ran');
    expect(store.health!()).toEqual({ ok: false, reason: expect.stringContaining('it was replaced while the writer ran') });
    expect((await store.head()).size).toBe(1);
  });

  it('keeps the writer lock until the appends it was given are done, however often it is closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'suyuan-worker-'));
    const path = join(dir, 'log.db');
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const store = createSqliteStore({ path });
    const appended = store.appendBatch(simpleBatch(0, 20_000));
    const [first, second] = [store.close(), store.close()];
    expect(second).toBe(first);
    expect(() => createSqliteStore({ path })).toThrow(WriterLockedError);
    await expect(store.appendBatch(simpleBatch(20_000, 1))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await appended).toEqual({ ok: true });
    await first;
    const next = createSqliteStore({ path });
    cleanups.push(() => next.close());
    expect((await next.head()).size).toBe(20_000);
  });

  it('lets a process that closes the store with an append pending finish the close, then exit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'suyuan-worker-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const script = `import { createSqliteStore } from ${JSON.stringify(join(import.meta.dirname, '../../src/store/index.ts'))};
      import { simpleBatch } from ${JSON.stringify(join(import.meta.dirname, '../support/events.ts'))};
      const store = createSqliteStore({ path: ${JSON.stringify(join(dir, 'log.db'))} });
      const appended = store.appendBatch(simpleBatch(0, 5000));
      await store.close();
      console.log('closed', JSON.stringify(await appended));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out.trim()).toBe('closed {"ok":true}');
  });
});

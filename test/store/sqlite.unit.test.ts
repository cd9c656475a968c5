import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CorruptStoredEventError,
  createSqliteStore,
  StoreUnavailableError,
  WriterLockedError,
  type EventStore,
  type VaultStore,
  type SqliteStoreOptions,
} from '../../src/store/index.js';
import { simpleBatch } from '../support/events.js';
import { storeContract } from './contract.js';

function scratchDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-sqlite-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

for (const appendIn of ['worker', 'thread'] as const)
  storeContract(appendIn === 'worker' ? 'sqlite' : 'sqlite, appending on the writer’s thread', async () => {
    const { dir, remove } = scratchDir();
    const path = join(dir, 'log.db');
    const opened: VaultStore[] = [];
    const openOne = (role: 'writer' | 'reader'): VaultStore => {
      const store = createSqliteStore({ path, pollIntervalMs: 20, role, appendIn });
      opened.push(store);
      return store;
    };
    return {
      store: openOne('writer'),
      reopen: async () => openOne('writer'),
      openReader: async () => openOne('reader'),
      async dispose() {
        for (const store of opened) await store.close();
        remove();
      },
    };
  });

describe('sqlite store', () => {
  let dir: string;
  let remove: () => void;
  const stores: EventStore[] = [];
  const open = (pollIntervalMs?: number, more: Partial<SqliteStoreOptions> = {}): EventStore => {
    const store = createSqliteStore({ path: join(dir, 'log.db'), ...(pollIntervalMs ? { pollIntervalMs } : {}), ...more });
    stores.push(store);
    return store;
  };
  beforeEach(() => ({ dir, remove } = scratchDir()));
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    remove();
  });

  it('commits in its worker while the event loop goes on, and the main connection reads each commit at once', async () => {
    const store = open();
    await store.appendBatch(simpleBatch(0, 1));
    let turns = 0;
    const spin = setInterval(() => turns++, 0);
    const appended = store.appendBatch(simpleBatch(1, 20_000));
    // Read on the main connection as the call returns: the batch is not there yet.
    const during = store.readFrom(0, 10);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const turnsBefore = turns;
    expect(await appended).toEqual({ ok: true });
    clearInterval(spin);
    expect(await during).toHaveLength(1);
    expect(turnsBefore).toBeGreaterThan(0);
    expect((await store.head()).size).toBe(20_001);
    expect(await store.readFrom(20_000, 1)).toHaveLength(1);
  });

  it('queues the writer’s other writes behind the commit in progress in its worker, and the event loop goes on', async () => {
    const store = open() as VaultStore;
    await store.appendBatch(simpleBatch(0, 1));
    const appended = store.appendBatch(simpleBatch(1, 20_000));
    await new Promise((resolve) => setTimeout(resolve, 1));
    let turns = 0;
    const spin = setInterval(() => turns++, 0);
    // On the main connection this would wait for the worker's transaction, the loop standing still.
    const recorded = store
      .recordAccess({ ref: 'buyer-1', principal: 'regulator-gd', purpose: 'recall', at: '2026-12-03T00:00:00.000Z' })
      .then(() => turns);
    expect(await appended).toEqual({ ok: true });
    expect(await recorded).toBeGreaterThan(0);
    clearInterval(spin);
    expect(await store.accessRecords({ ref: 'buyer-1', limit: 10 })).toMatchObject([{ ref: 'buyer-1', principal: 'regulator-gd' }]);
    await expect(store.dropFrom!(0)).rejects.toThrow('a stored checkpoint signs');
    expect(await store.erasePersonal('nobody', '2026-12-03T00:00:00.000Z')).toBe('unknown-ref');
  });

  it('commits on its own thread when told to, and always for an in-memory database', async () => {
    for (const store of [open(undefined, { appendIn: 'thread' }), createSqliteStore({ path: ':memory:' })]) {
      stores.push(store);
      const appended = store.appendBatch(simpleBatch(0, 2));
      // The commit ran inside appendBatch's call: a read made as it returns sees it.
      const after = store.readFrom(0, 10);
      expect(await appended).toEqual({ ok: true });
      expect(await after).toHaveLength(2);
      await store.close();
    }
  });

  it('keeps the log in one WAL-mode file', async () => {
    const store = open();
    await store.appendBatch(simpleBatch(0, 3));
    const peek = new Database(join(dir, 'log.db'), { readonly: true });
    expect(peek.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(peek.prepare('SELECT count(*) FROM events').pluck().get()).toBe(3);
    peek.close();
  });

  it('wakes a reader on another connection to the same file by polling', async () => {
    const writer = open();
    const reader = open(50, { role: 'reader' });
    const started = performance.now();
    const woken = reader.waitForEvents(0);
    setTimeout(() => void writer.appendBatch(simpleBatch(0, 1)), 30);
    await woken;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await reader.readFrom(0, 10)).toHaveLength(1);
  });

  it('names the position of a stored event whose body was damaged', async () => {
    const store = open();
    await store.appendBatch(simpleBatch(0, 5));
    const tamper = new Database(join(dir, 'log.db'));
    tamper.prepare('UPDATE events SET body = substr(body, 2) WHERE position = 3').run();
    tamper.close();
    await expect(store.readFrom(0, 10)).rejects.toSatisfy((error) => error instanceof CorruptStoredEventError && error.position === 3);
    expect(await store.readFrom(0, 3)).toHaveLength(3);
  });

  it('rejects waiters when closed', async () => {
    const store = open();
    const waiting = store.waitForEvents(5);
    await store.close();
    await expect(waiting).rejects.toThrow(/closed/);
  });

  it('fails a second writer on the same file fast, naming the lock, while readers keep reading', async () => {
    const first = open();
    await first.appendBatch(simpleBatch(0, 2));
    const started = performance.now();
    expect(() => open()).toThrow(WriterLockedError);
    expect(() => open()).toThrow(/another Suyuan writer holds the lock on .*log\.db \(.*log\.db\.writer-lock is held\)/);
    expect(performance.now() - started).toBeLessThan(1_000);
    const reader = open(undefined, { role: 'reader' });
    expect((await reader.head()).size).toBe(2);
    await first.appendBatch(simpleBatch(2, 1));
    expect(await reader.readFrom(0, 10)).toHaveLength(3);
    await expect(reader.appendBatch(simpleBatch(3, 1))).rejects.toBeInstanceOf(StoreUnavailableError);
    await first.close();
    const next = open();
    expect(await next.appendBatch(simpleBatch(3, 1))).toEqual({ ok: true });
  });

  it('fails a writer in another process while this one holds the lock, and lets one in after it closes', async () => {
    const path = join(dir, 'log.db');
    const tryWriter = (): string =>
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          `import { createSqliteStore } from ${JSON.stringify(join(import.meta.dirname, '../../src/store/index.ts'))};
           try { const s = createSqliteStore({ path: ${JSON.stringify(path)} }); await s.close(); console.log('opened'); }
           catch (e) { console.log(e.name); }`,
        ],
        { encoding: 'utf8' },
      ).trim();
    const writer = open();
    expect(tryWriter()).toBe('WriterLockedError');
    await writer.close();
    expect(tryWriter()).toBe('opened');
  });

  it('rolls back a batch whose transaction fails after its rows are written (the insideTransaction test hook)', async () => {
    let fail = false;
    const store = open(undefined, {
      faults: {
        insideTransaction: () => {
          if (fail) throw new Error('injected inside the transaction');
        },
      },
    });
    await store.appendBatch(simpleBatch(0, 2));
    fail = true;
    await expect(store.appendBatch(simpleBatch(2, 3))).rejects.toThrow('injected inside the transaction');
    expect(await store.head()).toMatchObject({ size: 2, checkpoint: { size: 2 } });
    expect(await store.readByTag('lot:3')).toEqual([]);
    fail = false;
    expect(await store.appendBatch(simpleBatch(2, 3))).toEqual({ ok: true });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorruptStoredEventError, createSqliteStore, type EventStore } from '../../src/store/index.js';
import { simpleBatch } from '../support/events.js';
import { storeContract } from './contract.js';

function scratchDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-sqlite-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

storeContract('sqlite', async () => {
  const { dir, remove } = scratchDir();
  const path = join(dir, 'log.db');
  const opened: EventStore[] = [];
  const openOne = (): EventStore => {
    const store = createSqliteStore({ path, pollIntervalMs: 20 });
    opened.push(store);
    return store;
  };
  return {
    store: openOne(),
    reopen: async () => openOne(),
    openReader: async () => openOne(),
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
  const open = (pollIntervalMs?: number): EventStore => {
    const store = createSqliteStore({ path: join(dir, 'log.db'), ...(pollIntervalMs ? { pollIntervalMs } : {}) });
    stores.push(store);
    return store;
  };
  beforeEach(() => ({ dir, remove } = scratchDir()));
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    remove();
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
    const reader = open(50);
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
});

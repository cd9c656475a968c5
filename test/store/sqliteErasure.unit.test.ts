/**
 * Erasure on sqlite removes the bytes, not just the row: after erasePersonal
 * neither the database file nor its write-ahead log holds the erased data
 * (secure_delete, then a TRUNCATE checkpoint retried while readers hold the WAL).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore, type VaultStore } from '../../src/store/index.js';
import { migrations } from '../../src/store/sqlite/schema.js';
import { simpleBatch } from '../support/events.js';

const PHONE = '13987654321';
const NAME = '欧阳娜娜';
const SALT = 'c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeebeef';

/** The raw bytes of the database file and of its WAL, if there is one. */
const rawBytes = (path: string): Buffer =>
  Buffer.concat([readFileSync(path), existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0)]);

const holdsPersonalData = (path: string): boolean => {
  const bytes = rawBytes(path);
  return [PHONE, NAME, SALT].some((text) => bytes.includes(Buffer.from(text, 'utf8')));
};

/** Polls until the files no longer hold the data, failing after 10 s (the acceptance bound). */
async function untilScrubbed(path: string): Promise<number> {
  const started = performance.now();
  while (holdsPersonalData(path)) {
    if (performance.now() - started > 10_000) throw new Error('the erased data is still in the database file or its WAL after 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return performance.now() - started;
}

describe('sqlite erasure', () => {
  let dir: string;
  let path: string;
  let store: VaultStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'suyuan-erasure-'));
    path = join(dir, 'log.db');
    store = createSqliteStore({ path });
    await store.appendBatch({
      ...simpleBatch(0, 3),
      vault: [
        {
          ref: 'buyer-1',
          salt: SALT,
          data: JSON.stringify({ name: NAME, phone: PHONE }),
          recordedBy: 'op:1',
          region: '440118',
          createdAt: '2026-12-01T00:00:00.000Z',
        },
        {
          ref: 'buyer-2',
          salt: 'ab'.repeat(32),
          data: '{"name":"kept"}',
          recordedBy: 'op:1',
          region: '440118',
          createdAt: '2026-12-01T00:00:00.000Z',
        },
      ],
    });
    await store.appendBatch(simpleBatch(3, 2));
    // Otherwise the test could pass by looking in the wrong place.
    expect(holdsPersonalData(path)).toBe(true);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves no byte of the erased name, phone or salt in the database file or its WAL', async () => {
    expect(await store.erasePersonal('buyer-1', '2026-12-02T00:00:00.000Z')).toBe('erased');
    expect(await untilScrubbed(path)).toBeLessThan(10_000);
    expect(await store.readPersonal('buyer-1')).toMatchObject({ erased: true });
    expect(await store.readPersonal('buyer-2')).toMatchObject({ erased: false, data: '{"name":"kept"}' });
    expect(await store.readFrom(0, 10)).toHaveLength(5);
    expect(await store.appendBatch(simpleBatch(5, 1))).toEqual({ ok: true });
  });

  it('waits for a reader holding the WAL without blocking or breaking it, then scrubs within seconds', async () => {
    const reader = new Database(path, { readonly: true });
    const count = reader.prepare('SELECT count(*) FROM events').pluck();
    reader.exec('BEGIN');
    expect(count.get()).toBe(5); // the reader's snapshot is now pinned to the WAL

    const started = performance.now();
    expect(await store.erasePersonal('buyer-1', '2026-12-02T00:00:00.000Z')).toBe('erased');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await store.appendBatch(simpleBatch(5, 1))).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 300)); // a retry or two, still busy
    expect(count.get()).toBe(5);
    expect(holdsPersonalData(path)).toBe(true); // the WAL cannot be truncated under the reader
    reader.exec('COMMIT');
    expect(count.get()).toBe(6);

    expect(await untilScrubbed(path)).toBeLessThan(10_000);
    expect(reader.prepare("SELECT erased_at FROM personal_data WHERE ref = 'buyer-1'").pluck().get()).toBe('2026-12-02T00:00:00.000Z');
    reader.close();
  });
});

describe('sqlite schema version 2', () => {
  it('adds the vault tables to a log created at version 1, keeping its events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'suyuan-migrate-'));
    const path = join(dir, 'log.db');
    const old = new Database(path);
    old.exec(migrations[0]!);
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO events (position, hash, type, time, body) VALUES (0, 'h', 't', 'x', '{\"position\":0}')").run();
    old.close();
    const store = createSqliteStore({ path });
    expect((await store.head()).size).toBe(1);
    expect(await store.readPersonal('r')).toBeUndefined();
    await store.recordAccess({ ref: 'r', principal: 'p', purpose: 'q', at: 'now' });
    expect(await store.accessRecords({ limit: 5 })).toHaveLength(1);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

/**
 * An insider with database access, on sqlite and on PostgreSQL (issue 10):
 * a forged `principal.created` row with a correct hash and `prev`, inserted
 * while the writer is down, makes the writer refuse to start (UnsignedTail,
 * naming the position) instead of signing it, until `suyuan repair
 * --drop-unsigned` removes it; a store restored from an older copy makes
 * it refuse too (StoreBehindSignedLog, naming both sizes).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/hash/index.js';
import { StoreBehindSignedLogError, UnsignedTailError, type LogKey } from '../../src/ledger/index.js';
import { openStore } from '../../src/store/index.js';
import { describeWithPostgres } from '../support/pg.js';
import { extendLog, forgedAdmin, openWriter, postgresBackend, sqliteBackend, suyuan, type Backend } from '../support/insider.js';

const key: LogKey = { origin: 'insider.test/log', ...generateKey('insider.test/log') };

function insiderSuite(make: () => Backend): void {
  let backend: Backend;
  beforeEach(() => {
    backend = make();
  });
  afterEach(() => backend.dispose());

  it('refuses to start on a forged principal.created row, naming its position, until repair --drop-unsigned drops it', async () => {
    const { size, checkpoint } = await extendLog(backend, key, 3);
    const forged = forgedAdmin(size);
    await backend.insertRows(forged);

    const opening = openWriter(backend, key);
    await expect(opening).rejects.toBeInstanceOf(UnsignedTailError);
    await expect(opening).rejects.toMatchObject({ code: 'UnsignedTail', position: size, count: 1 });
    await expect(opening).rejects.toThrow(`from position ${size}`);

    const repaired = await suyuan(backend, key, ['repair', '--drop-unsigned', ...backend.cliArgs]);
    expect(repaired.stdout).toContain(`drop position ${size}  principal.created  ${forged.hash}`);
    expect(repaired.stdout).toContain(`dropped 1 unsigned events; the log ends at its signed size ${size}`);

    expect(await openWriter(backend, key)).toEqual({ size, checkpoint });
    const store = await openStore(backend.storeUrl);
    try {
      expect(await store.readByTag('principal:insider')).toEqual([]);
      expect((await store.head()).size).toBe(size);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('refuses to start on a store restored from an older copy, naming both sizes', async () => {
    const before = await extendLog(backend, key, 2);
    const older = await backend.snapshot();
    const after = await extendLog(backend, key, 4, 2);
    await older.restoreStore();

    const opening = openWriter(backend, key);
    await expect(opening).rejects.toBeInstanceOf(StoreBehindSignedLogError);
    await expect(opening).rejects.toMatchObject({
      code: 'StoreBehindSignedLog',
      reason: 'behind',
      signedSize: after.size,
      storeSize: before.size,
    });
    await expect(opening).rejects.toThrow(new RegExp(`size ${after.size}.*size ${before.size}.*suyuan restore --from`, 's'));
    // Nothing was signed over the older copy.
    const store = await openStore(backend.storeUrl);
    try {
      expect((await store.head()).checkpoint?.size).toBe(before.size);
    } finally {
      await store.close();
    }
  }, 120_000);
}

describe('an insider on the sqlite store', () => insiderSuite(sqliteBackend));

describeWithPostgres('an insider on the postgres store', (url) => insiderSuite(() => postgresBackend(url)));

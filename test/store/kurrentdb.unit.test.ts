import { describe, expect, it } from 'vitest';
import { createKurrentDbStore, openStore, VaultUnsupportedError } from '../../src/store/index.js';
import { simpleBatch } from '../support/events.js';

describe('kurrentdb store, without a server', () => {
  it('constructs from a connection string and closes cleanly', async () => {
    const store = createKurrentDbStore({ connectionString: 'kurrentdb://127.0.0.1:2113?tls=false' });
    expect(store.kind).toBe('kurrentdb');
    await store.close();
    await store.close();
  });

  it('reports a malformed connection string on first use', async () => {
    const store = createKurrentDbStore({ connectionString: 'kurrentdb://' });
    await expect(store.head()).rejects.toThrow();
    await store.close();
  });

  it('is what openStore picks for kurrentdb:// and esdb:// URLs', async () => {
    for (const url of ['kurrentdb://127.0.0.1:2113?tls=false', 'esdb://127.0.0.1:2113?tls=false&streamPrefix=x']) {
      const store = await openStore(url);
      expect(store.kind).toBe('kurrentdb');
      await store.close();
    }
  });

  it('keeps no personal-data vault: a batch with vault rows and every vault call are refused, naming why', async () => {
    const store = createKurrentDbStore({ connectionString: 'kurrentdb://127.0.0.1:2113?tls=false' });
    const row = { ref: 'r', salt: '00'.repeat(32), data: '{}', recordedBy: 'op:1', region: '4401', createdAt: 'now' };
    await expect(store.appendBatch({ ...simpleBatch(0, 1), vault: [row] })).rejects.toBeInstanceOf(VaultUnsupportedError);
    await expect(store.readPersonal('r')).rejects.toThrow(/no personal-data vault/);
    await expect(store.erasePersonal('r', 'now')).rejects.toBeInstanceOf(VaultUnsupportedError);
    await expect(store.recordAccess({ ref: 'r', principal: 'p', purpose: 'q', at: 'now' })).rejects.toBeInstanceOf(VaultUnsupportedError);
    await expect(store.accessRecords({ limit: 1 })).rejects.toBeInstanceOf(VaultUnsupportedError);
    await store.close();
  });
});

import { describe, expect, it } from 'vitest';
import { createKurrentDbStore, openStore } from '../../src/store/index.js';

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
});

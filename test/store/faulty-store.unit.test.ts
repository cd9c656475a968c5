import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/index.js';
import { simpleBatch } from '../support/events.js';
import { withFailingAppends } from '../support/faulty-store.js';

describe('withFailingAppends (a test helper for failed commits)', () => {
  it('fails the next appends without touching the store, then lets appends through', async () => {
    const store = withFailingAppends(createMemoryStore());
    store.failNextAppends(2, new Error('disk full'));
    await expect(store.appendBatch(simpleBatch(0, 1))).rejects.toThrow('disk full');
    await expect(store.appendBatch(simpleBatch(0, 1))).rejects.toThrow('disk full');
    expect(await store.head()).toEqual({ size: 0 });
    expect(await store.appendBatch(simpleBatch(0, 1))).toEqual({ ok: true });
    expect((await store.head()).size).toBe(1);
    await store.close();
  });
});

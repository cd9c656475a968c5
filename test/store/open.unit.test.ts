import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { simpleBatch } from '../support/events.js';

describe('openStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'suyuan-open-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a memory store for memory:', async () => {
    const store = await openStore('memory:');
    expect(store.kind).toBe('memory');
    await store.close();
  });

  it('opens the same sqlite file from sqlite:, sqlite://, file: and plain-path forms', async () => {
    const path = join(dir, 'log.db');
    const first = await openStore(`sqlite:${path}`);
    expect(first.kind).toBe('sqlite');
    await first.appendBatch(simpleBatch(0, 2));
    await first.close();
    for (const url of [`sqlite://${path}`, pathToFileURL(path).href, path]) {
      const store = await openStore(url);
      expect((await store.head()).size).toBe(2);
      await store.close();
    }
  });

  it('refuses an unknown scheme and an empty sqlite path', async () => {
    await expect(openStore('mysql://localhost/db')).rejects.toThrow(/no store adapter for mysql/);
    await expect(openStore('sqlite:')).rejects.toThrow(/needs a path/);
  });
});

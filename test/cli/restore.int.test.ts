/**
 * `suyuan restore --from URL` on sqlite and PostgreSQL: a store restored
 * from an older copy (the writer refuses it) gets its missing tail back from
 * a read-only node, verified against the log key, and the writer starts on
 * the whole log again, which `verify --checkpoint` against the node confirms.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogFollower, build, keyDigest, newApiKey } from '../../src/api/index.js';
import { generateKey } from '../../src/hash/index.js';
import { StoreBehindSignedLogError, type LogKey } from '../../src/ledger/index.js';
import { startProjections } from '../../src/projections/index.js';
import { createMemoryStore, openStore, type EventStore } from '../../src/store/index.js';
import { describeWithPostgres } from '../support/pg.js';
import { extendLog, openWriter, postgresBackend, sqliteBackend, suyuan, type Backend } from '../support/insider.js';

const key: LogKey = { origin: 'restore.test/log', ...generateKey('restore.test/log') };

/** copyOf is a follower's own copy of the log as it stands (the store a read-only node serves from). */
async function copyOf(storeUrl: string): Promise<EventStore> {
  const source = await openStore(storeUrl, { role: 'reader' });
  try {
    const head = await source.head();
    const copy = createMemoryStore();
    const appended = await copy.appendBatch({ events: await source.readFrom(0, head.size), checkpoint: head.checkpoint!, idempotency: [] });
    expect(appended).toEqual({ ok: true });
    return copy;
  } finally {
    await source.close();
  }
}

/** A read-only node over `store`, listening on a free port. */
async function readNode(store: EventStore, adminKey: string) {
  const log = await LogFollower.open({ store, vkey: key.vkey });
  const projections = await startProjections({ store, ledger: log });
  const app = await build({
    log,
    store,
    read: projections.readModel,
    adminKeyDigest: keyDigest(adminKey),
    rateLimit: false,
    processMetrics: false,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    close: async () => {
      await app.close();
      await projections.stop();
      await store.close();
    },
  };
}

function restoreSuite(make: () => Backend): void {
  let backend: Backend;
  beforeEach(() => {
    backend = make();
  });
  afterEach(() => backend.dispose());

  it('brings back the missing tail from a reader, and the writer starts', async () => {
    const before = await extendLog(backend, key, 2);
    const older = await backend.snapshot();
    const full = await extendLog(backend, key, 6, 2);
    const adminKey = newApiKey();
    const node = await readNode(await copyOf(backend.storeUrl), adminKey);
    try {
      await older.restoreStore();
      await expect(openWriter(backend, key)).rejects.toBeInstanceOf(StoreBehindSignedLogError);

      const restored = await suyuan(backend, key, ['restore', '--from', node.url, '--key', adminKey, ...backend.cliArgs]);
      expect(restored.stdout).toContain(`restored ${full.size - before.size} events (positions ${before.size}–${full.size - 1})`);

      expect(await openWriter(backend, key)).toEqual(full);
      const verified = await suyuan(backend, key, ['verify', ...backend.cliArgs, '--checkpoint', `${node.url}/v1/log/checkpoint`]);
      expect(verified.stdout).toContain(`ok: the log extends the checkpoint of size ${full.size}`);
      // Asked again, there is nothing left to bring back.
      const again = await suyuan(backend, key, ['restore', '--from', node.url, '--key', adminKey, ...backend.cliArgs]);
      expect(again.stdout).toContain(`nothing to restore: the store already holds the remote signed log (size ${full.size})`);
    } finally {
      await node.close();
    }
  }, 120_000);
}

describe('restore --from a reader on sqlite', () => restoreSuite(sqliteBackend));

describeWithPostgres('restore --from a reader on postgres', (url) => restoreSuite(() => postgresBackend(url)));

/**
 * A read-only API node (DESIGN §10) beside the writer, on sqlite and on
 * PostgreSQL: it follows the log trusting only the public key, authenticates
 * the principals the writer created (and stops honouring revoked ones),
 * answers reads and proofs that verify, and refuses writes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LogFollower, build, keyDigest, newApiKey } from '../../src/api/index.js';
import { fromHex, generateKey, leafHash, openNote, parseCheckpoint, verifyInclusion } from '../../src/hash/index.js';
import { openSuyuanLedger } from '../../src/ledger/index.js';
import { startProjections } from '../../src/projections/index.js';
import { openStore } from '../../src/store/index.js';
import { verifyBundle } from '../../src/verify/index.js';
import { describeWithPostgres, dropSchema, uniqueSchema } from '../support/pg.js';
import { farmToCoop, lotBody, ok, setUp } from './support/chain.js';
import type { Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';

async function writerAndReader(url: string): Promise<void> {
  const adminKey = newApiKey();
  const key = { origin: 'reader.test/log', ...generateKey('reader.test/log') };
  const writerStore = await openStore(url);
  const ledger = await openSuyuanLedger({ store: writerStore, key });
  const writerProjections = await startProjections({ store: writerStore, ledger });
  const common = { adminKeyDigest: keyDigest(adminKey), rateLimit: false as const, processMetrics: false };
  const writer = await build({ ledger, store: writerStore, read: writerProjections.readModel, ...common });

  const readerStore = await openStore(url, { role: 'reader' });
  const log = await LogFollower.open({ store: readerStore, vkey: ledger.vkey });
  const readerProjections = await startProjections({ store: readerStore, ledger: log });
  const reader = await build({
    log,
    store: readerStore,
    read: readerProjections.readModel,
    writerUrl: 'https://writer.example',
    ...common,
  });
  const following = new AbortController();
  const followed = log.follow(following.signal);

  const via = (app: typeof writer) =>
    ({
      adminKey,
      ledger,
      call: (method: string, path: string, options: { key?: string; body?: unknown } = {}) =>
        app.inject({
          method: method as 'GET',
          url: path,
          headers: options.key ? { authorization: `Bearer ${options.key}` } : {},
          ...(options.body === undefined ? {} : { payload: options.body as object }),
        }),
    }) as unknown as Harness;
  const onWriter = via(writer);
  const onReader = via(reader);
  const caughtUp = async () => {
    for (let waited = 0; log.size < ledger.size || readerProjections.readModel.position < ledger.size; waited += 10) {
      if (waited > 10_000) throw new Error(`reader stuck at ${log.size} of ${ledger.size}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  try {
    const keys = await setUp(onWriter);
    const { farmLot, coopLot } = await farmToCoop(onWriter, keys);
    await caughtUp();

    expect((await reader.inject('/v1/log/checkpoint')).body).toBe(ledger.checkpoint);
    const full = await ok(onReader.call('GET', `/v1/codes/${coopLot}`, { key: keys.coop }));
    expect(full.holder.name).toBe('天河果蔬专业合作社');
    const lineage = await ok(onReader.call('GET', `/v1/codes/${coopLot}/trace`));
    expect(lineage.nodes.map((n: { code: string }) => n.code)).toEqual([coopLot, farmLot]);
    expect(verifyBundle(await ok(onReader.call('GET', `/v1/codes/${coopLot}/proof`)), ledger.vkey)).toMatchObject({ ok: true });
    const { size, root } = parseCheckpoint(openNote(ledger.checkpoint, [ledger.vkey]).text);
    const proof = await ok(onReader.call('GET', `/v1/log/proof/inclusion?index=${size - 1}`));
    expect(verifyInclusion(leafHash(fromHex(proof.hash)), size - 1, size, proof.proof.map(fromHex), root)).toBe(true);

    const before = ledger.size;
    const refused = await reader.inject({
      method: 'POST',
      url: '/v1/lots',
      headers: { authorization: `Bearer ${keys.farm}` },
      payload: lotBody(),
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ code: 'ReadOnlyNode', detail: expect.stringContaining('https://writer.example') });
    expect(ledger.size).toBe(before);

    const me = await ok(onWriter.call('GET', '/v1/me', { key: keys.market }));
    await ok(onWriter.call('POST', `/v1/principals/${me.id}/revoke`, { key: adminKey, body: { reason: '设备丢失' } }));
    await caughtUp();
    await expectRefused(onReader, () => onReader.call('GET', '/v1/me', { key: keys.market }), 401, 'KeyRevoked');

    following.abort();
    await followed;
    const reopened = await LogFollower.open({ store: readerStore, vkey: ledger.vkey });
    expect(reopened.checkpoint).toBe(ledger.checkpoint);
    await expect(LogFollower.open({ store: readerStore, vkey: generateKey('reader.test/log').vkey })).rejects.toThrow();
  } finally {
    following.abort();
    await followed;
    await reader.close();
    await readerProjections.stop();
    await writer.close();
    await writerProjections.stop();
    await ledger.close();
    await readerStore.close();
    await writerStore.close();
  }
}

describe('a read-only node beside the writer on sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-reader-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('follows, authenticates, serves verifiable reads and refuses writes', () => writerAndReader(join(dir, 'suyuan.db')), 60_000);
});

describeWithPostgres('a read-only node beside the writer on postgres', (url) => {
  const schema = uniqueSchema('reader');
  afterAll(() => dropSchema(url, schema));
  it('follows, authenticates, serves verifiable reads and refuses writes', () => writerAndReader(`${url}?schema=${schema}`), 60_000);
});

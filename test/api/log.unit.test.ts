import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, leafHash, openNote, parseCheckpoint, verifyConsistency, verifyInclusion, verifyNote } from '../../src/hash/index.js';
import { farmToCoop, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';

let h: Harness;
let keys: Keys;
beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  await farmToCoop(h, keys);
});
afterAll(() => h.close());

describe('GET /v1/log/key and /v1/log/checkpoint', () => {
  it('serves the vkey and a checkpoint it verifies', async () => {
    const key = await h.call('GET', '/v1/log/key');
    expect(key.headers['content-type']).toMatch(/^text\/plain/);
    const vkey = key.body.trim();
    expect(vkey).toBe(h.ledger.vkey);
    const note = (await h.call('GET', '/v1/log/checkpoint')).body;
    expect(verifyNote(note, [vkey])).toBe(true);
    expect(parseCheckpoint(openNote(note, [vkey]).text).size).toBe(h.ledger.size);
  });
});

describe('GET /v1/log/proof/inclusion and /consistency', () => {
  it('proves every event in the signed tree, and the tree consistent with an earlier one', async () => {
    const vkey = h.ledger.vkey;
    const { size, root } = parseCheckpoint(openNote((await h.call('GET', '/v1/log/checkpoint')).body, [vkey]).text);
    for (let index = 0; index < size; index += 3) {
      const proof = JSON.parse((await h.call('GET', `/v1/log/proof/inclusion?index=${index}`)).body);
      expect(proof).toMatchObject({ index, size });
      expect(verifyInclusion(leafHash(fromHex(proof.hash)), index, size, proof.proof.map(fromHex), root)).toBe(true);
    }
    const older = Math.floor(size / 2);
    const consistency = JSON.parse((await h.call('GET', `/v1/log/proof/consistency?from=${older}`)).body);
    const olderRoot = fromHex(h.ledger.root(older));
    expect(verifyConsistency(older, size, olderRoot, root, consistency.proof.map(fromHex))).toBe(true);
  });

  it('refuses proofs outside the signed log, naming the parameter', async () => {
    const size = h.ledger.size;
    await expectRefused(h, () => h.call('GET', `/v1/log/proof/inclusion?index=${size}`), 400, 'InvalidQuery', 'index');
    await expectRefused(h, () => h.call('GET', `/v1/log/proof/inclusion?index=0&size=${size + 1}`), 400, 'InvalidQuery', 'size');
    await expectRefused(h, () => h.call('GET', '/v1/log/proof/inclusion?index=-1'), 400, 'ValidationFailed', 'index');
    await expectRefused(h, () => h.call('GET', '/v1/log/proof/inclusion'), 400, 'ValidationFailed', 'index');
    await expectRefused(h, () => h.call('GET', '/v1/log/proof/consistency?from=0'), 400, 'InvalidQuery', 'from');
    await expectRefused(h, () => h.call('GET', `/v1/log/proof/consistency?from=2&to=${size + 5}`), 400, 'InvalidQuery', 'to');
    await expectRefused(h, () => h.call('GET', '/v1/log/proof/consistency?from=x'), 400, 'ValidationFailed', 'from');
  });
});

describe('GET /v1/log/events', () => {
  it('pages through every event in order for auditors and subscribers', async () => {
    for (const key of [keys.auditor, keys.subscriber, h.adminKey]) {
      const seen: number[] = [];
      let after = -1;
      for (;;) {
        const page = JSON.parse((await h.call('GET', `/v1/log/events?after=${after}&limit=7`, { key })).body);
        seen.push(...page.events.map((e: { position: number }) => e.position));
        if (page.next === undefined) break;
        after = page.next;
      }
      expect(seen).toEqual(Array.from({ length: h.ledger.size }, (_, i) => i));
    }
    const page = JSON.parse((await h.call('GET', `/v1/log/events?after=${h.ledger.size - 1}`, { key: keys.auditor })).body);
    expect(page.events).toEqual([]);
  });

  it('refuses the public, operators and regulators, and bad paging', async () => {
    await expectRefused(h, () => h.call('GET', '/v1/log/events'), 401, 'Unauthorized');
    await expectRefused(h, () => h.call('GET', '/v1/log/events', { key: keys.farm }), 403, 'RoleForbidden');
    await expectRefused(h, () => h.call('GET', '/v1/log/events', { key: keys.reviewerGd }), 403, 'RoleForbidden');
    await expectRefused(h, () => h.call('GET', '/v1/log/events?limit=5000', { key: keys.auditor }), 400, 'ValidationFailed', 'limit');
    await expectRefused(h, () => h.call('GET', '/v1/log/events?after=-2', { key: keys.auditor }), 400, 'ValidationFailed', 'after');
  });
});

describe('GET /v1/log/stream (refusals; streaming is in stream.int.test.ts)', () => {
  it('refuses without a key, outside the roles, and a bad Last-Event-ID', async () => {
    await expectRefused(h, () => h.call('GET', '/v1/log/stream'), 401, 'Unauthorized');
    await expectRefused(h, () => h.call('GET', '/v1/log/stream', { key: keys.farm }), 403, 'RoleForbidden');
    await expectRefused(
      h,
      () => h.call('GET', '/v1/log/stream', { key: keys.subscriber, headers: { 'last-event-id': 'abc' } }),
      400,
      'ValidationFailed',
      'last-event-id',
    );
    await expectRefused(h, () => h.call('GET', '/v1/log/stream?types=Lot!', { key: keys.subscriber }), 400, 'ValidationFailed', 'types.0');
    await expectRefused(h, () => h.call('GET', '/v1/log/stream?after=x', { key: keys.subscriber }), 400, 'ValidationFailed', 'after');
  });
});

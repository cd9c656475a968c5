/**
 * GET /v1/codes/{code}/proof keeps each bundle for the checkpoint it proves:
 * asked again at the same log size (in any spelling of the code), it is
 * answered without reading the store; once the log grows, it is built anew
 * against the new checkpoint. Public and full bundles are kept apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTraceCode } from '../../src/domain/index.js';
import { farmToCoop, lotBody, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';

let h: Harness;
let keys: Keys;
let coopLot: string;
let reads = 0;
beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  ({ coopLot } = await farmToCoop(h, keys));
  const readByTag = h.store.readByTag.bind(h.store);
  h.store.readByTag = (...args) => {
    reads++;
    return readByTag(...args);
  };
});
afterAll(() => h.close());

const proof = async (code: string, key?: string) => {
  const response = await h.call('GET', `/v1/codes/${encodeURIComponent(code)}/proof`, key ? { key } : {});
  expect(response.statusCode).toBe(200);
  return response.json() as { size: number; checkpoint: string };
};

describe('the proof-bundle cache', () => {
  it('answers a bundle again without reading the store until the log grows', async () => {
    const first = await proof(coopLot);
    const afterFirst = reads;
    expect(afterFirst).toBeGreaterThan(0);
    expect(await proof(formatTraceCode(coopLot))).toEqual(first);
    expect(reads, 'served from the cache').toBe(afterFirst);

    await proof(coopLot, keys.auditor);
    expect(reads, 'the full bundle is built apart from the public one').toBeGreaterThan(afterFirst);

    await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(3) }));
    const beforeGrown = reads;
    const grown = await proof(coopLot);
    expect(reads, 'rebuilt for the new checkpoint').toBeGreaterThan(beforeGrown);
    expect(grown.size).toBeGreaterThan(first.size);
    expect(grown.checkpoint).not.toBe(first.checkpoint);
  });
});

/**
 * Text the canonicaliser refuses (a lone surrogate cannot be logged, hashed or
 * signed) is the client's mistake: a 4xx problem naming the field, with or
 * without an Idempotency-Key, and nothing appended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lotBody, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';

let h: Harness;
let keys: Keys;
beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
});
afterAll(() => h.close());

const LONE = ['\ud800', '\udfff', 'a\udc00b'];

describe('lone surrogates in a write', () => {
  for (const bad of LONE) {
    for (const idempotencyKey of [undefined, 'retry-1']) {
      it(`answers 4xx for ${JSON.stringify(bad)} ${idempotencyKey ? 'with' : 'without'} an Idempotency-Key`, async () => {
        const before = h.ledger.size;
        const body = lotBody(10);
        const headers: Record<string, string> = idempotencyKey ? { 'idempotency-key': `${idempotencyKey}-${before}` } : {};
        const response = await h.call('POST', '/v1/lots', {
          key: keys.farm,
          headers,
          body: { ...body, product: { ...body.product, name: `菜心${bad}` } },
        });
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        if (idempotencyKey) expect(response.json()).toMatchObject({ status: 400, field: 'product.name' });
        expect(h.ledger.size).toBe(before);
      });
    }
  }

  it('answers 4xx for a lone surrogate in a key of the body', async () => {
    const before = h.ledger.size;
    const response = await h.call('POST', '/v1/lots', {
      key: keys.farm,
      headers: { 'idempotency-key': 'retry-key' },
      body: { ...lotBody(10), '\ud83d': 1 },
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(h.ledger.size).toBe(before);
  });
});

/**
 * The lineage picture against hostile product names and careless clients:
 * graph.svg keeps to the characters XML 1.0 allows whatever a product is
 * called (a noncharacter or a control made it ill-formed: the browser drew
 * an error), odd ?direction= is a 400, and the variant with destinations
 * (a regulator's) is marked private for every cache on the way, the public
 * one varying on Authorization.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COOP, lotBody, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';

let h: Harness;
let keys: Keys;
let farmLot: string;
let coopLot: string;
beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  const body = lotBody(80);
  farmLot = (
    await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: { ...body, product: { ...body.product, name: 'a&b]]>\uFFFE\u0001<t>' } } }))
  ).code;
  const shipment = { to: { operatorId: COOP }, quantity: { amount: 20, unit: 'kg' } };
  coopLot = (await ok(h.call('POST', `/v1/lots/${farmLot}/shipments`, { key: keys.farm, body: shipment }))).code;
});
afterAll(() => h.close());

const notXml = (text: string): string[] =>
  [...text].filter((char) => {
    const point = char.codePointAt(0)!;
    return (point < 0x20 && point !== 0x09 && point !== 0x0a && point !== 0x0d) || point === 0xfffe || point === 0xffff;
  });

describe('GET /c/{code}/graph.svg with a hostile product name', () => {
  it('keeps to the characters XML allows, the name as text, for the public and a regulator', async () => {
    for (const key of [undefined, keys.auditor]) {
      for (const code of [farmLot, coopLot]) {
        const response = await h.call('GET', `/c/${code}/graph.svg`, key ? { key } : {});
        expect(response.statusCode).toBe(200);
        expect(notXml(response.body)).toEqual([]);
        expect(response.body).not.toContain('<t>');
        expect(response.body).toContain('a&amp;b]]&gt;\uFFFD\uFFFD&lt;t&gt;');
      }
    }
  });

  it('answers an odd direction with 400', async () => {
    for (const query of ['?direction=', '?direction=forward', '?direction=both&direction=both', `?direction=${'x'.repeat(500)}`]) {
      for (const route of ['graph.svg', 'graph'])
        expect((await h.call('GET', `/c/${coopLot}/${route}${query}`)).statusCode, query).toBe(400);
    }
  });
});

describe('caches on the way', () => {
  it('mark a regulator’s picture with destinations private, and vary the public one on Authorization', async () => {
    for (const route of ['graph.svg', 'graph']) {
      const regulator = await h.call('GET', `/c/${farmLot}/${route}`, { key: keys.auditor });
      expect(regulator.body).toContain(`data-code="${coopLot}"`);
      expect(regulator.headers['cache-control']).toBe('private, no-store');
      expect(regulator.headers.vary).toMatch(/authorization/i);
      const anyone = await h.call('GET', `/c/${coopLot}/${route}`);
      expect(anyone.headers['cache-control'] ?? '').not.toContain('public');
      expect(anyone.headers.vary).toMatch(/authorization/i);
      // The public never gets the variant a regulator's request made and the server kept.
      expect((await h.call('GET', `/c/${farmLot}/${route}`)).body).not.toContain(`data-code="${coopLot}"`);
    }
  });
});

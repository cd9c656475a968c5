/**
 * The lineage picture (/c/{code}/graph.svg and /c/{code}/graph): one node
 * per lot of the lineage, each carrying its code and linking to its page,
 * edges labelled with quantities; the public sees provenance only, a
 * regulator or auditor with access both directions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTraceCode } from '../../src/domain/index.js';
import { MARKET, farmToCoop, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';

let h: Harness;
let keys: Keys;
let farmLot: string;
let coopLot: string;
let marketLot: string;
let stallLots: string[];
const kg = (amount: number) => ({ amount, unit: 'kg' });

beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  ({ farmLot, coopLot } = await farmToCoop(h, keys));
  marketLot = (
    await ok(h.call('POST', `/v1/lots/${coopLot}/shipments`, { key: keys.coop, body: { to: { operatorId: MARKET }, quantity: kg(100) } }))
  ).code;
  await ok(h.call('POST', `/v1/lots/${marketLot}/accept`, { key: keys.market }));
  stallLots = [];
  for (const [name, amount] of [
    ['李记菜档', 30],
    ['陈姨生鲜', 20],
  ] as const) {
    const body = { to: { buyer: { name, phone: '13600136000' } }, quantity: kg(amount) };
    stallLots.push((await ok(h.call('POST', `/v1/lots/${marketLot}/shipments`, { key: keys.market, body }))).code);
  }
});
afterAll(() => h.close());

const codesIn = (svg: string): string[] => [...svg.matchAll(/data-code="(\d+)"/g)].map((match) => match[1]!);
const traced = async (code: string, direction: 'backward' | 'forward', key?: string): Promise<string[]> =>
  (await ok(h.call('GET', `/v1/codes/${code}/trace?direction=${direction}`, key ? { key } : {}))).nodes.map(
    (node: { code: string }) => node.code,
  );

describe('GET /c/{code}/graph.svg', () => {
  it('draws exactly one node per lot of the provenance for the public, each a link to its page', async () => {
    const response = await h.call('GET', `/c/${stallLots[0]}/graph.svg`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const drawn = codesIn(response.body);
    expect(new Set(drawn).size).toBe(drawn.length);
    expect(drawn.sort()).toEqual((await traced(stallLots[0]!, 'backward')).sort());
    expect(drawn.sort()).toEqual([farmLot, coopLot, marketLot, stallLots[0]!].sort());
    for (const code of drawn) expect(response.body).toContain(`<a href="/c/${code}">`);
    expect(response.body).toContain('交易 30 '); // the hand-off to the stall, with its quantity
    expect(response.body).not.toContain(stallLots[1]!); // a sibling is downstream of the market: not provenance
    expect(response.body).not.toMatch(/李记菜档|陈姨生鲜|13600136000/);
  });

  it('shows a regulator or auditor with access both directions, and the public never the destinations', async () => {
    const publicCodes = codesIn((await h.call('GET', `/c/${coopLot}/graph.svg`)).body);
    expect(publicCodes.sort()).toEqual([farmLot, coopLot].sort());
    const both = codesIn((await h.call('GET', `/c/${coopLot}/graph.svg`, { key: keys.auditor })).body);
    const expected = new Set([...(await traced(coopLot, 'backward', keys.auditor)), ...(await traced(coopLot, 'forward', keys.auditor))]);
    expect(new Set(both)).toEqual(expected);
    expect(both).toHaveLength(expected.size);
    expect(both).toEqual(expect.arrayContaining(stallLots));
    const inspector = codesIn((await h.call('GET', `/c/${coopLot}/graph.svg`, { key: keys.inspectorGz })).body);
    expect(new Set(inspector)).toEqual(expected);
    // An operator's key does not widen the picture; ?direction=backward narrows a regulator's.
    expect(codesIn((await h.call('GET', `/c/${coopLot}/graph.svg`, { key: keys.farm })).body).sort()).toEqual(publicCodes);
    expect(codesIn((await h.call('GET', `/c/${coopLot}/graph.svg?direction=backward`, { key: keys.auditor })).body).sort()).toEqual(
      publicCodes,
    );
  });

  it('colours nodes by status and marks a frozen lot', async () => {
    await ok(h.call('POST', `/v1/lots/${marketLot}/freeze`, { key: keys.inspectorGz, body: { reason: '快检不合格', cascade: false } }));
    const svg = (await h.call('GET', `/c/${stallLots[0]}/graph.svg`)).body;
    expect(svg).toContain(`data-code="${marketLot}" data-status="frozen"`);
    expect(svg).toContain(`data-code="${farmLot}" data-status="open"`);
    await ok(h.call('POST', `/v1/lots/${marketLot}/release`, { key: keys.inspectorGz, body: { reason: '复检合格', cascade: false } }));
  });

  it('answers an unknown code with 404 and a malformed one with 400', async () => {
    const unknown = generateTraceCode({ kind: 1, region: '440113', serial: '99999999999' });
    expect((await h.call('GET', `/c/${unknown}/graph.svg`)).statusCode).toBe(404);
    expect((await h.call('GET', '/c/123/graph.svg')).statusCode).toBe(400);
  });
});

describe('GET /c/{code}/graph', () => {
  it('is a zh-CN page around the picture, with the count of lots and a link back to the code', async () => {
    const response = await h.call('GET', `/c/${stallLots[0]}/graph`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toMatch(/<html lang="zh-CN">/);
    expect(response.body).toContain('<svg');
    expect(response.body).toContain('4 个批次');
    expect(codesIn(response.body)).toHaveLength(4);
  });
});

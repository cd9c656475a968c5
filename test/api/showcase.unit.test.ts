/**
 * The showcase (/showcase): exactly the operators under trace management —
 * the trace hook's rule, read here through GET /v1/operators/{id}/trace-status
 * — for each region filter, never a suspended one, with filters by category
 * and certification, pages that add up to the whole, and no personal data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COOP, FARM, FURONG, HUNAN, MARKET, farmToCoop, lotBody, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';

let h: Harness;
let keys: Keys;
const ALL = [FARM, COOP, MARKET, HUNAN];
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  await farmToCoop(h, keys); // the farm commissions, the cooperative receives: both under trace; the market has no lot
  await ok(h.call('POST', '/v1/lots', { key: keys.hunan, body: { ...lotBody(50), origin: { region: FURONG } } }));
  await ok(h.call('POST', `/v1/operators/${HUNAN}/status`, { key: keys.reviewerHn, body: { action: 'suspend', reason: '抽检不合格' } }));
  const certification = {
    type: 'green',
    number: 'LB-44-0001',
    product: '菜心',
    validFrom: `${year - 1}-01-01`,
    validTo: `${year + 2}-12-31`,
  };
  await ok(h.call('POST', `/v1/operators/${FARM}/certifications`, { key: keys.reviewerGd, body: certification }));
});
afterAll(() => h.close());

const listed = async (query = ''): Promise<string[]> => {
  const response = await h.call('GET', `/showcase${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return [...response.body.matchAll(/<h2><a href="\/o\/([^"]+)">/g)].map((match) => match[1]!);
};

const underTrace = async (region: string): Promise<string[]> => {
  const found: string[] = [];
  for (const id of ALL) {
    const operator = await ok(h.call('GET', `/v1/operators/${id}`));
    if (!operator.region.startsWith(region)) continue;
    if ((await ok(h.call('GET', `/v1/operators/${id}/trace-status`))).underTrace) found.push(id);
  }
  return found.sort();
};

describe('GET /showcase', () => {
  it('lists exactly the operators under trace management for every region filter, never a suspended one', async () => {
    for (const region of ['', '44', '4401', '440113', '440106', '43']) {
      const shown = (await listed(region === '' ? '' : `?region=${region}`)).sort();
      expect(shown, `region ${region}`).toEqual(await underTrace(region));
      expect(shown).not.toContain(HUNAN);
      expect(shown).not.toContain(MARKET);
    }
    expect((await listed()).sort()).toEqual([COOP, FARM].sort());
  });

  it('filters by the category of traced lots and by certification', async () => {
    expect((await listed('?category=vegetable')).sort()).toEqual([COOP, FARM].sort());
    expect(await listed('?category=fruit')).toEqual([]);
    expect(await listed('?certification=green')).toEqual([FARM]);
    expect(await listed('?certification=organic')).toEqual([]);
    expect(await listed('?region=44&category=vegetable&certification=green')).toEqual([FARM]);
  });

  it('shows certified products and newest lots as public facts only, in a zh-CN page', async () => {
    const page = (await h.call('GET', '/showcase')).body;
    expect(page).toMatch(/<html lang="zh-CN">/);
    expect(page).toContain('绿色食品：菜心');
    expect(page).toMatch(/<a href="\/c\/\d{20}">菜心<\/a>/);
    expect(page).not.toContain('王五'); // the contact person
    expect(page).not.toContain('13800138000');
  });

  it('pages through the whole list by cursor', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = h.projections.readModel.showcase.page({ windowDays: 180, limit: 1, ...(after ? { after } : {}) }, new Date());
      seen.push(...page.operators.map((operator) => operator.operatorId));
      after = page.next;
      if (after === undefined) break;
    }
    expect(seen.sort()).toEqual([COOP, FARM].sort());
    const first = await h.call('GET', '/showcase');
    expect(first.body).not.toContain('rel="next"');
  });

  it('answers a bad filter with 400', async () => {
    for (const query of ['?region=99', '?category=gold', '?certification=halal', '?after=nonsense']) {
      expect((await h.call('GET', `/showcase${query}`)).statusCode, query).toBe(400);
    }
  });
});

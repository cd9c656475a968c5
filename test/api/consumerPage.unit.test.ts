/**
 * The consumer page (/c/{code}) on a farm → cooperative → market → buyer
 * chain built through the API: a card per step with operator, region, date
 * and quantity; production records; a self-declared certification; a failed
 * official test and the recall it makes; a plain freeze; a mistyped code's
 * suggestion; English; and never the buyer's name, phone or address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_LIMIT, gatherFacts, singleDigitCorrections, type ConsumerSources } from '../../src/api/pages/consumer/index.js';
import type { LineageView, LotView } from '../../src/projections/index.js';
import { COOP, FARM, MARKET, lotBody, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { regulators, type RegulatorKeys } from './support/regulators.js';

let h: Harness;
let keys: Keys;
let reg: RegulatorKeys;
let farmLot: string;
let coopLot: string;
let marketLot: string;
let stallLot: string;

const kg = (amount: number) => ({ amount, unit: 'kg' });
/** The buyer of the market-entry certificate: distinctive strings, none of which may reach a public page. */
const BUYER = { name: '欧阳紫薇', phone: '13712345678', address: '越秀区解放北路九十九号' };
const BUYER_FRAGMENTS = [BUYER.name, '紫薇', BUYER.phone, '12345678', BUYER.address, '解放北路'];
const CERT = { type: 'green', number: 'LB-18-SELF0001', product: '菜心', validFrom: '2020-01-01', validTo: '2099-12-31' };
const PESTICIDE = {
  kind: 'input',
  input: 'pesticide',
  name: '吡虫啉',
  registrationNumber: 'PD20080001',
  dose: '10 g/亩',
  appliedAt: '2026-05-20',
  preHarvestIntervalDays: 7,
};

const ship = async (key: string, code: string, to: unknown, amount: number): Promise<string> =>
  (await ok(h.call('POST', `/v1/lots/${code}/shipments`, { key, body: { to, quantity: kg(amount) } }))).code;
const pageOf = async (url: string): Promise<string> => {
  const response = await h.call('GET', url);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/html/);
  return response.body;
};
/** The HTML of one step's card. */
const cardOf = (body: string, code: string): string => {
  const start = body.indexOf(`<li class="card" data-code="${code}">`);
  expect(start, `a card for ${code}`).toBeGreaterThanOrEqual(0);
  const next = body.indexOf('<li class="card"', start + 1);
  return body.slice(start, next < 0 ? body.indexOf('</ol>', start) : next);
};

beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  reg = await regulators(h);
  await ok(h.call('POST', `/v1/operators/${FARM}/certifications`, { key: keys.farm, body: CERT }));
  farmLot = (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: { ...lotBody(), claims: [CERT.number] } }))).code;
  await ok(h.call('POST', `/v1/lots/${farmLot}/records`, { key: keys.farm, body: PESTICIDE }));
  coopLot = await ship(keys.farm, farmLot, { operatorId: COOP }, 200);
  await ok(h.call('POST', `/v1/lots/${coopLot}/accept`, { key: keys.coop }));
  marketLot = await ship(keys.coop, coopLot, { operatorId: MARKET }, 100);
  await ok(h.call('POST', `/v1/lots/${marketLot}/accept`, { key: keys.market }));
  stallLot = await ship(keys.market, marketLot, { buyer: BUYER }, 30);
});
afterAll(() => h.close());

describe('GET /c/{code}: a card per step', () => {
  it('shows operator, region, date, quantity and kind of step for the kind-3 code and every lot upstream', async () => {
    const body = await pageOf(`/c/${stallLot}`);
    expect(body).toContain('lang="zh-CN"');
    expect(body).toContain('全程追溯（上游 3 个批次）');
    for (const code of [stallLot, marketLot, coopLot, farmLot]) {
      const lot = (await ok(h.call('GET', `/v1/codes/${code}`))) as LotView;
      const card = cardOf(body, code);
      const date = (lot.madeBy === 'commission' ? lot.producedAt : lot.createdAt).slice(0, 10);
      for (const text of [lot.issuer.name!, lot.regionName!, date, `${lot.quantity} 千克`, `href="/c/${code}"`]) {
        expect(card, `${code}: ${text}`).toContain(text);
      }
      expect(card).toContain(lot.madeBy === 'commission' ? '· 生产' : '· 交易');
    }
    expect(cardOf(body, farmLot)).toContain('石楼镇蔬菜基地');
  });

  it('lists production records with registration number, dose and pre-harvest interval', async () => {
    const card = cardOf(await pageOf(`/c/${stallLot}`), farmLot);
    for (const text of ['农药：吡虫啉', '10 g/亩', '登记证号 PD20080001', '安全间隔期 7 天', '2026-05-20']) expect(card).toContain(text);
  });

  it('marks a certification the farm declared itself as self-declared (自我声明), with its validity', async () => {
    const card = cardOf(await pageOf(`/c/${stallLot}`), farmLot);
    expect(card).toContain(`绿色食品 ${CERT.number} · 自我声明 · 有效期 2020-01-01 至 2099-12-31`);
  });

  it('never names the buyer, nor the operators’ contacts', async () => {
    for (const url of [`/c/${stallLot}`, `/c/${stallLot}?lang=en`, `/c/${marketLot}`]) {
      const body = await pageOf(url);
      for (const text of [...BUYER_FRAGMENTS, '王五', '13800138000', '13900139000']) expect(body, `${url}: ${text}`).not.toContain(text);
    }
    expect(await pageOf(`/c/${stallLot}`)).toContain('个人信息，不公开');
  });
});

describe('GET /c/{code}?lang=en', () => {
  it('gives every fixed string in English, links keeping the language; data stays as recorded', async () => {
    const body = await pageOf(`/c/${stallLot}?lang=en`);
    expect(body).toContain('<html lang="en">');
    for (const text of [
      'Full trace (3 upstream lots)',
      'This lot',
      'Step 1',
      'commissioned',
      'handed off',
      'self-declared',
      '✓ Verified',
    ]) {
      expect(body, text).toContain(text);
    }
    for (const text of ['全程追溯', '自我声明', '已验证', '产品信息', '生产经营主体']) expect(body, text).not.toContain(text);
    expect(body).toContain(`href="/c/${farmLot}?lang=en"`);
    expect(body).toContain('番禺绿野农场有限公司');
  });

  it('falls back to zh-CN for any other lang', async () => {
    expect(await pageOf(`/c/${stallLot}?lang=fr`)).toContain('lang="zh-CN"');
  });
});

describe('a mistyped code', () => {
  const mistype = (code: string, position: number): string =>
    code.slice(0, position) + String((Number(code[position]) + 3) % 10) + code.slice(position + 1);

  it('offers the one existing code a single digit away (您是否要查 …), the differing digit marked (404)', async () => {
    const typo = mistype(stallLot, 11);
    const response = await h.call('GET', `/c/${typo}`);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('您是否要查');
    expect(response.body).toContain(`href="/c/${stallLot}"`);
    expect(response.body).toContain(`<mark>${stallLot[11]}</mark>`);
    expect(response.body).toContain(`第 12 位：${typo[11]} → ${stallLot[11]}`);
    const english = await h.call('GET', `/c/${typo}?lang=en`);
    expect(english.body).toContain('Did you mean');
    expect(english.body).toContain(`href="/c/${stallLot}?lang=en"`);
  });

  it('explains a code of the wrong length or with letters (400), and gives API clients the problem', async () => {
    const short = await h.call('GET', '/c/1234');
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('追溯码应为 20 位数字，您输入了 4 位');
    const letters = await h.call('GET', '/c/abcd');
    expect(letters.statusCode).toBe(400);
    expect(letters.body).toContain('追溯码只含数字');
    expect((await h.call('GET', '/c/1234?lang=en')).body).toContain('A trace code has 20 digits; you typed 4.');
    const api = await h.call('GET', `/c/${mistype(stallLot, 11)}`, { headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(400);
    expect(JSON.parse(api.body)).toMatchObject({ code: 'ValidationFailed' });
  });

  it('finds the right code among at most 20 candidates, whatever digit was mistyped', () => {
    for (let position = 0; position < 20; position++) {
      const typo = mistype(stallLot, position);
      const corrections = singleDigitCorrections(typo, (code) => code === stallLot);
      expect(corrections.length).toBeLessThanOrEqual(20);
      expect(corrections.filter((c) => c.exists)).toEqual([{ code: stallLot, position, exists: true }]);
    }
  });
});

describe('official tests, recalls and freezes', () => {
  it('shows a failed sample’s verdict once the monitor records it, and the recall banner (风险召回)', async () => {
    expect(cardOf(await pageOf(`/c/${stallLot}`), farmLot)).not.toContain('监管抽检');
    const taskId = (
      await ok(
        h.call('POST', '/v1/sampling-tasks', {
          key: reg.monitorGz,
          body: { kind: 'spot-check', region: '4401', categories: ['vegetable'], items: ['毒死蜱'], dueBy: '2099-12-31' },
        }),
      )
    ).taskId;
    const { sampleId } = await ok(h.call('POST', '/v1/samples', { key: reg.monitorGz, body: { taskId, lotCode: farmLot } }));
    const failing = {
      verdict: 'fail',
      items: [{ item: '毒死蜱', value: 0.5, unit: 'mg/kg', limit: 0.02, verdict: 'fail' }],
      lab: '广州市农产品质量检测中心',
      reportNumber: 'GZ-2026-777',
    };
    await ok(h.call('POST', `/v1/samples/${sampleId}/results`, { key: reg.monitorGz, body: failing }));

    const body = await pageOf(`/c/${stallLot}`);
    const card = cardOf(body, farmLot);
    expect(card).toContain('监管抽检');
    expect(card).toContain('<span class="fail">不合格</span> · 监督抽查');
    for (const text of ['monitor 4401', 'GZ-2026-777']) expect(body).not.toContain(text);
    const coop = await pageOf(`/c/${coopLot}`);
    expect(coop).toContain('风险召回');
    expect(coop).toContain('该批次已被监管部门冻结');
    expect(await pageOf(`/c/${coopLot}?lang=en`)).toContain('Risk recall');
  });

  it('shows the freeze banner (冻结) for a lot an inspector froze, without a recall', async () => {
    const lot = (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(50) }))).code;
    await ok(h.call('POST', `/v1/lots/${lot}/freeze`, { key: keys.inspectorGz, body: { reason: '涉嫌标签不符', cascade: false } }));
    const body = await pageOf(`/c/${lot}`);
    expect(body).toContain('<h2>该批次已被监管部门冻结</h2>');
    expect(body).toContain('涉嫌标签不符');
    expect(body).not.toContain('风险召回');
  });
});

describe('gatherFacts', () => {
  it(`shows at most ${CARD_LIMIT} cards and says the chain was cut`, () => {
    const lot = (code: string): LotView => ({ code, claims: [], issuer: { id: 'x' } }) as unknown as LotView;
    const nodes = Array.from({ length: 80 }, (_, depth) => ({
      code: String(depth),
      depth,
      kind: 1,
      status: 'open',
      product: 'p',
      issuer: 'x',
    }));
    const lineage = { root: '0', direction: 'backward', nodes, edges: [], truncated: false } as unknown as LineageView;
    const asked: string[] = [];
    const sources: ConsumerSources = {
      lot: (code) => {
        asked.push(code);
        return lot(code);
      },
      operator: () => undefined,
      regulation: { samplesOfLot: () => [], recallOf: () => undefined },
    };
    const facts = gatherFacts(sources, lot('0'), lineage);
    expect(facts.cards).toHaveLength(CARD_LIMIT);
    expect(asked).toHaveLength(CARD_LIMIT - 1);
    expect(facts).toMatchObject({ upstream: 79, cut: true });
  });
});

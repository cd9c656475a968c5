import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTraceCode, generateTraceCode } from '../../src/domain/index.js';
import { COOP, FARM, MARKET, PANYU, farmToCoop, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';

let h: Harness;
let keys: Keys;
let farmLot: string;
let coopLot: string;
let marketLot: string;
let stallLot: string;
const kg = (amount: number) => ({ amount, unit: 'kg' });

beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  ({ farmLot, coopLot } = await farmToCoop(h, keys));
  marketLot = (
    await ok(h.call('POST', `/v1/lots/${coopLot}/shipments`, { key: keys.coop, body: { to: { operatorId: MARKET }, quantity: kg(100) } }))
  ).code;
  await ok(h.call('POST', `/v1/lots/${marketLot}/accept`, { key: keys.market }));
  stallLot = (
    await ok(
      h.call('POST', `/v1/lots/${marketLot}/shipments`, {
        key: keys.market,
        body: { to: { buyer: { name: '李记菜档', phone: '13600136000', address: '天河区' } }, quantity: kg(30) },
      }),
    )
  ).code;
});
afterAll(() => h.close());

describe('GET /v1/codes/{code}', () => {
  it('shows the public the lot and one step back, never holders, buyers or children', async () => {
    const response = await h.call('GET', `/v1/codes/${stallLot}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const lot = JSON.parse(response.body);
    expect(lot).toMatchObject({ code: stallLot, kind: 3, kindName: 'market-entry-certificate', parents: [{ code: marketLot }] });
    for (const hidden of ['holder', 'recipient', 'buyer', 'children']) expect(lot[hidden]).toBeUndefined();
    expect(response.body).not.toContain('13600136000');
    expect(response.body).not.toContain('李记菜档');
  });

  it('accepts a code typed in groups, with spaces or hyphens', async () => {
    const spaced = await h.call('GET', `/v1/codes/${encodeURIComponent(formatTraceCode(farmLot))}`);
    const hyphened = await h.call('GET', `/v1/codes/${formatTraceCode(farmLot).replaceAll(' ', '-')}`);
    expect(JSON.parse(spaced.body).code).toBe(farmLot);
    expect(JSON.parse(hyphened.body).code).toBe(farmLot);
  });

  it('shows holders and children to the holder, to regulators of the region and to auditors', async () => {
    for (const key of [keys.coop, keys.reviewerGd, keys.inspectorGz, keys.auditor, h.adminKey]) {
      const lot = await ok(h.call('GET', `/v1/codes/${coopLot}`, { key }));
      expect(lot.holder).toEqual({ id: COOP, name: '天河果蔬专业合作社' });
      expect(lot.children).toHaveLength(1);
    }
    for (const key of [keys.hunan, keys.reviewerHn, keys.subscriber]) {
      const lot = await ok(h.call('GET', `/v1/codes/${coopLot}`, { key }));
      expect(lot.holder).toBeUndefined();
    }
    const stall = await ok(h.call('GET', `/v1/codes/${stallLot}`, { key: keys.market }));
    // The view names the buyer by its vault reference only; the data is read through /v1/personal-data/{ref}.
    expect(stall.buyer).toMatchObject({ ref: expect.stringMatching(/^pd_/) });
    expect(JSON.stringify(stall)).not.toContain('李记菜档');
  });

  it('answers 400 for a malformed code, 404 for an unknown one, 401 for a bad key', async () => {
    const problem = await expectRefused(h, () => h.call('GET', '/v1/codes/14401131234567890100'), 400, 'ValidationFailed', 'code');
    expect(problem.errors).toEqual([expect.objectContaining({ code: 'InvalidTraceCode' })]);
    await expectRefused(h, () => h.call('GET', '/v1/codes/abc'), 400, 'ValidationFailed', 'code');
    const unknown = generateTraceCode({ kind: 1, region: PANYU, serial: '00000000042' });
    await expectRefused(h, () => h.call('GET', `/v1/codes/${unknown}`), 404, 'UnknownLot', 'code');
    await expectRefused(h, () => h.call('GET', `/v1/codes/${unknown}`, { key: keys.auditor }), 404, 'UnknownLot', 'code');
    await expectRefused(h, () => h.call('GET', `/v1/codes/${farmLot}`, { key: 'sy_this-key-was-never-issued' }), 401, 'InvalidKey');
  });
});

describe('GET /v1/codes/{code}/trace', () => {
  it('traces backward for everyone, to the farm', async () => {
    const lineage = await ok(h.call('GET', `/v1/codes/${stallLot}/trace`));
    expect(lineage.direction).toBe('backward');
    expect(lineage.nodes.map((n: { code: string }) => n.code)).toEqual([stallLot, marketLot, coopLot, farmLot]);
    expect(lineage.edges).toHaveLength(3);
    expect(lineage.truncated).toBe(false);
    const short = await ok(h.call('GET', `/v1/codes/${stallLot}/trace?depth=1`));
    expect(short.nodes).toHaveLength(2);
    expect(short.truncated).toBe(true);
  });

  it('traces forward only for those who may see where the goods went', async () => {
    await expectRefused(h, () => h.call('GET', `/v1/codes/${farmLot}/trace?direction=forward`), 401, 'Unauthorized', 'direction');
    await expectRefused(
      h,
      () => h.call('GET', `/v1/codes/${farmLot}/trace?direction=forward`, { key: keys.reviewerHn }),
      403,
      'OutOfRegion',
      'direction',
    );
    await expectRefused(
      h,
      () => h.call('GET', `/v1/codes/${farmLot}/trace?direction=forward`, { key: keys.subscriber }),
      403,
      'OutOfRegion',
      'direction',
    );
    const whole = await ok(h.call('GET', `/v1/codes/${farmLot}/trace?direction=forward`, { key: keys.inspectorGz }));
    expect(whole.nodes.map((n: { code: string }) => n.code)).toEqual([farmLot, coopLot, marketLot, stallLot]);
    const audited = await ok(h.call('GET', `/v1/codes/${farmLot}/trace?direction=forward`, { key: keys.auditor }));
    expect(audited.nodes).toHaveLength(4);
  });

  it('shows an operator one step each way of lots it held', async () => {
    const forward = await ok(h.call('GET', `/v1/codes/${coopLot}/trace?direction=forward`, { key: keys.coop }));
    expect(forward.nodes.map((n: { code: string }) => n.code)).toEqual([coopLot, marketLot]);
    const back = await ok(h.call('GET', `/v1/codes/${coopLot}/trace?direction=backward&depth=9`, { key: keys.coop }));
    expect(back.nodes.map((n: { code: string }) => n.code)).toEqual([coopLot, farmLot]);
    const farm = await ok(h.call('GET', `/v1/codes/${farmLot}/trace?direction=forward`, { key: keys.farm }));
    expect(farm.nodes).toHaveLength(2);
    await expectRefused(h, () => h.call('GET', `/v1/codes/${farmLot}/trace?direction=forward`, { key: keys.market }), 403, 'OutOfRegion');
    expect(FARM).toBeTruthy();
  });

  it('names a bad query parameter', async () => {
    await expectRefused(h, () => h.call('GET', `/v1/codes/${farmLot}/trace?direction=up`), 400, 'ValidationFailed', 'direction');
    await expectRefused(h, () => h.call('GET', `/v1/codes/${farmLot}/trace?depth=-1`), 400, 'ValidationFailed', 'depth');
    await expectRefused(h, () => h.call('GET', `/v1/codes/${farmLot}/trace?maxNodes=0`), 400, 'ValidationFailed', 'maxNodes');
    await expectRefused(
      h,
      () => h.call('GET', `/v1/codes/${generateTraceCode({ kind: 2, region: PANYU, serial: '00000000043' })}/trace`),
      404,
      'UnknownLot',
      'code',
    );
  });
});

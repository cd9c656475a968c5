/**
 * A farm → cooperative → market chain set up through the HTTP API itself:
 * principals made by the admin, operators registered by the public and
 * approved by the Guangdong reviewer.
 */
import { expect } from 'vitest';
import { usccFor } from '../../support/scenario.js';
import type { Harness } from './harness.js';

export const PANYU = '440113';
export const TIANHE = '440106';
export const FURONG = '430102';

export const FARM = usccFor(PANYU, 'MA5FARM1');
export const COOP = usccFor(TIANHE, 'MA5CQP02');
export const MARKET = usccFor(TIANHE, 'MA5MKT03');
export const HUNAN = usccFor(FURONG, 'MA5HNAN4');

export interface Keys {
  readonly reviewerGd: string;
  readonly reviewerHn: string;
  readonly inspectorGz: string;
  readonly auditor: string;
  readonly subscriber: string;
  readonly farm: string;
  readonly coop: string;
  readonly market: string;
  readonly hunan: string;
}

export async function ok(response: Promise<{ statusCode: number; body: string }>, status = [200, 201]): Promise<any> {
  const answered = await response;
  expect(status, answered.body).toContain(answered.statusCode);
  return JSON.parse(answered.body);
}

export async function principal(h: Harness, body: Record<string, unknown>): Promise<string> {
  const made = await ok(h.call('POST', '/v1/principals', { key: h.adminKey, body }));
  return made.key as string;
}

export function registration(id: string, name: string, region: string, roles = ['producer', 'trader']) {
  return {
    name,
    kind: 'enterprise',
    roles,
    region,
    address: '广东省广州市',
    contact: { name: '王五', phone: '13800138000' },
    uscc: id,
  };
}

export const lotBody = (amount = 1000) => ({
  product: { name: '菜心', category: 'vegetable', variety: '四九菜心' },
  quantity: { amount, unit: 'kg' },
  producedAt: '2026-06-01',
  origin: { region: PANYU, base: '石楼镇蔬菜基地' },
  certificate: {
    product: '菜心',
    quantity: { amount, unit: 'kg' },
    origin: '广州市番禺区石楼镇',
    issuedAt: '2026-06-01',
    issuer: '番禺绿野农场',
    contact: '13900139000',
  },
});

/** setUp registers and approves the operators and makes every principal. */
export async function setUp(h: Harness): Promise<Keys> {
  const reviewerGd = await principal(h, { name: '广东省审核员', role: 'reviewer', region: '44' });
  const reviewerHn = await principal(h, { name: '湖南省审核员', role: 'reviewer', region: '43' });
  const inspectorGz = await principal(h, { name: '广州市监督员', role: 'inspector', region: '4401' });
  const auditor = await principal(h, { name: '审计', role: 'auditor' });
  const subscriber = await principal(h, { name: '国家平台', role: 'subscriber' });
  const operators: [string, string, string][] = [
    [FARM, '番禺绿野农场有限公司', PANYU],
    [COOP, '天河果蔬专业合作社', TIANHE],
    [MARKET, '江南果菜批发市场', TIANHE],
    [HUNAN, '芙蓉蔬菜有限公司', FURONG],
  ];
  for (const [id, name, region] of operators) {
    await ok(h.call('POST', '/v1/operators', { body: registration(id, name, region) }));
    const reviewer = region.startsWith('44') ? reviewerGd : reviewerHn;
    await ok(h.call('POST', `/v1/operators/${id}/review`, { key: reviewer, body: { decision: 'approve' } }));
  }
  const operatorKey = (operatorId: string, name: string) => principal(h, { name, role: 'operator', operatorId });
  return {
    reviewerGd,
    reviewerHn,
    inspectorGz,
    auditor,
    subscriber,
    farm: await operatorKey(FARM, 'farm app'),
    coop: await operatorKey(COOP, 'coop app'),
    market: await operatorKey(MARKET, 'market app'),
    hunan: await operatorKey(HUNAN, 'hunan app'),
  };
}

/** A lot commissioned by the farm and shipped (200 of it) to the cooperative, which accepted. */
export async function farmToCoop(h: Harness, keys: Keys): Promise<{ farmLot: string; coopLot: string }> {
  const farmLot = (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody() }))).code as string;
  const coopLot = (
    await ok(
      h.call('POST', `/v1/lots/${farmLot}/shipments`, {
        key: keys.farm,
        body: { to: { operatorId: COOP }, quantity: { amount: 200, unit: 'kg' } },
      }),
    )
  ).code as string;
  await ok(h.call('POST', `/v1/lots/${coopLot}/accept`, { key: keys.coop }));
  return { farmLot, coopLot };
}

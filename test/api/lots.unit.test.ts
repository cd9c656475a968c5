import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTraceCode, generateTraceCode, isValidTraceCode, traceCodeKind, traceCodeRegion } from '../../src/domain/index.js';
import { verifyReceipt } from '../../src/ledger/index.js';
import { COOP, HUNAN, MARKET, PANYU, TIANHE, farmToCoop, lotBody, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';

let h: Harness;
let keys: Keys;
beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
});
afterAll(() => h.close());

const kg = (amount: number) => ({ amount, unit: 'kg' });
const UNKNOWN = generateTraceCode({ kind: 1, region: PANYU, serial: '00000000001' });

describe('POST /v1/lots', () => {
  it('commissions a lot with a fresh kind-1 code of the farm region and a verifiable receipt', async () => {
    const response = await h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(500) });
    expect(response.statusCode).toBe(201);
    const made = JSON.parse(response.body);
    expect(isValidTraceCode(made.code)).toBe(true);
    expect(traceCodeKind(made.code)).toBe(1);
    expect(traceCodeRegion(made.code)).toBe(PANYU);
    expect(made.formatted).toBe(formatTraceCode(made.code));
    expect(response.headers.location).toBe(`/v1/codes/${made.code}`);
    expect(verifyReceipt(made.ledger, h.ledger.vkey)).toMatchObject({ ok: true });
  });

  it('makes one lot for one Idempotency-Key however often the request is retried', async () => {
    const headers = { 'idempotency-key': 'farm-lot-7' };
    const first = await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(7), headers }));
    const size = h.ledger.size;
    const again = await h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(7), headers });
    expect(again.statusCode).toBe(200);
    expect(JSON.parse(again.body).code).toBe(first.code);
    expect(h.ledger.size).toBe(size);
    await expectRefused(
      h,
      () => h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(7), headers: { 'idempotency-key': 'bad key with spaces' } }),
      400,
      'ValidationFailed',
      'idempotency-key',
    );
  });

  it('refuses non-operators, bad bodies and what the domain refuses', async () => {
    const post = (key: string | undefined, body: unknown) => () => h.call('POST', '/v1/lots', { ...(key ? { key } : {}), body });
    await expectRefused(h, post(undefined, lotBody()), 401, 'Unauthorized');
    await expectRefused(h, post(keys.reviewerGd, lotBody()), 403, 'RoleForbidden');
    await expectRefused(h, post(keys.auditor, lotBody()), 403, 'RoleForbidden');
    await expectRefused(h, post(keys.farm, { ...lotBody(), quantity: kg(-1) }), 400, 'ValidationFailed', 'quantity.amount');
    await expectRefused(
      h,
      post(keys.farm, { ...lotBody(), quantity: { amount: 1, unit: 'bushel' } }),
      400,
      'ValidationFailed',
      'quantity.unit',
    );
    await expectRefused(h, post(keys.farm, { ...lotBody(), producedAt: 'yesterday' }), 400, 'ValidationFailed', 'producedAt');
    await expectRefused(h, post(keys.farm, { ...lotBody(), producedAt: '2999-01-01' }), 422, 'FutureDate', 'producedAt');
    await expectRefused(
      h,
      post(keys.farm, { ...lotBody(10), certificate: { ...lotBody(10).certificate, quantity: kg(11) } }),
      422,
      'CertificateMismatch',
      'certificate.quantity',
    );
    await expectRefused(h, post(keys.farm, { ...lotBody(), claims: ['NO-SUCH-CERT'] }), 404, 'UnknownCertification', 'claims.0');
    const trader = (
      await ok(h.call('POST', '/v1/principals', { key: h.adminKey, body: { name: 'm', role: 'operator', operatorId: MARKET } }))
    ).key;
    expect(trader).toBeDefined();
  });
});

describe('shipments, accept and reject', () => {
  it('ships to a registered operator (kind 2, in transit) who accepts it', async () => {
    const { farmLot, coopLot } = await farmToCoop(h, keys);
    expect(traceCodeKind(coopLot)).toBe(2);
    const lot = await ok(h.call('GET', `/v1/codes/${coopLot}`, { key: keys.coop }));
    expect(lot).toMatchObject({ status: 'received', holder: { id: COOP }, parents: [{ code: farmLot, quantity: 200 }] });
  });

  it('ships to an unregistered buyer as a market-entry certificate (kind 3)', async () => {
    const farmLot = (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(50) }))).code;
    const made = await ok(
      h.call('POST', `/v1/lots/${farmLot.replace(/(\d{4})/g, '$1-').slice(0, -1)}/shipments`, {
        key: keys.farm,
        body: { to: { buyer: { name: '李记菜档', phone: '13600136000' } }, quantity: kg(20) },
      }),
    );
    expect(made).toMatchObject({ kind: 3, status: 'received' });
    expect(traceCodeKind(made.code)).toBe(3);
  });

  it('refuses what may not be shipped, and only the recipient may answer', async () => {
    const farmLot = (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(100) }))).code;
    const ship =
      (key: string, body: unknown, code = farmLot) =>
      () =>
        h.call('POST', `/v1/lots/${code}/shipments`, { key, body });
    await expectRefused(
      h,
      ship(keys.farm, { to: { operatorId: COOP }, quantity: kg(101) }),
      409,
      'InsufficientQuantity',
      'quantity.amount',
    );
    await expectRefused(
      h,
      ship(keys.farm, { to: { operatorId: COOP }, quantity: { amount: 1, unit: 'jin' } }),
      409,
      'UnitMismatch',
      'quantity.unit',
    );
    await expectRefused(h, ship(keys.coop, { to: { operatorId: MARKET }, quantity: kg(1) }), 403, 'NotHolder', 'code');
    await expectRefused(h, ship(keys.farm, { to: { operatorId: 'nobody' }, quantity: kg(1) }), 404, 'UnknownOperator', 'to.operatorId');
    await expectRefused(h, ship(keys.farm, { to: { operatorId: COOP, buyer: { name: 'x' } }, quantity: kg(1) }), 400, 'ValidationFailed');
    await expectRefused(
      h,
      ship(keys.farm, { to: { operatorId: COOP }, quantity: kg(1) }, '12345678901234567890'),
      400,
      'ValidationFailed',
      'code',
    );
    await expectRefused(
      h,
      ship(keys.farm, { to: { operatorId: COOP }, quantity: kg(1) }, '144011300000000000' + '97'),
      400,
      'ValidationFailed',
      'code',
    );
    await expectRefused(h, ship(keys.farm, { to: { operatorId: COOP }, quantity: kg(1) }, UNKNOWN), 404, 'UnknownLot', 'code');
    const child = (await ok(ship(keys.farm, { to: { operatorId: COOP }, quantity: kg(30) })())).code;
    await expectRefused(h, () => h.call('POST', `/v1/lots/${child}/accept`, { key: keys.market }), 403, 'NotRecipient', 'code');
    await expectRefused(
      h,
      () => h.call('POST', `/v1/lots/${child}/reject`, { key: keys.coop, body: {} }),
      400,
      'ValidationFailed',
      'reason',
    );
    await expectRefused(h, () => h.call('POST', `/v1/lots/${child}/accept`, { key: keys.inspectorGz }), 403, 'RoleForbidden');
    await expectRefused(
      h,
      () => h.call('POST', `/v1/lots/${child}/accept`, { key: keys.coop, body: { extra: true } }),
      400,
      'ValidationFailed',
    );
    expect(await ok(h.call('POST', `/v1/lots/${child}/reject`, { key: keys.coop, body: { reason: '到货腐损' } }))).toMatchObject({
      status: 'rejected',
    });
    await expectRefused(h, () => h.call('POST', `/v1/lots/${child}/accept`, { key: keys.coop }), 409, 'NotInTransit', 'code');
    const back = await ok(h.call('GET', `/v1/codes/${farmLot}`, { key: keys.farm }));
    expect(back.available).toBe(100);
  });
});

describe('records and sales', () => {
  it('records production activity and sales on a held lot; refuses others', async () => {
    const { coopLot } = await farmToCoop(h, keys);
    const record = {
      kind: 'input',
      input: 'pesticide',
      name: '吡虫啉',
      dose: '10 g/亩',
      appliedAt: '2026-05-20',
      preHarvestIntervalDays: 7,
    };
    expect((await h.call('POST', `/v1/lots/${coopLot}/records`, { key: keys.coop, body: record })).statusCode).toBe(201);
    await expectRefused(h, () => h.call('POST', `/v1/lots/${coopLot}/records`, { key: keys.farm, body: record }), 403, 'NotHolder', 'code');
    await expectRefused(
      h,
      () => h.call('POST', `/v1/lots/${coopLot}/records`, { key: keys.coop, body: { ...record, kind: 'magic' } }),
      400,
      'ValidationFailed',
      'kind',
    );
    await expectRefused(
      h,
      () => h.call('POST', `/v1/lots/${coopLot}/records`, { key: keys.coop, body: { ...record, appliedAt: '2999-01-01' } }),
      422,
      'FutureDate',
      'record.appliedAt',
    );
    expect((await h.call('POST', `/v1/lots/${coopLot}/sales`, { key: keys.coop, body: { quantity: kg(150) } })).statusCode).toBe(201);
    await expectRefused(
      h,
      () => h.call('POST', `/v1/lots/${coopLot}/sales`, { key: keys.coop, body: { quantity: kg(51) } }),
      409,
      'InsufficientQuantity',
      'quantity.amount',
    );
    await expectRefused(
      h,
      () => h.call('POST', `/v1/lots/${coopLot}/sales`, { key: keys.coop, body: { quantity: kg(0.0001) } }),
      400,
      'ValidationFailed',
      'quantity.amount',
    );
    await expectRefused(h, () => h.call('POST', `/v1/lots/${coopLot}/sales`, { body: { quantity: kg(1) } }), 401, 'Unauthorized');
  });
});

describe('freeze and release', () => {
  it('freezes a lot with its descendants (inspector of the region) and releases it', async () => {
    const { farmLot, coopLot } = await farmToCoop(h, keys);
    const freeze =
      (key: string, body: unknown, action = 'freeze') =>
      () =>
        h.call('POST', `/v1/lots/${farmLot}/${action}`, { key, body });
    await expectRefused(h, freeze(keys.farm, { reason: 'x' }), 403, 'RoleForbidden');
    await expectRefused(h, freeze(keys.reviewerGd, { reason: 'x' }), 403, 'RoleForbidden');
    const hnInspector = (
      await ok(h.call('POST', '/v1/principals', { key: h.adminKey, body: { name: 'hn', role: 'inspector', region: '43' } }))
    ).key;
    await expectRefused(h, freeze(hnInspector, { reason: 'x' }), 403, 'OutOfRegion', 'code');
    await expectRefused(h, freeze(keys.inspectorGz, { cascade: true }), 400, 'ValidationFailed', 'reason');
    await expectRefused(h, freeze(keys.inspectorGz, { reason: 'x' }, 'release'), 409, 'NotFrozen', 'code');
    const frozen = await ok(freeze(keys.inspectorGz, { reason: '农残超标', cascade: true })());
    expect(frozen.codes).toEqual([farmLot, coopLot]);
    await expectRefused(
      h,
      () => h.call('POST', `/v1/lots/${coopLot}/sales`, { key: keys.coop, body: { quantity: kg(1) } }),
      409,
      'LotFrozen',
      'code',
    );
    await expectRefused(h, freeze(keys.inspectorGz, { reason: 'again' }), 409, 'AlreadyFrozen', 'code');
    expect((await ok(freeze(keys.inspectorGz, { reason: '复检合格', cascade: true }, 'release')())).codes).toEqual([farmLot, coopLot]);
  });

  it('refuses an unknown or malformed code', async () => {
    await expectRefused(
      h,
      () => h.call('POST', `/v1/lots/${UNKNOWN}/freeze`, { key: keys.inspectorGz, body: { reason: 'x' } }),
      404,
      'UnknownLot',
      'code',
    );
    await expectRefused(
      h,
      () => h.call('POST', '/v1/lots/14401130000000000000/freeze', { key: keys.inspectorGz, body: { reason: 'x' } }),
      400,
      'ValidationFailed',
      'code',
    );
  });
});

describe('POST /v1/processing', () => {
  it('merges lots into one of exactly their sum, and processes into new products', async () => {
    const a = (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(40) }))).code;
    const b = (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(60) }))).code;
    const product = { name: '菜心', category: 'vegetable' };
    const merged = await ok(
      h.call('POST', '/v1/processing', {
        key: keys.farm,
        body: {
          mode: 'merge',
          inputs: [
            { code: a, quantity: kg(40) },
            { code: b, quantity: kg(60) },
          ],
          outputs: [{ product, quantity: kg(100) }],
        },
      }),
    );
    expect(merged.outputs).toHaveLength(1);
    expect(traceCodeKind(merged.outputs[0].code)).toBe(2);
    const made = await ok(
      h.call('POST', '/v1/processing', {
        key: keys.farm,
        body: {
          inputs: [{ code: merged.outputs[0].code, quantity: kg(100) }],
          outputs: [
            { product: { name: '净菜', category: 'vegetable' }, quantity: { amount: 200, unit: 'bag' } },
            { product: { name: '菜叶', category: 'other' }, quantity: kg(10) },
          ],
        },
      }),
    );
    expect(made.outputs).toHaveLength(2);
    const view = await ok(h.call('GET', `/v1/codes/${made.outputs[0].code}`, { key: keys.farm }));
    expect(view).toMatchObject({ madeBy: 'process', unit: 'bag', quantity: 200 });
  });

  it('refuses bad merges, inputs it does not hold, and non-operators', async () => {
    const a = (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(40) }))).code;
    const product = { name: '菜心', category: 'vegetable' };
    const post = (key: string, body: unknown) => () => h.call('POST', '/v1/processing', { key, body });
    await expectRefused(
      h,
      post(keys.farm, { mode: 'merge', inputs: [{ code: a, quantity: kg(40) }], outputs: [{ product, quantity: kg(41) }] }),
      422,
      'QuantityMismatch',
      'outputs.0.quantity.amount',
    );
    await expectRefused(
      h,
      post(keys.farm, {
        inputs: [
          { code: a, quantity: kg(1) },
          { code: a, quantity: kg(1) },
        ],
        outputs: [{ product, quantity: kg(2) }],
      }),
      422,
      'DuplicateInput',
      'inputs.1.code',
    );
    await expectRefused(
      h,
      post(keys.hunan, { inputs: [{ code: a, quantity: kg(1) }], outputs: [{ product, quantity: kg(1) }] }),
      403,
      'NotHolder',
      'inputs.0.code',
    );
    await expectRefused(h, post(keys.farm, { inputs: [], outputs: [{ product, quantity: kg(1) }] }), 400, 'ValidationFailed', 'inputs');
    await expectRefused(
      h,
      post(keys.farm, { inputs: [{ code: 'abc', quantity: kg(1) }], outputs: [{ product, quantity: kg(1) }] }),
      400,
      'ValidationFailed',
      'inputs.0.code',
    );
    await expectRefused(
      h,
      post(keys.auditor, { inputs: [{ code: a, quantity: kg(1) }], outputs: [{ product, quantity: kg(1) }] }),
      403,
      'RoleForbidden',
    );
    expect(HUNAN && TIANHE).toBeTruthy();
  });
});

/** Cases: open, records, penalties (a suspension changes the operator in the same commit), close; every refusal appends nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTraceCode, recordTag } from '../../src/domain/index.js';
import { FARM, HUNAN, PANYU, lotBody, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';
import { regulators, type RegulatorKeys } from './support/regulators.js';

let h: Harness;
let keys: Keys;
let reg: RegulatorKeys;
let farmLot: string;
beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  reg = await regulators(h);
  farmLot = (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(100) }))).code;
});
afterAll(() => h.close());

const UNKNOWN_LOT = generateTraceCode({ kind: 1, region: PANYU, serial: '00000000055' });
const open = (key: string | undefined, body: unknown) => () => h.call('POST', '/v1/cases', { ...(key ? { key } : {}), body });
const on = (key: string, caseId: string, action: string, body?: unknown) => () =>
  h.call('POST', `/v1/cases/${caseId}/${action}`, { key, ...(body === undefined ? {} : { body }) });
const openCase = async (key = reg.enforcerGz, operatorId = FARM): Promise<string> =>
  (await ok(open(key, { operatorId, basis: '群众举报：使用禁用农药' })())).caseId;

describe('POST /v1/cases', () => {
  it('opens a case from a scanned identity card, with scanned lots', async () => {
    const response = await open(reg.enforcerGz, {
      operatorId: `https://trace.example.cn/o/${FARM}#card`,
      basis: '抽检不合格',
      lots: [`https://trace.example.cn/c/${farmLot}`],
    })();
    expect(response.statusCode).toBe(201);
    const { caseId } = JSON.parse(response.body);
    expect(caseId).toMatch(/^CAS/);
    expect(response.headers.location).toBe(`/v1/cases/${caseId}`);
    expect(h.ledger.entity(recordTag('case', caseId))).toMatchObject({ operatorId: FARM, lots: [farmLot], status: 'open' });
  });

  it('refuses other roles, another region, unknown operator or lot, bad fields', async () => {
    const body = { operatorId: FARM, basis: 'x' };
    await expectRefused(h, open(undefined, body), 401, 'Unauthorized');
    for (const key of [reg.inspectorGz, reg.monitorGz, keys.reviewerGd, keys.auditor, keys.farm]) {
      await expectRefused(h, open(key, body), 403, 'RoleForbidden');
    }
    await expectRefused(h, open(reg.enforcerHn, body), 403, 'OutOfRegion', 'operatorId');
    await expectRefused(h, open(reg.enforcerGz, { ...body, operatorId: 'NOBODY' }), 404, 'UnknownOperator', 'operatorId');
    await expectRefused(h, open(reg.enforcerGz, { ...body, lots: [UNKNOWN_LOT] }), 404, 'UnknownLot', 'lots.0');
    await expectRefused(h, open(reg.enforcerGz, { operatorId: FARM }), 400, 'ValidationFailed', 'basis');
    await expectRefused(h, open(reg.enforcerGz, { ...body, operatorId: 'https://h/o/' }), 400, 'ValidationFailed', 'operatorId');
    await expectRefused(h, open(reg.enforcerGz, { ...body, lots: ['/c/junk'] }), 400, 'ValidationFailed', 'lots.0');
  });
});

describe('POST /v1/cases/{id}/records', () => {
  it('adds inspection records and evidence; refuses the rest', async () => {
    const caseId = await openCase();
    expect((await on(reg.enforcerGz, caseId, 'records', { kind: 'evidence', note: '现场照片 3 张', lots: [farmLot] })()).statusCode).toBe(
      201,
    );
    expect((await on(reg.enforcerGz, caseId, 'records', { kind: 'inspection', note: '现场检查笔录' })()).statusCode).toBe(201);
    await expectRefused(h, on(reg.inspectorGz, caseId, 'records', { kind: 'evidence', note: 'x' }), 403, 'RoleForbidden');
    await expectRefused(h, on(reg.enforcerHn, caseId, 'records', { kind: 'evidence', note: 'x' }), 403, 'OutOfRegion', 'caseId');
    await expectRefused(h, on(reg.enforcerGz, 'CASNOSUCHCASE', 'records', { kind: 'evidence', note: 'x' }), 404, 'UnknownCase', 'caseId');
    await expectRefused(
      h,
      on(reg.enforcerGz, caseId, 'records', { kind: 'evidence', note: 'x', lots: [UNKNOWN_LOT] }),
      404,
      'UnknownLot',
      'lots.0',
    );
    await expectRefused(h, on(reg.enforcerGz, caseId, 'records', { kind: 'rumour', note: 'x' }), 400, 'ValidationFailed', 'kind');
  });
});

describe('POST /v1/cases/{id}/penalties', () => {
  it('decides a warning and a fine; refuses an amount where none belongs and a fine without one', async () => {
    const caseId = await openCase();
    const warned = await ok(on(reg.enforcerGz, caseId, 'penalties', { type: 'warning', legalBasis: '《农产品质量安全法》第七十一条' })());
    expect(warned).toMatchObject({ caseId, type: 'warning' });
    expect(warned.operatorStatus).toBeUndefined();
    const fined = await ok(
      on(reg.enforcerGz, caseId, 'penalties', { type: 'fine', amount: 5000.5, legalBasis: '第七十一条', note: '当场缴纳' })(),
    );
    expect(fined.type).toBe('fine');
    expect(h.ledger.entity(recordTag('case', caseId))).toMatchObject({
      penalties: [{ penalty: 'warning' }, { penalty: 'fine', amount: 5000.5 }],
    });
    await expectRefused(h, on(reg.enforcerGz, caseId, 'penalties', { type: 'fine', legalBasis: 'x' }), 422, 'AmountRequired', 'amount');
    await expectRefused(
      h,
      on(reg.enforcerGz, caseId, 'penalties', { type: 'warning', amount: 1, legalBasis: 'x' }),
      422,
      'InvalidCommand',
      'amount',
    );
    await expectRefused(
      h,
      on(reg.enforcerGz, caseId, 'penalties', { type: 'fine', amount: 1.234, legalBasis: 'x' }),
      400,
      'ValidationFailed',
      'amount',
    );
    await expectRefused(h, on(reg.enforcerGz, caseId, 'penalties', { type: 'jail', legalBasis: 'x' }), 400, 'ValidationFailed', 'type');
    await expectRefused(h, on(reg.enforcerGz, caseId, 'penalties', { penalty: 'warning', legalBasis: 'x' }), 400, 'ValidationFailed');
    await expectRefused(h, on(reg.monitorGz, caseId, 'penalties', { type: 'warning', legalBasis: 'x' }), 403, 'RoleForbidden');
    await expectRefused(h, on(reg.enforcerHn, caseId, 'penalties', { type: 'warning', legalBasis: 'x' }), 403, 'OutOfRegion', 'caseId');
    await expectRefused(h, on(reg.enforcerGz, 'CASNONE', 'penalties', { type: 'warning', legalBasis: 'x' }), 404, 'UnknownCase', 'caseId');
  });

  it('a suspension suspends the operator in the same commit', async () => {
    const caseId = await openCase(reg.enforcerHn, HUNAN);
    const before = h.ledger.size;
    const suspended = await ok(on(reg.enforcerHn, caseId, 'penalties', { type: 'suspension', legalBasis: '第七十一条' })());
    expect(h.ledger.size - before).toBe(2);
    expect(suspended).toMatchObject({ caseId, type: 'suspension', operatorStatus: 'suspended' });
    expect((await ok(h.call('GET', `/v1/operators/${HUNAN}`))).status).toBe('suspended');
    await expectRefused(h, () => h.call('POST', '/v1/lots', { key: keys.hunan, body: lotBody(1) }), 403, 'OperatorSuspended');
  });
});

describe('POST /v1/cases/{id}/close', () => {
  it('closes a case once; a closed case takes nothing more', async () => {
    const caseId = await openCase();
    await expectRefused(h, on(reg.inspectorGz, caseId, 'close'), 403, 'RoleForbidden');
    await expectRefused(h, on(reg.enforcerHn, caseId, 'close'), 403, 'OutOfRegion', 'caseId');
    await expectRefused(h, on(reg.enforcerGz, caseId, 'close', { note: '' }), 400, 'ValidationFailed', 'note');
    expect(await ok(on(reg.enforcerGz, caseId, 'close', { note: '已执行完毕' })())).toMatchObject({ caseId });
    await expectRefused(h, on(reg.enforcerGz, caseId, 'close'), 409, 'CaseClosed', 'caseId');
    await expectRefused(h, on(reg.enforcerGz, caseId, 'records', { kind: 'evidence', note: 'late' }), 409, 'CaseClosed', 'caseId');
    await expectRefused(h, on(reg.enforcerGz, caseId, 'penalties', { type: 'warning', legalBasis: 'x' }), 409, 'CaseClosed', 'caseId');
    await expectRefused(h, on(reg.enforcerGz, 'CASNONE', 'close'), 404, 'UnknownCase', 'caseId');
    const closedWithoutNote = await openCase();
    expect((await on(reg.enforcerGz, closedWithoutNote, 'close')()).statusCode).toBe(200);
  });

  it('is read back within the region', async () => {
    const caseId = await openCase();
    const read = await ok(h.call('GET', `/v1/cases/${caseId}`, { key: reg.enforcerGz }));
    expect(read).toMatchObject({ caseId, operatorId: FARM, status: 'open' });
    await expectRefused(h, () => h.call('GET', `/v1/cases/${caseId}`, { key: reg.enforcerHn }), 403, 'OutOfRegion', 'caseId');
    await expectRefused(h, () => h.call('GET', `/v1/cases/${caseId}`, { key: keys.farm }), 403, 'RoleForbidden');
    await expectRefused(h, () => h.call('GET', '/v1/cases/CASNONE', { key: reg.enforcerGz }), 404, 'UnknownCase', 'caseId');
    const listed = await ok(
      h.call('GET', `/v1/cases?operatorId=${encodeURIComponent(`https://h/o/${FARM}`)}&status=open`, { key: keys.auditor }),
    );
    expect(listed.cases.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    await expectRefused(h, () => h.call('GET', '/v1/cases?region=44', { key: reg.enforcerGz }), 403, 'OutOfRegion', 'region');
  });
});

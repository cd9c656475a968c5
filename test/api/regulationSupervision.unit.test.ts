/** POST /v1/inspections and /v1/inspections/{id}/rectification: success, every refusal, nothing appended when refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTraceCode, generateTraceCode, recordTag, type InspectionState } from '../../src/domain/index.js';
import { verifyReceipt } from '../../src/ledger/index.js';
import { FARM, PANYU, lotBody, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';
import { AHEAD, PASSED, regulators, type RegulatorKeys } from './support/regulators.js';

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

const UNKNOWN_LOT = generateTraceCode({ kind: 1, region: PANYU, serial: '00000000077' });
const inspection = (extra: Record<string, unknown> = {}) => ({
  operatorId: FARM,
  kind: 'patrol',
  result: 'pass',
  findings: '生产记录完整',
  ...extra,
});
const post = (key: string | undefined, body: unknown) => () => h.call('POST', '/v1/inspections', { ...(key ? { key } : {}), body });
const stateOf = (id: string) => h.ledger.entity(recordTag('inspection', id)) as InspectionState | undefined;

describe('POST /v1/inspections', () => {
  it('records an inspection with a fresh id and a verifiable receipt', async () => {
    const response = await post(reg.inspectorGz, inspection({ items: ['生产记录', '投入品使用'], lots: [farmLot] }))();
    expect(response.statusCode).toBe(201);
    const made = JSON.parse(response.body);
    expect(made.inspectionId).toMatch(/^INS[0-9A-Z]{12}$/);
    expect(response.headers.location).toBe(`/v1/inspections/${made.inspectionId}`);
    expect(verifyReceipt(made.ledger, h.ledger.vkey)).toMatchObject({ ok: true });
    expect(stateOf(made.inspectionId)).toMatchObject({ operatorId: FARM, kind: 'patrol', result: 'pass', lots: [farmLot] });
  });

  it('takes the scanned identity-card URL and label URLs', async () => {
    const made = await ok(
      post(
        reg.inspectorGz,
        inspection({
          operatorId: `https://trace.example.cn/o/${FARM}?from=card`,
          lots: [`https://trace.example.cn/c/${farmLot}/`],
        }),
      )(),
    );
    expect(stateOf(made.inspectionId)).toMatchObject({ operatorId: FARM, lots: [farmLot] });
    const typed = await ok(post(keys.inspectorGz, inspection({ operatorId: `/o/${FARM}`, lots: [formatTraceCode(farmLot)] }))());
    expect(stateOf(typed.inspectionId)).toMatchObject({ operatorId: FARM, lots: [farmLot] });
  });

  it('lets an admin inspect anywhere', async () => {
    expect((await post(h.adminKey, inspection({ kind: 'audit' }))()).statusCode).toBe(201);
  });

  it('refuses the public and every role outside supervision (401/403)', async () => {
    await expectRefused(h, post(undefined, inspection()), 401, 'Unauthorized');
    for (const key of [reg.monitorGz, reg.enforcerGz, keys.reviewerGd, keys.auditor, keys.farm]) {
      await expectRefused(h, post(key, inspection()), 403, 'RoleForbidden');
    }
  });

  it('refuses an inspector outside the operator region (403)', async () => {
    await expectRefused(h, post(reg.inspectorHn, inspection()), 403, 'OutOfRegion', 'operatorId');
  });

  it('refuses an unknown operator or lot (404)', async () => {
    await expectRefused(h, post(reg.inspectorGz, inspection({ operatorId: 'NOBODY-1' })), 404, 'UnknownOperator', 'operatorId');
    await expectRefused(h, post(reg.inspectorGz, inspection({ lots: [farmLot, UNKNOWN_LOT] })), 404, 'UnknownLot', 'lots.1');
  });

  it('refuses a rectification order without a deadline, with a passed one, or a deadline without an order (422)', async () => {
    await expectRefused(h, post(reg.inspectorGz, inspection({ result: 'rectify' })), 422, 'DeadlineRequired', 'rectifyBy');
    await expectRefused(
      h,
      post(reg.inspectorGz, inspection({ result: 'rectify', rectifyBy: PASSED })),
      422,
      'InvalidDeadline',
      'rectifyBy',
    );
    await expectRefused(h, post(reg.inspectorGz, inspection({ rectifyBy: AHEAD })), 422, 'InvalidDeadline', 'rectifyBy');
  });

  it('refuses malformed and junk scanned fields, naming them (400)', async () => {
    await expectRefused(h, post(reg.inspectorGz, inspection({ kind: 'raid' })), 400, 'ValidationFailed', 'kind');
    await expectRefused(h, post(reg.inspectorGz, inspection({ findings: '' })), 400, 'ValidationFailed', 'findings');
    await expectRefused(h, post(reg.inspectorGz, inspection({ extra: 1 })), 400, 'ValidationFailed');
    for (const junk of ['https://evil.example/x/y', '/o/', 'two words', '<script>']) {
      await expectRefused(h, post(reg.inspectorGz, inspection({ operatorId: junk })), 400, 'ValidationFailed', 'operatorId');
    }
    await expectRefused(h, post(reg.inspectorGz, inspection({ lots: ['https://h/c/123'] })), 400, 'ValidationFailed', 'lots.0');
    await expectRefused(h, post(reg.inspectorGz, inspection({ lots: [farmLot, `/c/${farmLot}`] })), 400, 'ValidationFailed', 'lots');
  });
});

describe('POST /v1/inspections/{id}/rectification', () => {
  const close =
    (key: string, id: string, body: unknown = { note: '已整改到位' }) =>
    () =>
      h.call('POST', `/v1/inspections/${id}/rectification`, { key, body });

  it('closes an ordered rectification once', async () => {
    const { inspectionId } = await ok(post(reg.inspectorGz, inspection({ result: 'rectify', rectifyBy: AHEAD, findings: '台账缺失' }))());
    await expectRefused(h, close(reg.inspectorHn, inspectionId), 403, 'OutOfRegion', 'inspectionId');
    await expectRefused(h, close(reg.monitorGz, inspectionId), 403, 'RoleForbidden');
    await expectRefused(h, close(reg.inspectorGz, inspectionId, {}), 400, 'ValidationFailed', 'note');
    const closed = await ok(close(reg.inspectorGz, inspectionId)());
    expect(closed).toMatchObject({ inspectionId });
    expect(stateOf(inspectionId)?.rectified).toBeDefined();
    await expectRefused(h, close(reg.inspectorGz, inspectionId), 409, 'RectificationClosed', 'inspectionId');
  });

  it('refuses one that ordered no rectification (409), an unknown or malformed id (404/400)', async () => {
    const { inspectionId } = await ok(post(reg.inspectorGz, inspection())());
    await expectRefused(h, close(reg.inspectorGz, inspectionId), 409, 'NoRectification', 'inspectionId');
    await expectRefused(h, close(reg.inspectorGz, 'INSNOSUCHONE'), 404, 'UnknownInspection', 'inspectionId');
    await expectRefused(h, close(reg.inspectorGz, '!bad!'), 400, 'ValidationFailed', 'inspectionId');
  });
});

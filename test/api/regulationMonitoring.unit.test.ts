/**
 * Sampling tasks, samples, results and alert release through HTTP: success,
 * every refusal (nothing appended), and the recall a failed result makes in
 * the same commit (the lot and its descendants frozen, the alert listing them
 * and their holders).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTraceCode, recordTag, type SampleState } from '../../src/domain/index.js';
import { COOP, FARM, MARKET, PANYU, TIANHE, lotBody, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';
import { PASSED, regulators, type RegulatorKeys } from './support/regulators.js';

let h: Harness;
let keys: Keys;
let reg: RegulatorKeys;
let taskId: string;
beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  reg = await regulators(h);
  taskId = (await ok(h.call('POST', '/v1/sampling-tasks', { key: reg.monitorGz, body: task() }))).taskId;
});
afterAll(() => h.close());

const kg = (amount: number) => ({ amount, unit: 'kg' });
const task = (extra: Record<string, unknown> = {}) => ({
  kind: 'spot-check',
  title: '蔬菜农残监督抽查',
  region: '4401',
  categories: ['vegetable'],
  items: ['毒死蜱', '克百威'],
  dueBy: '2099-12-31',
  planned: 10,
  ...extra,
});
const passing = { verdict: 'pass', items: [{ item: '毒死蜱', value: 0.01, unit: 'mg/kg', limit: 0.02, verdict: 'pass' }] };
const failing = {
  verdict: 'fail',
  items: [
    { item: '毒死蜱', value: 0.5, unit: 'mg/kg', limit: 0.02, method: 'GB 23200.113-2018', verdict: 'fail' },
    { item: '克百威', value: 0, unit: 'mg/kg', verdict: 'pass' },
  ],
  lab: '广州市农产品质量检测中心',
  reportNumber: 'GZ-2026-001',
};
const newLot = async (amount = 100): Promise<string> =>
  (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(amount) }))).code;
const takeSample = (key: string, body: unknown) => () => h.call('POST', '/v1/samples', { key, body });
const result = (key: string, sampleId: string, body: unknown) => () => h.call('POST', `/v1/samples/${sampleId}/results`, { key, body });
const ship = async (key: string, code: string, to: string, amount: number): Promise<string> =>
  (await ok(h.call('POST', `/v1/lots/${code}/shipments`, { key, body: { to: { operatorId: to }, quantity: kg(amount) } }))).code;

describe('POST /v1/sampling-tasks', () => {
  const post = (key: string | undefined, body: unknown) => () => h.call('POST', '/v1/sampling-tasks', { ...(key ? { key } : {}), body });

  it('plans a task with a fresh id', async () => {
    const response = await post(reg.monitorGz, task({ kind: 'routine' }))();
    expect(response.statusCode).toBe(201);
    const { taskId: id } = JSON.parse(response.body);
    expect(id).toMatch(/^TSK/);
    expect(h.ledger.entity(recordTag('task', id))).toMatchObject({ kind: 'routine', region: '4401' });
    expect((await post(h.adminKey, task({ region: '43' }))()).statusCode).toBe(201);
  });

  it('refuses other roles (401/403), another region (403), a passed deadline (422) and bad fields (400)', async () => {
    await expectRefused(h, post(undefined, task()), 401, 'Unauthorized');
    for (const key of [reg.inspectorGz, reg.enforcerGz, keys.reviewerGd, keys.auditor, keys.farm]) {
      await expectRefused(h, post(key, task()), 403, 'RoleForbidden');
    }
    await expectRefused(h, post(reg.monitorGz, task({ region: '43' })), 403, 'OutOfRegion', 'region');
    await expectRefused(h, post(reg.monitorGz, task({ dueBy: PASSED })), 422, 'InvalidDeadline', 'dueBy');
    await expectRefused(h, post(reg.monitorGz, task({ kind: 'raid' })), 400, 'ValidationFailed', 'kind');
    await expectRefused(h, post(reg.monitorGz, task({ region: '4401x' })), 400, 'ValidationFailed', 'region');
    await expectRefused(h, post(reg.monitorGz, task({ categories: ['gold'] })), 400, 'ValidationFailed', 'categories.0');
    await expectRefused(h, post(reg.monitorGz, task({ items: [] })), 400, 'ValidationFailed', 'items');
    await expectRefused(h, post(reg.monitorGz, task({ taskId: 'MINE' })), 400, 'ValidationFailed');
  });
});

describe('POST /v1/samples', () => {
  it('takes a sample from a scanned label at the holder', async () => {
    const lot = await newLot();
    const made = await ok(takeSample(reg.monitorGz, { taskId, lotCode: `https://trace.example.cn/c/${lot}?s=1` })());
    expect(made.sampleId).toMatch(/^SMP/);
    expect(h.ledger.entity(recordTag('sample', made.sampleId))).toMatchObject({ lotCode: lot, operatorId: FARM, taskId });
    const named = await ok(takeSample(reg.monitorGz, { taskId, lotCode: lot, operatorId: `/o/${FARM}/`, quantity: kg(1) })());
    expect((h.ledger.entity(recordTag('sample', named.sampleId)) as SampleState).operatorId).toBe(FARM);
  });

  it('refuses other roles, another region, unknown task or lot, a lot outside the task, a non-holder, bad fields', async () => {
    const lot = await newLot();
    const fruitTask = (await ok(h.call('POST', '/v1/sampling-tasks', { key: reg.monitorGz, body: task({ categories: ['fruit'] }) })))
      .taskId;
    for (const key of [reg.inspectorGz, reg.enforcerGz, keys.auditor]) {
      await expectRefused(h, takeSample(key, { taskId, lotCode: lot }), 403, 'RoleForbidden');
    }
    await expectRefused(h, takeSample(reg.monitorHn, { taskId, lotCode: lot }), 403, 'OutOfRegion', 'lotCode');
    await expectRefused(h, takeSample(reg.monitorGz, { taskId, lotCode: lot, operatorId: MARKET }), 403, 'NotHolder', 'operatorId');
    await expectRefused(h, takeSample(reg.monitorGz, { taskId: 'TSKNOSUCHTASK', lotCode: lot }), 404, 'UnknownTask', 'taskId');
    const unknown = generateTraceCode({ kind: 1, region: PANYU, serial: '00000000099' });
    await expectRefused(h, takeSample(reg.monitorGz, { taskId, lotCode: unknown }), 404, 'UnknownLot', 'lotCode');
    await expectRefused(h, takeSample(reg.monitorGz, { taskId, lotCode: lot, operatorId: 'NOBODY' }), 404, 'UnknownOperator', 'operatorId');
    await expectRefused(h, takeSample(reg.monitorGz, { taskId: fruitTask, lotCode: lot }), 409, 'OutsideTask', 'lotCode');
    for (const junk of ['hello', 'https://h/c/', `https://h/o/${lot}`, '12345678901234567890']) {
      await expectRefused(h, takeSample(reg.monitorGz, { taskId, lotCode: junk }), 400, 'ValidationFailed', 'lotCode');
    }
    await expectRefused(
      h,
      takeSample(reg.monitorGz, { taskId, lotCode: lot, operatorId: '/o/a b' }),
      400,
      'ValidationFailed',
      'operatorId',
    );
    await expectRefused(h, takeSample(reg.monitorGz, { taskId: 'bad id!', lotCode: lot }), 400, 'ValidationFailed', 'taskId');
    await expectRefused(h, takeSample(reg.monitorGz, { lotCode: lot }), 400, 'ValidationFailed', 'taskId');
  });
});

describe('POST /v1/samples/{id}/results', () => {
  it('records a pass: no alert, nothing frozen; a second result is a conflict', async () => {
    const lot = await newLot();
    const { sampleId } = await ok(takeSample(reg.monitorGz, { taskId, lotCode: lot })());
    const recorded = await ok(result(reg.monitorGz, sampleId, passing)());
    expect(recorded).toMatchObject({ sampleId, verdict: 'pass', frozen: [] });
    expect(recorded.alertId).toBeUndefined();
    await expectRefused(h, result(reg.monitorGz, sampleId, passing), 409, 'SampleTested', 'sampleId');
  });

  it('refuses other roles, another region, an unknown sample, a mismatched verdict and bad fields', async () => {
    const lot = await newLot();
    const { sampleId } = await ok(takeSample(reg.monitorGz, { taskId, lotCode: lot })());
    for (const key of [reg.inspectorGz, reg.enforcerGz, keys.reviewerGd, keys.farm]) {
      await expectRefused(h, result(key, sampleId, passing), 403, 'RoleForbidden');
    }
    await expectRefused(h, result(reg.monitorHn, sampleId, passing), 403, 'OutOfRegion', 'sampleId');
    await expectRefused(h, result(reg.monitorGz, 'SMPNOSUCHSAMPLE', passing), 404, 'UnknownSample', 'sampleId');
    await expectRefused(h, result(reg.monitorGz, sampleId, { ...failing, verdict: 'pass' }), 422, 'VerdictMismatch', 'verdict');
    await expectRefused(h, result(reg.monitorGz, sampleId, { ...passing, verdict: 'fail' }), 422, 'VerdictMismatch', 'verdict');
    await expectRefused(h, result(reg.monitorGz, sampleId, { ...passing, verdict: 'maybe' }), 400, 'ValidationFailed', 'verdict');
    await expectRefused(h, result(reg.monitorGz, sampleId, { ...passing, items: [] }), 400, 'ValidationFailed', 'items');
    await expectRefused(
      h,
      result(reg.monitorGz, sampleId, { verdict: 'pass', items: [{ ...passing.items[0], value: 'low' }] }),
      400,
      'ValidationFailed',
      'items.0.value',
    );
  });

  it('a failure freezes the sampled lot and every descendant with goods in the same commit, and the alert lists them and their holders', async () => {
    const farmLot = await newLot(1000);
    const coopLot = await ship(keys.farm, farmLot, COOP, 200);
    await ok(h.call('POST', `/v1/lots/${coopLot}/accept`, { key: keys.coop }));
    const marketLot = await ship(keys.coop, coopLot, MARKET, 50);
    await ok(h.call('POST', `/v1/lots/${marketLot}/accept`, { key: keys.market }));
    const { sampleId } = await ok(takeSample(reg.monitorGz, { taskId, lotCode: farmLot })());

    const before = h.ledger.size;
    const recorded = await ok(result(reg.monitorGz, sampleId, failing)());
    expect(h.ledger.size - before, 'sample.tested, alert.raised and lot.frozen in one batch').toBe(3);
    expect(recorded.verdict).toBe('fail');
    expect(recorded.alertId).toBe(`alert-${sampleId}`);
    expect(recorded.frozen.sort()).toEqual([farmLot, coopLot, marketLot].sort());
    expect(recorded.ledger.events).toHaveLength(3);

    for (const code of [farmLot, coopLot, marketLot]) {
      const view = await ok(h.call('GET', `/v1/codes/${code}`, { key: keys.auditor }));
      expect(view.status, code).toBe('frozen');
      expect(view.frozen).toBeDefined();
    }
    await expectRefused(
      h,
      () => h.call('POST', `/v1/lots/${coopLot}/sales`, { key: keys.coop, body: { quantity: kg(1) } }),
      409,
      'LotFrozen',
      'code',
    );

    await expectRefused(
      h,
      () => h.call('POST', `/v1/lots/${marketLot}/release`, { key: reg.inspectorGz, body: { reason: '人工解除' } }),
      409,
      'UnderRecall',
      'code',
    );
    const alert = await ok(h.call('GET', `/v1/alerts/${recorded.alertId}`, { key: reg.inspectorGz }));
    expect(alert).toMatchObject({ alertId: recorded.alertId, sampleId, lotCode: farmLot, status: 'open' });
    expect([...alert.frozen].sort()).toEqual([farmLot, coopLot, marketLot].sort());
    expect(alert.holders).toEqual(
      expect.arrayContaining([
        { operatorId: FARM, region: PANYU },
        { operatorId: COOP, region: TIANHE },
        { operatorId: MARKET, region: TIANHE },
      ]),
    );
    await expectRefused(h, () => h.call('GET', `/v1/alerts/${recorded.alertId}`, { key: reg.inspectorHn }), 403, 'OutOfRegion', 'alertId');
    await expectRefused(h, () => h.call('GET', `/v1/alerts/${recorded.alertId}`, { key: keys.farm }), 403, 'RoleForbidden');
    await expectRefused(h, () => h.call('GET', '/v1/alerts/alert-SMPNONE'), 401, 'Unauthorized');
    await expectRefused(h, () => h.call('GET', '/v1/alerts/alert-SMPNONE', { key: reg.inspectorGz }), 404, 'UnknownAlert', 'alertId');

    const sample = await ok(h.call('GET', `/v1/samples/${sampleId}`, { key: reg.monitorGz }));
    expect(sample).toMatchObject({ sampleId, verdict: 'fail', alertId: recorded.alertId, lotCode: farmLot });
    const progress = (await ok(h.call('GET', `/v1/sampling-tasks/${taskId}`, { key: reg.monitorGz }))).progress;
    expect(progress.failed).toBeGreaterThanOrEqual(1);
    expect(progress.tested).toBeGreaterThanOrEqual(progress.failed);
    expect(progress.sampled).toBeGreaterThanOrEqual(progress.tested);
    const open = await ok(h.call('GET', '/v1/alerts?status=open', { key: reg.monitorGz }));
    expect(open.alerts.map((a: { alertId: string }) => a.alertId)).toContain(recorded.alertId);

    // Release: only an authority of a releasing role covering the alert's region; then it is released.
    const release =
      (key: string, body: unknown = { reason: '复检合格' }, id = recorded.alertId) =>
      () =>
        h.call('POST', `/v1/alerts/${id}/release`, { key, body });
    await expectRefused(h, release(keys.reviewerGd), 403, 'RoleForbidden');
    await expectRefused(h, release(keys.coop), 403, 'RoleForbidden');
    await expectRefused(h, release(reg.monitorHn), 403, 'OutOfRegion', 'alertId');
    await expectRefused(h, release(reg.inspectorGz, {}), 400, 'ValidationFailed', 'reason');
    await expectRefused(h, release(reg.inspectorGz, undefined, 'alert-SMPNONE'), 404, 'UnknownAlert', 'alertId');
    const released = await ok(release(reg.inspectorGz)());
    expect([...released.released].sort()).toEqual([farmLot, coopLot, marketLot].sort());
    expect((await ok(h.call('GET', `/v1/codes/${coopLot}`, { key: keys.auditor }))).status).not.toBe('frozen');
    await expectRefused(h, release(reg.enforcerGz), 409, 'AlertReleased', 'alertId');
  });
});

describe('reads of samples and tasks', () => {
  it('scopes them to the caller region', async () => {
    await expectRefused(h, () => h.call('GET', `/v1/sampling-tasks/${taskId}`, { key: reg.monitorHn }), 403, 'OutOfRegion', 'taskId');
    await expectRefused(h, () => h.call('GET', '/v1/sampling-tasks/TSKNONE', { key: reg.monitorGz }), 404, 'UnknownTask', 'taskId');
    await expectRefused(h, () => h.call('GET', '/v1/samples/SMPNONE', { key: reg.monitorGz }), 404, 'UnknownSample', 'sampleId');
    await expectRefused(h, () => h.call('GET', '/v1/sampling-tasks?region=43', { key: reg.monitorGz }), 403, 'OutOfRegion', 'region');
    await expectRefused(h, () => h.call('GET', '/v1/alerts?region=43', { key: reg.monitorGz }), 403, 'OutOfRegion', 'region');
    const tasks = await ok(h.call('GET', '/v1/sampling-tasks', { key: reg.monitorGz }));
    expect(tasks.tasks.map((t: { taskId: string }) => t.taskId)).toContain(taskId);
    expect((await ok(h.call('GET', '/v1/sampling-tasks', { key: keys.auditor }))).tasks.length).toBeGreaterThan(0);
  });
});

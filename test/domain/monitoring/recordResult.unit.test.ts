import { describe, expect, it } from 'vitest';
import {
  EventDraftSchema,
  lotTag,
  operatorTag,
  recordTag,
  type DomainEvent,
  type RecordResult,
  type TestItemResult,
} from '../../../src/domain/index.js';
import {
  ADMIN,
  FARM,
  GD_REVIEWER,
  GZ_ENFORCER,
  GZ_INSPECTOR,
  GZ_MONITOR,
  NOW,
  PANYU,
  PUBLIC,
  STALL,
  TIANHE,
  WHOLESALER,
  as,
  authority,
  commissioned,
  freshCode,
  frozenEvent,
  merged,
  onboarded,
  received,
  sampleTaken,
  sampleTested,
  shipped,
  sold,
  stamp,
  taskCreated,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const TASK = 'task-1';
const SAMPLE = 'sample-1';
const ALERT = 'alert-sample-1';
const BUYER = { ref: 'pd_AAAAAAAAAAAAAAAAAAAAAA', commitment: 'a'.repeat(64) };

const ROOT = freshCode(1, PANYU); // 100 kg at the farm, sampled
const CHILD = freshCode(2, PANYU); // 40 kg accepted by the wholesaler
const SOLD_OUT = freshCode(2, PANYU); // 10 kg accepted by the wholesaler and sold at retail in full
const IN_TRANSIT = freshCode(2, PANYU); // 5 kg on its way to the Changsha stall
const MERGED = freshCode(2, PANYU); // 20 kg of the root merged at the farm
const REFUSED = freshCode(2, PANYU); // 5 kg refused by the wholesaler
const LOOSE = freshCode(3, TIANHE); // 10 kg of the child to a market buyer
const UNRELATED = freshCode(1, PANYU); // another lot of the farm

const lineage = (): DomainEvent[] => [
  ...onboarded(FARM),
  ...onboarded(WHOLESALER),
  ...onboarded(STALL),
  commissioned(ROOT, 100),
  commissioned(UNRELATED, 50),
  shipped({ from: ROOT, child: CHILD, amount: 40, to: WHOLESALER }),
  received('lot.accepted', { child: CHILD, from: ROOT, amount: 40 }),
  shipped({ from: ROOT, child: SOLD_OUT, amount: 10, to: WHOLESALER }),
  received('lot.accepted', { child: SOLD_OUT, from: ROOT, amount: 10 }),
  sold(SOLD_OUT, 10, 'kg', WHOLESALER),
  shipped({ from: ROOT, child: IN_TRANSIT, amount: 5, to: STALL }),
  merged([[ROOT, 20]], MERGED),
  shipped({ from: ROOT, child: REFUSED, amount: 5, to: WHOLESALER }),
  received('lot.rejected', { child: REFUSED, from: ROOT, amount: 5 }),
  shipped({ from: CHILD, child: LOOSE, amount: 10, by: WHOLESALER }),
  taskCreated(TASK),
  sampleTaken(SAMPLE, TASK, ROOT),
];

const RESIDUE: TestItemResult = { item: '毒死蜱', value: 0.05, unit: 'mg/kg', limit: 0.02, method: 'GB 23200.113-2018', verdict: 'fail' };
const CLEAN: TestItemResult = { item: '克百威', value: 0, unit: 'mg/kg', limit: 0.02, verdict: 'pass' };
const result = (verdict: RecordResult['verdict'], items: TestItemResult[], sampleId = SAMPLE): RecordResult => ({
  type: 'sample.recordResult',
  sampleId,
  verdict,
  items,
  lab: '广州市农产品质量安全检测中心',
  reportNumber: 'GZ-2026-0118',
});
const pass = (sampleId = SAMPLE) => result('pass', [{ ...RESIDUE, value: 0.01, verdict: 'pass' }, CLEAN], sampleId);
const fail = (sampleId = SAMPLE) => result('fail', [RESIDUE, CLEAN], sampleId);
const REASON = '抽检不合格 sample sample-1: 毒死蜱';

/** The events a decision appends, as the ledger stamps them. */
function appended(history: readonly DomainEvent[], command: RecordResult, actor = GZ_MONITOR): DomainEvent[] {
  const { decision } = given(history).when(command, actor);
  if (!decision.ok) throw new Error(decision.rejection.message);
  return decision.events.map((draft) => stamp(draft, actor, NOW));
}

describe('sample.recordResult', () => {
  it('records a passing result, tagged with the sample, the task and the operator, and freezes nothing', () => {
    const { type: _type, ...recorded } = pass();
    given(lineage())
      .when(pass(), GZ_MONITOR)
      .thenEmits([
        {
          type: 'sample.tested',
          tags: [recordTag('sample', SAMPLE), recordTag('task', TASK), operatorTag(FARM.id)],
          data: { ...recorded, taskId: TASK, lotCode: ROOT, operatorId: FARM.id },
        },
      ]);
  });

  it('counts a passing result as tested on the task, and remembers the verdict on the sample', () => {
    const then = given(lineage()).when(pass(), GZ_MONITOR);
    expect(then.thenState(recordTag('task', TASK))).toMatchObject({ sampled: 1, tested: 1, failed: 0 });
    expect(then.thenState(recordTag('sample', SAMPLE))).toMatchObject({ verdict: 'pass', testedAt: NOW });
    expect(then.thenState(lotTag(ROOT))).toMatchObject({ status: 'open' });
  });

  it('raises an alert and freezes the sampled lot and every descendant with goods left, in the same decision', () => {
    const { type: _type, ...recorded } = fail();
    const frozen = [ROOT, CHILD, IN_TRANSIT, MERGED, LOOSE];
    given(lineage())
      .when(fail(), GZ_MONITOR)
      .thenEmits([
        {
          type: 'sample.tested',
          tags: [recordTag('sample', SAMPLE), recordTag('task', TASK), operatorTag(FARM.id)],
          data: { ...recorded, taskId: TASK, lotCode: ROOT, operatorId: FARM.id },
        },
        {
          type: 'alert.raised',
          tags: [recordTag('alert', ALERT), recordTag('sample', SAMPLE), operatorTag(FARM.id), recordTag('recall', ROOT)],
          data: {
            alertId: ALERT,
            sampleId: SAMPLE,
            lotCode: ROOT,
            operatorId: FARM.id,
            region: '4401',
            reason: REASON,
            frozen,
            alreadyFrozen: [],
            holders: [
              { operatorId: FARM.id, region: PANYU },
              { operatorId: WHOLESALER.id, region: TIANHE },
              { operatorId: STALL.id, region: STALL.region },
            ],
            buyers: [{ code: LOOSE, buyer: BUYER }],
          },
        },
        {
          type: 'lot.frozen',
          tags: frozen.map(lotTag),
          data: { codes: frozen, reason: REASON, cascade: true, region: '4401', alertId: ALERT },
        },
      ]);
  });

  it('counts a failed result on the task, opens the alert and freezes for the monitor region', () => {
    const then = given(lineage()).when(fail(), GZ_MONITOR);
    expect(then.thenState(recordTag('task', TASK))).toMatchObject({ sampled: 1, tested: 1, failed: 1 });
    expect(then.thenState(recordTag('sample', SAMPLE))).toMatchObject({ verdict: 'fail' });
    expect(then.thenState(recordTag('alert', ALERT))).toMatchObject({
      entity: 'alert',
      id: ALERT,
      status: 'open',
      raisedAt: NOW,
      by: 'authority:monitor-4401',
      frozen: [ROOT, CHILD, IN_TRANSIT, MERGED, LOOSE],
    });
    expect(then.thenState(lotTag(IN_TRANSIT))).toMatchObject({
      status: 'frozen',
      frozen: { reason: REASON, at: NOW, region: '4401', resumeStatus: 'in-transit' },
    });
    for (const code of [SOLD_OUT, REFUSED, UNRELATED])
      expect((then.thenState(lotTag(code)) as { frozen?: unknown }).frozen).toBeUndefined();
  });

  it('lists lots frozen already apart, freezing their descendants still', () => {
    const then = given(lineage(), frozenEvent('lot.frozen', [CHILD])).when(fail(), GZ_MONITOR);
    expect(then.decision).toMatchObject({
      ok: true,
      events: [
        { type: 'sample.tested' },
        { type: 'alert.raised', data: { frozen: [ROOT, IN_TRANSIT, MERGED, LOOSE], alreadyFrozen: [CHILD] } },
        { type: 'lot.frozen', tags: [ROOT, IN_TRANSIT, MERGED, LOOSE].map(lotTag) },
      ],
    });
    expect(then.thenState(lotTag(CHILD))).toMatchObject({ frozen: { reason: 'residue test' } });
  });

  it('raises the alert without a freeze when nothing of the lot is left', () => {
    const history = [...lineage(), sampleTaken('sample-2', TASK, SOLD_OUT, WHOLESALER)];
    const then = given(history).when(fail('sample-2'), GZ_MONITOR);
    expect(then.decision).toMatchObject({
      ok: true,
      events: [
        { type: 'sample.tested' },
        { type: 'alert.raised', data: { alertId: 'alert-sample-2', frozen: [], alreadyFrozen: [], holders: [], buyers: [] } },
      ],
    });
    expect(then.decision.ok && then.decision.events).toHaveLength(2);
  });

  it('names a national alert and freeze when a national admin records the failure', () =>
    expect(given(lineage()).when(fail(), ADMIN).decision).toMatchObject({
      ok: true,
      events: [{ type: 'sample.tested' }, { type: 'alert.raised', data: { region: '' } }, { type: 'lot.frozen', data: { region: '' } }],
    }));

  it('leaves every frozen lot unable to move, wherever it went', () => {
    const after = [...lineage(), ...appended(lineage(), fail())];
    const kg = (amount: number) => ({ amount, unit: 'kg' as const });
    given(after)
      .when({ type: 'lot.ship', code: ROOT, childCode: freshCode(2, PANYU), quantity: kg(1), to: { operatorId: WHOLESALER.id } }, as(FARM))
      .thenRejects('LotFrozen', 'code');
    given(after)
      .when({ type: 'lot.sell', code: CHILD, quantity: kg(1) }, as(WHOLESALER))
      .thenRejects('LotFrozen', 'code');
    given(after)
      .when(
        {
          type: 'lot.process',
          mode: 'process',
          inputs: [{ code: MERGED, quantity: kg(1) }],
          outputs: [{ code: freshCode(2, PANYU), product: { name: '净菜', category: 'vegetable' }, quantity: kg(1) }],
        },
        as(FARM),
      )
      .thenRejects('LotFrozen', 'inputs.0.code');
    given(after).when({ type: 'lot.accept', code: IN_TRANSIT }, as(STALL)).thenRejects('LotFrozen', 'code');
    given(after)
      .when({ type: 'lot.sell', code: UNRELATED, quantity: kg(1) }, as(FARM))
      .thenAccepts();
  });

  it('keeps the alert reason within the reason schema, in whole characters, however many items fail', () => {
    // 40 failed items of 31 characters, 29 of them astral (two UTF-16 units each): more than the 1000 characters a reason holds.
    const items = Array.from({ length: 40 }, (_, index) => ({ ...RESIDUE, item: `${String(index).padStart(2, '0')}${'𠀋'.repeat(29)}` }));
    const then = given(lineage()).when(result('fail', items), GZ_MONITOR);
    if (!then.decision.ok) throw new Error(then.decision.rejection.message);
    for (const draft of then.decision.events) {
      expect(EventDraftSchema.safeParse(draft).success, draft.type).toBe(true);
      const reason = 'reason' in draft.data ? draft.data.reason : undefined;
      if (reason !== undefined) expect(reason.isWellFormed(), draft.type).toBe(true);
    }
    const { reason } = then.thenState(recordTag('alert', ALERT)) as { reason: string };
    const whole = `抽检不合格 sample sample-1: ${items.map(({ item }) => item).join(', ')}`;
    expect([...reason]).toEqual([...whole].slice(0, 1000));
  });

  it('lets a monitor of a wider region record the result', () => given(lineage()).when(pass(), authority('monitor', '44')).thenAccepts());

  it('refuses roles outside monitoring: an inspector, an enforcer, a reviewer, operators and the public', () => {
    for (const actor of [GZ_INSPECTOR, GZ_ENFORCER, GD_REVIEWER, as(FARM), PUBLIC]) {
      given(lineage()).when(fail(), actor).thenRejects('Forbidden');
    }
  });

  it('refuses a monitor whose region does not cover where the sample was taken', () => {
    given(lineage()).when(fail(), authority('monitor', '43')).thenRejects('OutOfRegion', 'sampleId');
    given(lineage()).when(fail(), authority('monitor', TIANHE)).thenRejects('OutOfRegion', 'sampleId');
  });

  it('refuses an unknown sample', () => given(lineage()).when(fail('sample-404'), GZ_MONITOR).thenRejects('UnknownSample', 'sampleId'));

  it('refuses a second result for a sample', () =>
    given(lineage(), sampleTested(SAMPLE, TASK, ROOT))
      .when(fail(), GZ_MONITOR)
      .thenRejects('SampleTested', 'sampleId'));

  it('refuses an overall verdict that disagrees with the items', () => {
    given(lineage())
      .when(result('fail', [CLEAN]), GZ_MONITOR)
      .thenRejects('VerdictMismatch', 'verdict');
    given(lineage())
      .when(result('pass', [RESIDUE, CLEAN]), GZ_MONITOR)
      .thenRejects('VerdictMismatch', 'verdict');
  });

  it('refuses malformed results', () => {
    given(lineage()).when(result('pass', []), GZ_MONITOR).thenRejects('InvalidCommand', 'items');
    given(lineage())
      .when(result('fail', [RESIDUE, RESIDUE]), GZ_MONITOR)
      .thenRejects('InvalidCommand', 'items');
    given(lineage())
      .when(result('fail', [{ ...RESIDUE, value: Number.NaN }]), GZ_MONITOR)
      .thenRejects('InvalidCommand', 'items.0.value');
    given(lineage())
      .when(result('fail', [{ ...RESIDUE, verdict: 'unclear' as TestItemResult['verdict'] }]), GZ_MONITOR)
      .thenRejects('InvalidCommand', 'items.0.verdict');
  });
});

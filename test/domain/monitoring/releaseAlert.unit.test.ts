import { describe, expect, it } from 'vitest';
import {
  lotTag,
  operatorTag,
  recordTag,
  type Actor,
  type DomainEvent,
  type RecordResult,
  type ReleaseAlert,
  type ReleaseLot,
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
  WHOLESALER,
  as,
  authority,
  commissioned,
  freshCode,
  frozenEvent,
  onboarded,
  received,
  sampleTaken,
  shipped,
  stamp,
  taskCreated,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const TASK = 'task-1';
const SAMPLE = 'sample-1';
const ALERT = 'alert-sample-1';
const RAISED = '2026-11-20T08:00:00.000Z';
const ROOT = freshCode(1, PANYU); // 100 kg at the farm, sampled
const CHILD = freshCode(2, PANYU); // 40 kg accepted by the wholesaler
const PRIOR = freshCode(2, PANYU); // 10 kg accepted by the wholesaler, frozen before the sample failed
const REASON = '复检合格，解除风险控制';

const release = (alertId = ALERT, reason = REASON): ReleaseAlert => ({ type: 'alert.release', alertId, reason });

const lineage = (): DomainEvent[] => [
  ...onboarded(FARM),
  ...onboarded(WHOLESALER),
  commissioned(ROOT, 100),
  shipped({ from: ROOT, child: CHILD, amount: 40, to: WHOLESALER }),
  received('lot.accepted', { child: CHILD, from: ROOT, amount: 40 }),
  shipped({ from: ROOT, child: PRIOR, amount: 10, to: WHOLESALER }),
  received('lot.accepted', { child: PRIOR, from: ROOT, amount: 10 }),
  frozenEvent('lot.frozen', [PRIOR]),
  taskCreated(TASK),
  sampleTaken(SAMPLE, TASK, ROOT),
];

/** The lineage after `monitor` recorded the sample's failure: its alert froze ROOT and CHILD. */
function failed(monitor: Actor = GZ_MONITOR): DomainEvent[] {
  const command: RecordResult = {
    type: 'sample.recordResult',
    sampleId: SAMPLE,
    verdict: 'fail',
    items: [{ item: '毒死蜱', value: 0.05, unit: 'mg/kg', limit: 0.02, verdict: 'fail' }],
  };
  const { decision } = given(lineage()).when(command, monitor, RAISED);
  if (!decision.ok) throw new Error(decision.rejection.message);
  return [...lineage(), ...decision.events.map((draft) => stamp(draft, monitor, RAISED))];
}

describe('alert.release', () => {
  it('lifts the freeze on every lot the alert froze, tagged with the alert and the sample', () =>
    given(failed())
      .when(release(), GZ_MONITOR)
      .thenEmits([
        {
          type: 'alert.released',
          tags: [recordTag('alert', ALERT), recordTag('sample', SAMPLE), operatorTag(FARM.id), recordTag('recall', ROOT)],
          data: { alertId: ALERT, sampleId: SAMPLE, lotCode: ROOT, reason: REASON, codes: [ROOT, CHILD] },
        },
        { type: 'lot.released', tags: [ROOT, CHILD].map(lotTag), data: { codes: [ROOT, CHILD], reason: REASON, cascade: false } },
      ]));

  it('returns the lots to their status, closes the alert and leaves earlier freezes alone', () => {
    const then = given(failed()).when(release(), GZ_MONITOR);
    expect(then.thenState(lotTag(ROOT))).toMatchObject({ status: 'open', available: 50 });
    expect((then.thenState(lotTag(ROOT)) as { frozen?: unknown }).frozen).toBeUndefined();
    expect(then.thenState(lotTag(CHILD))).toMatchObject({ status: 'received' });
    expect(then.thenState(lotTag(PRIOR))).toMatchObject({ status: 'frozen', frozen: { reason: 'residue test' } });
    expect(then.thenState(recordTag('alert', ALERT))).toMatchObject({
      status: 'released',
      alreadyFrozen: [PRIOR],
      released: { at: NOW, by: 'authority:monitor-4401', reason: REASON, codes: [ROOT, CHILD] },
    });
  });

  it('leaves a lot released since, or released and frozen again, as it is', () => {
    const since = [...failed(), frozenEvent('lot.released', [CHILD], false, ADMIN), frozenEvent('lot.frozen', [CHILD], false, ADMIN)];
    const then = given(since).when(release(), GZ_MONITOR);
    expect(then.decision).toMatchObject({
      ok: true,
      events: [
        { type: 'alert.released', data: { codes: [ROOT] } },
        { type: 'lot.released', tags: [lotTag(ROOT)] },
      ],
    });
    expect(then.thenState(lotTag(CHILD))).toMatchObject({ status: 'frozen', frozen: { by: 'authority:admin-all' } });
  });

  it('closes an alert whose lots were all released since, releasing no lot', () => {
    const since = [...failed(), frozenEvent('lot.released', [ROOT, CHILD], false, ADMIN)];
    given(since)
      .when(release(), GZ_MONITOR)
      .thenEmits([
        {
          type: 'alert.released',
          tags: [recordTag('alert', ALERT), recordTag('sample', SAMPLE), operatorTag(FARM.id), recordTag('recall', ROOT)],
          data: { alertId: ALERT, sampleId: SAMPLE, lotCode: ROOT, reason: REASON, codes: [] },
        },
      ]);
  });

  it("takes the decision of any monitor, inspector, enforcer or admin whose region covers the alert's", () => {
    for (const actor of [GZ_MONITOR, GZ_INSPECTOR, GZ_ENFORCER, authority('monitor', '44'), authority('enforcer', '440100'), ADMIN]) {
      given(failed()).when(release(), actor).thenAccepts();
    }
  });

  it('refuses reviewers, operators and the public', () => {
    for (const actor of [GD_REVIEWER, as(FARM), PUBLIC]) given(failed()).when(release(), actor).thenRejects('Forbidden');
  });

  it("refuses an authority whose region does not cover the alert's, however close to the lots", () => {
    given(failed()).when(release(), authority('monitor', PANYU)).thenRejects('OutOfRegion', 'alertId');
    given(failed()).when(release(), authority('inspector', '43')).thenRejects('OutOfRegion', 'alertId');
    const national = given(failed(ADMIN)).when(release(), authority('monitor', '44'));
    national.thenRejects('OutOfRegion', 'alertId');
    expect(national.decision.ok || national.decision.rejection.message).toContain('national');
    given(failed(ADMIN)).when(release(), authority('monitor', '')).thenAccepts();
  });

  it('refuses an unknown alert', () => given(failed()).when(release('alert-404'), GZ_MONITOR).thenRejects('UnknownAlert', 'alertId'));

  it('refuses to release an alert twice', () => {
    const { decision } = given(failed()).when(release(), GZ_MONITOR);
    if (!decision.ok) throw new Error(decision.rejection.message);
    const released = [...failed(), ...decision.events.map((draft) => stamp(draft, GZ_MONITOR, NOW))];
    given(released).when(release(), GZ_MONITOR).thenRejects('AlertReleased', 'alertId');
  });

  it('refuses a release without a reason', () =>
    given(failed()).when(release(ALERT, ''), GZ_MONITOR).thenRejects('InvalidCommand', 'reason'));
});

describe('a lot held by an open alert', () => {
  const manualRelease = (code: string, cascade = false): ReleaseLot => ({ type: 'lot.release', code, reason: '人工解除', cascade });

  it('is not released alone while the alert is open, whether the alert froze it or found it frozen', () => {
    given(failed()).when(manualRelease(CHILD), ADMIN).thenRejects('UnderRecall', 'code');
    given(failed()).when(manualRelease(ROOT, true), ADMIN).thenRejects('UnderRecall', 'code');
    given(failed()).when(manualRelease(PRIOR), ADMIN).thenRejects('UnderRecall', 'code');
  });

  it('is released by hand once the alert is released (a lot the alert found frozen keeps its own freeze until then)', () => {
    const { decision } = given(failed()).when(release(), GZ_MONITOR);
    if (!decision.ok) throw new Error(decision.rejection.message);
    const released = [...failed(), ...decision.events.map((draft) => stamp(draft, GZ_MONITOR, NOW))];
    given(released)
      .when(manualRelease(PRIOR), ADMIN)
      .thenEmits([{ type: 'lot.released', tags: [lotTag(PRIOR)], data: { codes: [PRIOR], reason: '人工解除', cascade: false } }]);
  });
});

describe('two open alerts over one lineage', () => {
  /** A second sample, of CHILD (frozen by the first alert), fails too: its alert finds CHILD frozen already. */
  function twice(): DomainEvent[] {
    const history = [...failed(), sampleTaken('sample-2', TASK, CHILD, WHOLESALER)];
    const command: RecordResult = {
      type: 'sample.recordResult',
      sampleId: 'sample-2',
      verdict: 'fail',
      items: [{ item: '毒死蜱', value: 0.05, unit: 'mg/kg', limit: 0.02, verdict: 'fail' }],
    };
    const { decision } = given(history).when(command, GZ_MONITOR, NOW);
    if (!decision.ok) throw new Error(decision.rejection.message);
    return [...history, ...decision.events.map((draft) => stamp(draft, GZ_MONITOR, NOW))];
  }

  it("releasing one leaves frozen what the other still holds, and the other's release lets it go by hand", () => {
    const first = given(twice()).when(release(), GZ_MONITOR);
    expect(first.decision).toMatchObject({
      ok: true,
      events: [{ data: { codes: [ROOT] } }, { type: 'lot.released', tags: [lotTag(ROOT)] }],
    });
    expect(first.thenState(lotTag(CHILD))).toMatchObject({ status: 'frozen' });
    if (!first.decision.ok) return;
    const afterFirst = [...twice(), ...first.decision.events.map((draft) => stamp(draft, GZ_MONITOR, NOW))];
    given(afterFirst)
      .when({ type: 'lot.release', code: CHILD, reason: '人工解除', cascade: false }, ADMIN)
      .thenRejects('UnderRecall', 'code');
    const second = given(afterFirst).when(release('alert-sample-2'), GZ_MONITOR);
    expect(second.decision).toMatchObject({ ok: true, events: [{ type: 'alert.released', data: { codes: [] } }] });
    if (!second.decision.ok) return;
    const afterBoth = [...afterFirst, ...second.decision.events.map((draft) => stamp(draft, GZ_MONITOR, NOW))];
    given(afterBoth).when({ type: 'lot.release', code: CHILD, reason: '人工解除', cascade: false }, ADMIN).thenAccepts();
  });
});

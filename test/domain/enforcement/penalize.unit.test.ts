import { describe, expect, it } from 'vitest';
import { EventDraftSchema, operatorTag, recordTag, type DomainEvent, type Penalize } from '../../../src/domain/index.js';
import {
  ADMIN,
  FARM,
  GD_REVIEWER,
  GZ_ENFORCER,
  GZ_INSPECTOR,
  GZ_MONITOR,
  NOW,
  PUBLIC,
  as,
  authority,
  caseEvent,
  onboarded,
  operatorEvent,
  registered,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const CASE = 'case-2026-007';
const LAW = '《农产品质量安全法》第七十一条';
const penalize = (penalty: Penalize['penalty'], fields: Partial<Penalize> = {}): Penalize => ({
  type: 'case.penalize',
  caseId: CASE,
  penalty,
  legalBasis: LAW,
  ...fields,
});
const opened = (...standing: DomainEvent[]) => [...onboarded(FARM), ...standing, caseEvent('case.opened', CASE)];
const caseTags = [recordTag('case', CASE), operatorTag(FARM.id)];
const statusReason = (penalty: string) => `行政处罚 case ${CASE}: ${penalty} (${LAW})`;

describe('case.penalize', () => {
  it('records a warning on the case alone, tagged with the case and the operator', () =>
    given(opened())
      .when(penalize('warning', { note: '责令改正' }), GZ_ENFORCER)
      .thenEmits([
        {
          type: 'case.penalized',
          tags: caseTags,
          data: { caseId: CASE, penalty: 'warning', legalBasis: LAW, note: '责令改正', operatorId: FARM.id },
        },
      ]));

  it('records a fine with its amount in yuan, and keeps every penalty on the case', () => {
    given(opened())
      .when(penalize('fine', { amount: 5000.5 }), GZ_ENFORCER)
      .thenEmits([
        {
          type: 'case.penalized',
          tags: caseTags,
          data: { caseId: CASE, penalty: 'fine', amount: 5000.5, legalBasis: LAW, operatorId: FARM.id },
        },
      ]);
    const then = given(opened()).when(penalize('fine', { amount: 5000.5 }), GZ_ENFORCER);
    expect(then.thenState(recordTag('case', CASE))).toMatchObject({
      status: 'open',
      penalties: [{ penalty: 'fine', amount: 5000.5, legalBasis: LAW, at: NOW, by: 'authority:enforcer-4401' }],
    });
    expect(then.thenState(operatorTag(FARM.id))).toMatchObject({ status: 'approved' });
  });

  it('leaves the operator trading after a confiscation', () => {
    const then = given(opened()).when(penalize('confiscation'), GZ_ENFORCER);
    expect(then.decision.ok && then.decision.events.map((event) => event.type)).toEqual(['case.penalized']);
    expect(then.thenState(operatorTag(FARM.id))).toMatchObject({ status: 'approved' });
  });

  it('suspends an approved operator in the same decision', () => {
    const then = given(opened()).when(penalize('suspension'), GZ_ENFORCER);
    then.thenEmits([
      { type: 'case.penalized', tags: caseTags, data: { caseId: CASE, penalty: 'suspension', legalBasis: LAW, operatorId: FARM.id } },
      { type: 'operator.suspended', tags: [operatorTag(FARM.id)], data: { operatorId: FARM.id, reason: statusReason('suspension') } },
    ]);
    expect(then.thenState(operatorTag(FARM.id))).toMatchObject({ status: 'suspended' });
  });

  it('records a suspension alone for an operator that is not trading', () => {
    for (const history of [opened(operatorEvent('operator.suspended', FARM)), [registered(FARM), caseEvent('case.opened', CASE)]]) {
      const then = given(history).when(penalize('suspension'), GZ_ENFORCER);
      expect(then.decision.ok && then.decision.events.map((event) => event.type)).toEqual(['case.penalized']);
    }
  });

  it('revokes the operator in the same decision, whatever its standing', () => {
    const then = given(opened()).when(penalize('revocation'), GZ_ENFORCER);
    then.thenEmits([
      { type: 'case.penalized', tags: caseTags, data: { caseId: CASE, penalty: 'revocation', legalBasis: LAW, operatorId: FARM.id } },
      { type: 'operator.revoked', tags: [operatorTag(FARM.id)], data: { operatorId: FARM.id, reason: statusReason('revocation') } },
    ]);
    expect(then.thenState(operatorTag(FARM.id))).toMatchObject({
      status: 'revoked',
      history: [{ action: 'registered' }, { action: 'approved' }, { action: 'revoked', by: 'authority:enforcer-4401', at: NOW }],
    });
    const suspended = given(opened(operatorEvent('operator.suspended', FARM))).when(penalize('revocation'), GZ_ENFORCER);
    expect(suspended.thenState(operatorTag(FARM.id))).toMatchObject({ status: 'revoked' });
  });

  it('records a second revocation alone', () => {
    const then = given(opened(operatorEvent('operator.revoked', FARM))).when(penalize('revocation'), GZ_ENFORCER);
    expect(then.decision.ok && then.decision.events.map((event) => event.type)).toEqual(['case.penalized']);
  });

  it('keeps the status reason within the reason schema, in whole characters, for the longest legal basis', () => {
    // 1000 astral characters (2000 UTF-16 units): the case prefix pushes the reason past the 1000 characters it holds.
    const legalBasis = '𠀋'.repeat(1000);
    const then = given(opened()).when(penalize('revocation', { legalBasis }), GZ_ENFORCER);
    if (!then.decision.ok) throw new Error(then.decision.rejection.message);
    const [, revoked] = then.decision.events;
    expect(EventDraftSchema.safeParse(revoked).success).toBe(true);
    const reason = revoked?.type === 'operator.revoked' ? revoked.data.reason : '';
    expect(reason.isWellFormed()).toBe(true);
    expect([...reason]).toEqual([...statusReason('revocation').replace(LAW, legalBasis)].slice(0, 1000));
  });

  it('lets an enforcer of a wider region and a national admin decide', () => {
    given(opened()).when(penalize('warning'), authority('enforcer', '44')).thenAccepts();
    given(opened()).when(penalize('revocation'), ADMIN).thenAccepts();
  });

  it('refuses roles outside enforcement', () => {
    for (const actor of [GD_REVIEWER, GZ_INSPECTOR, GZ_MONITOR, as(FARM), PUBLIC]) {
      given(opened()).when(penalize('suspension'), actor).thenRejects('Forbidden');
    }
  });

  it("refuses an enforcer whose region does not cover the case's", () =>
    given(opened()).when(penalize('revocation'), authority('enforcer', '43')).thenRejects('OutOfRegion', 'caseId'));

  it('refuses an unknown or closed case', () => {
    given(opened())
      .when(penalize('warning', { caseId: 'case-404' }), GZ_ENFORCER)
      .thenRejects('UnknownCase', 'caseId');
    given(opened(), caseEvent('case.closed', CASE)).when(penalize('warning'), GZ_ENFORCER).thenRejects('CaseClosed', 'caseId');
  });

  it('refuses a fine without its amount, and an amount on any other penalty', () => {
    given(opened()).when(penalize('fine'), GZ_ENFORCER).thenRejects('AmountRequired', 'amount');
    for (const penalty of ['warning', 'confiscation', 'suspension', 'revocation'] as const) {
      given(opened())
        .when(penalize(penalty, { amount: 100 }), GZ_ENFORCER)
        .thenRejects('InvalidCommand', 'amount');
    }
  });

  it('refuses malformed penalties', () => {
    for (const amount of [0, -5, 0.001, Number.POSITIVE_INFINITY]) {
      given(opened()).when(penalize('fine', { amount }), GZ_ENFORCER).thenRejects('InvalidCommand', 'amount');
    }
    given(opened())
      .when(penalize('warning', { legalBasis: '' }), GZ_ENFORCER)
      .thenRejects('InvalidCommand', 'legalBasis');
    given(opened())
      .when(penalize('caning' as Penalize['penalty']), GZ_ENFORCER)
      .thenRejects('InvalidCommand', 'penalty');
  });
});

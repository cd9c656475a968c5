import { describe, expect, it } from 'vitest';
import { operatorTag, recordTag, type OpenCase } from '../../../src/domain/index.js';
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
  TIANHE,
  as,
  authority,
  caseEvent,
  commissioned,
  freshCode,
  onboarded,
  operatorEvent,
  registered,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const CASE = 'case-2026-007';
const LOT = freshCode(1, PANYU);
const open = (fields: Partial<OpenCase> = {}): OpenCase => ({
  type: 'case.open',
  caseId: CASE,
  operatorId: FARM.id,
  basis: '监督抽查不合格（sample-1，毒死蜱超标）',
  ...fields,
});
const history = () => [...onboarded(FARM), commissioned(LOT, 100)];

describe('case.open', () => {
  it('opens a case against an operator, tagged with the case and the operator, with its region', () =>
    given(history())
      .when(open({ lots: [LOT] }), GZ_ENFORCER)
      .thenEmits([
        {
          type: 'case.opened',
          tags: [recordTag('case', CASE), operatorTag(FARM.id)],
          data: { caseId: CASE, operatorId: FARM.id, basis: '监督抽查不合格（sample-1，毒死蜱超标）', lots: [LOT], region: PANYU },
        },
      ]));

  it('starts the case open, with no records or penalties', () =>
    expect(given(history()).when(open(), GZ_ENFORCER).thenState(recordTag('case', CASE))).toEqual({
      entity: 'case',
      id: CASE,
      operatorId: FARM.id,
      region: PANYU,
      basis: '监督抽查不合格（sample-1，毒死蜱超标）',
      lots: [],
      status: 'open',
      records: 0,
      penalties: [],
      openedAt: NOW,
      by: 'authority:enforcer-4401',
    }));

  it('opens a case against a registered operator whatever its standing', () => {
    for (const standing of ['operator.suspended', 'operator.withdrawn', 'operator.revoked'] as const) {
      given(history(), operatorEvent(standing, FARM)).when(open(), GZ_ENFORCER).thenAccepts();
    }
    given(registered(FARM)).when(open(), GZ_ENFORCER).thenAccepts();
  });

  it('lets an enforcer of a wider region, a scope written with zeros, and a national admin open it', () => {
    for (const actor of [authority('enforcer', '44'), authority('enforcer', '440100'), authority('enforcer', PANYU), ADMIN]) {
      given(history()).when(open(), actor).thenAccepts();
    }
  });

  it('refuses roles outside enforcement: a reviewer, an inspector, a monitor, operators and the public', () => {
    for (const actor of [GD_REVIEWER, GZ_INSPECTOR, GZ_MONITOR, as(FARM), PUBLIC])
      given(history()).when(open(), actor).thenRejects('Forbidden');
  });

  it('refuses an enforcer whose region does not cover the operator', () => {
    given(history()).when(open(), authority('enforcer', '43')).thenRejects('OutOfRegion', 'operatorId');
    given(history()).when(open(), authority('enforcer', TIANHE)).thenRejects('OutOfRegion', 'operatorId');
  });

  it('refuses an operator that is not registered', () =>
    given(history())
      .when(open({ operatorId: 'person-9999' }), GZ_ENFORCER)
      .thenRejects('UnknownOperator', 'operatorId'));

  it('refuses a case id that is taken', () =>
    given(history(), caseEvent('case.opened', CASE)).when(open(), GZ_ENFORCER).thenRejects('RecordExists', 'caseId'));

  it('refuses a lot that does not exist, naming its place in the list', () =>
    given(history())
      .when(open({ lots: [LOT, freshCode(2, PANYU)] }), GZ_ENFORCER)
      .thenRejects('UnknownLot', 'lots.1'));

  it('refuses malformed cases', () => {
    given(history())
      .when(open({ basis: '' }), GZ_ENFORCER)
      .thenRejects('InvalidCommand', 'basis');
    given(history())
      .when(open({ caseId: 'case/7' }), GZ_ENFORCER)
      .thenRejects('InvalidCommand', 'caseId');
    given(history())
      .when(open({ lots: [LOT, LOT] }), GZ_ENFORCER)
      .thenRejects('InvalidCommand', 'lots');
  });
});

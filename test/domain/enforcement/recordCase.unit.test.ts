import { describe, expect, it } from 'vitest';
import { operatorTag, recordTag, type RecordCase } from '../../../src/domain/index.js';
import {
  ADMIN,
  FARM,
  GD_REVIEWER,
  GZ_ENFORCER,
  GZ_INSPECTOR,
  GZ_MONITOR,
  PANYU,
  PUBLIC,
  as,
  authority,
  caseEvent,
  commissioned,
  freshCode,
  onboarded,
  stamp,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const CASE = 'case-2026-007';
const LOT = freshCode(1, PANYU);
const note = (fields: Partial<RecordCase> = {}): RecordCase => ({
  type: 'case.record',
  caseId: CASE,
  kind: 'inspection',
  note: '现场检查：仓库存放菜心约50公斤，与抽检批次一致',
  ...fields,
});
const opened = () => [...onboarded(FARM), commissioned(LOT, 100), caseEvent('case.opened', CASE)];
const recorded = () =>
  stamp(
    {
      type: 'case.recorded',
      tags: [recordTag('case', CASE), operatorTag(FARM.id)],
      data: { caseId: CASE, kind: 'evidence', note: '检测报告 GZ-2026-0118', operatorId: FARM.id },
    },
    GZ_ENFORCER,
  );

describe('case.record', () => {
  it('adds an inspection record to the case, tagged with the case and the operator', () =>
    given(opened())
      .when(note({ lots: [LOT] }), GZ_ENFORCER)
      .thenEmits([
        {
          type: 'case.recorded',
          tags: [recordTag('case', CASE), operatorTag(FARM.id)],
          data: {
            caseId: CASE,
            kind: 'inspection',
            note: '现场检查：仓库存放菜心约50公斤，与抽检批次一致',
            lots: [LOT],
            operatorId: FARM.id,
          },
        },
      ]));

  it('counts the records on the case', () => {
    expect(given(opened()).when(note(), GZ_ENFORCER).thenState(recordTag('case', CASE))).toMatchObject({ records: 1, status: 'open' });
    expect(
      given(opened(), recorded())
        .when(note({ kind: 'evidence' }), GZ_ENFORCER)
        .thenState(recordTag('case', CASE)),
    ).toMatchObject({
      records: 2,
    });
  });

  it('lets an enforcer of a wider region and a national admin add to it', () => {
    given(opened()).when(note(), authority('enforcer', '44')).thenAccepts();
    given(opened()).when(note(), ADMIN).thenAccepts();
  });

  it('refuses roles outside enforcement', () => {
    for (const actor of [GD_REVIEWER, GZ_INSPECTOR, GZ_MONITOR, as(FARM), PUBLIC])
      given(opened()).when(note(), actor).thenRejects('Forbidden');
  });

  it("refuses an enforcer whose region does not cover the case's", () => {
    given(opened()).when(note(), authority('enforcer', '43')).thenRejects('OutOfRegion', 'caseId');
    given(opened()).when(note(), authority('enforcer', '440106')).thenRejects('OutOfRegion', 'caseId');
  });

  it('refuses an unknown case', () =>
    given(opened())
      .when(note({ caseId: 'case-404' }), GZ_ENFORCER)
      .thenRejects('UnknownCase', 'caseId'));

  it('refuses to add to a closed case', () =>
    given(opened(), caseEvent('case.closed', CASE)).when(note(), GZ_ENFORCER).thenRejects('CaseClosed', 'caseId'));

  it('refuses a lot that does not exist', () =>
    given(opened())
      .when(note({ lots: [freshCode(1, PANYU)] }), GZ_ENFORCER)
      .thenRejects('UnknownLot', 'lots.0'));

  it('refuses malformed records', () => {
    given(opened())
      .when(note({ kind: 'hearsay' as RecordCase['kind'] }), GZ_ENFORCER)
      .thenRejects('InvalidCommand', 'kind');
    given(opened())
      .when(note({ note: '' }), GZ_ENFORCER)
      .thenRejects('InvalidCommand', 'note');
  });
});

import { describe, expect, it } from 'vitest';
import { operatorTag, recordTag, type RecordInspection } from '../../../src/domain/index.js';
import {
  ADMIN,
  FARM,
  GD_REVIEWER,
  GZ_ENFORCER,
  GZ_INSPECTOR,
  GZ_MONITOR,
  HN_INSPECTOR,
  NOW,
  PANYU,
  PUBLIC,
  TIANHE,
  as,
  authority,
  commissioned,
  freshCode,
  inspected,
  onboarded,
  operatorEvent,
  registered,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const INSPECTION = 'insp-2026-001';
const LOT = freshCode(1, PANYU);
const OTHER_LOT = freshCode(1, PANYU);

const record = (fields: Partial<RecordInspection> = {}): RecordInspection => ({
  type: 'inspection.record',
  inspectionId: INSPECTION,
  operatorId: FARM.id,
  kind: 'patrol',
  result: 'pass',
  findings: '生产记录完整，投入品台账齐全',
  ...fields,
});
const rectify = (rectifyBy?: string): RecordInspection =>
  record({ kind: 'inspection', result: 'rectify', findings: '农药使用记录缺失', ...(rectifyBy === undefined ? {} : { rectifyBy }) });
const history = () => [...onboarded(FARM), commissioned(LOT, 100)];

describe('inspection.record', () => {
  it('records the inspection, tagged with the inspection and the operator, with the operator region', () =>
    given(history())
      .when(record({ items: ['生产记录', '投入品使用'], lots: [LOT] }), GZ_INSPECTOR)
      .thenEmits([
        {
          type: 'inspection.recorded',
          tags: [recordTag('inspection', INSPECTION), operatorTag(FARM.id)],
          data: {
            inspectionId: INSPECTION,
            operatorId: FARM.id,
            kind: 'patrol',
            result: 'pass',
            items: ['生产记录', '投入品使用'],
            findings: '生产记录完整，投入品台账齐全',
            lots: [LOT],
            region: PANYU,
          },
        },
      ]));

  it('remembers a rectification order with its deadline, the inspector and the time', () => {
    const then = given(history()).when(rectify('2026-12-15'), GZ_INSPECTOR);
    expect(then.thenState(recordTag('inspection', INSPECTION))).toEqual({
      entity: 'inspection',
      id: INSPECTION,
      operatorId: FARM.id,
      region: PANYU,
      kind: 'inspection',
      result: 'rectify',
      rectifyBy: '2026-12-15',
      lots: [],
      at: NOW,
      by: 'authority:inspector-4401',
    });
  });

  it('leaves the inspected operator as it was', () => {
    const then = given(history()).when(record(), GZ_INSPECTOR);
    expect(then.thenState(operatorTag(FARM.id))).toMatchObject({
      status: 'approved',
      history: [{ action: 'registered' }, { action: 'approved' }],
    });
  });

  it('inspects a registered operator whatever its standing', () => {
    for (const standing of ['operator.suspended', 'operator.withdrawn', 'operator.revoked'] as const) {
      given(history(), operatorEvent(standing, FARM)).when(record(), GZ_INSPECTOR).thenAccepts();
    }
    given(registered(FARM)).when(record(), GZ_INSPECTOR).thenAccepts();
  });

  it('lets an inspector of a wider region, a scope written with zeros, and a national admin inspect', () => {
    given(history()).when(record(), authority('inspector', '44')).thenAccepts();
    given(history()).when(record(), authority('inspector', '440100')).thenAccepts();
    given(history()).when(record(), authority('inspector', PANYU)).thenAccepts();
    given(history()).when(record(), ADMIN).thenAccepts();
  });

  it('refuses roles outside supervision: an enforcer, a monitor, a reviewer, operators and the public', () => {
    for (const actor of [GZ_ENFORCER, GZ_MONITOR, GD_REVIEWER, as(FARM), PUBLIC]) {
      given(history()).when(record(), actor).thenRejects('Forbidden');
    }
  });

  it('refuses an inspector whose region does not cover the operator', () => {
    given(history()).when(record(), HN_INSPECTOR).thenRejects('OutOfRegion', 'operatorId');
    given(history()).when(record(), authority('inspector', TIANHE)).thenRejects('OutOfRegion', 'operatorId');
  });

  it('refuses an operator that is not registered', () =>
    given(history())
      .when(record({ operatorId: 'person-9999' }), GZ_INSPECTOR)
      .thenRejects('UnknownOperator', 'operatorId'));

  it('refuses an inspection id that is taken', () =>
    given(history(), inspected(INSPECTION, FARM)).when(record(), GZ_INSPECTOR).thenRejects('RecordExists', 'inspectionId'));

  it('refuses a rectification order without its deadline', () =>
    given(history()).when(rectify(), GZ_INSPECTOR).thenRejects('DeadlineRequired', 'rectifyBy'));

  it('refuses a deadline that has passed, while a bare date lasts its whole day in China time', () => {
    given(history()).when(rectify('2026-11-28'), GZ_INSPECTOR).thenRejects('InvalidDeadline', 'rectifyBy');
    given(history()).when(rectify('2026-11-29T07:59:59Z'), GZ_INSPECTOR).thenRejects('InvalidDeadline', 'rectifyBy');
    given(history()).when(rectify('2026-11-29'), GZ_INSPECTOR).thenAccepts();
    given(history()).when(rectify('2026-11-29'), GZ_INSPECTOR, '2026-11-29T16:00:00.000Z').thenRejects('InvalidDeadline', 'rectifyBy');
  });

  it('refuses a deadline on an inspection that orders no rectification', () => {
    given(history())
      .when(record({ rectifyBy: '2026-12-15' }), GZ_INSPECTOR)
      .thenRejects('InvalidDeadline', 'rectifyBy');
    given(history())
      .when(record({ result: 'problems', rectifyBy: '2026-12-15' }), GZ_INSPECTOR)
      .thenRejects('InvalidDeadline', 'rectifyBy');
  });

  it('refuses a scanned lot that does not exist, naming its place in the list', () =>
    given(history())
      .when(record({ lots: [LOT, OTHER_LOT] }), GZ_INSPECTOR)
      .thenRejects('UnknownLot', 'lots.1'));

  it('refuses malformed inspections', () => {
    given(history())
      .when(record({ inspectionId: 'insp 1' }), GZ_INSPECTOR)
      .thenRejects('InvalidCommand', 'inspectionId');
    given(history())
      .when(record({ findings: '' }), GZ_INSPECTOR)
      .thenRejects('InvalidCommand', 'findings');
    given(history())
      .when(record({ kind: 'raid' as RecordInspection['kind'] }), GZ_INSPECTOR)
      .thenRejects('InvalidCommand', 'kind');
    given(history())
      .when(record({ lots: [LOT, LOT] }), GZ_INSPECTOR)
      .thenRejects('InvalidCommand', 'lots');
    given(history())
      .when(record({ rectifyBy: '15/12/2026' }), GZ_INSPECTOR)
      .thenRejects('InvalidCommand', 'rectifyBy');
  });
});

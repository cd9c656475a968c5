import { describe, expect, it } from 'vitest';
import { foldEvents, isOverdue, operatorTag, recordTag, type CloseRectification, type InspectionState } from '../../../src/domain/index.js';
import {
  ADMIN,
  FARM,
  GD_REVIEWER,
  GZ_ENFORCER,
  GZ_INSPECTOR,
  GZ_MONITOR,
  HN_INSPECTOR,
  NOW,
  PUBLIC,
  as,
  authority,
  inspected,
  onboarded,
  stamp,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const INSPECTION = 'insp-2026-002';
const NOTE = '已补齐农药使用记录，复查合格';
const close = (inspectionId = INSPECTION): CloseRectification => ({ type: 'inspection.closeRectification', inspectionId, note: NOTE });
const ordered = () => [...onboarded(FARM), inspected(INSPECTION, FARM, 'rectify', '2026-12-15')];
const closed = () =>
  stamp(
    {
      type: 'inspection.rectificationClosed',
      tags: [recordTag('inspection', INSPECTION), operatorTag(FARM.id)],
      data: { inspectionId: INSPECTION, operatorId: FARM.id, note: NOTE },
    },
    GZ_INSPECTOR,
  );

describe('inspection.closeRectification', () => {
  it('closes an ordered rectification with a note, tagged with the inspection and the operator', () =>
    given(ordered())
      .when(close(), GZ_INSPECTOR)
      .thenEmits([
        {
          type: 'inspection.rectificationClosed',
          tags: [recordTag('inspection', INSPECTION), operatorTag(FARM.id)],
          data: { inspectionId: INSPECTION, operatorId: FARM.id, note: NOTE },
        },
      ]));

  it('remembers when, by whom and how the rectification was closed', () => {
    const then = given(ordered()).when(close(), authority('inspector', '44'));
    expect(then.thenState(recordTag('inspection', INSPECTION))).toMatchObject({
      result: 'rectify',
      rectifyBy: '2026-12-15',
      rectified: { at: NOW, by: 'authority:inspector-44', note: NOTE },
    });
  });

  it('counts a rectification overdue once its deadline day has passed, and no longer once closed', () => {
    const before = foldEvents(ordered()).get(recordTag('inspection', INSPECTION)) as InspectionState;
    expect(isOverdue(before, '2026-12-15T15:59:59.000Z')).toBe(false);
    expect(isOverdue(before, '2026-12-15T16:00:00.000Z')).toBe(true);
    const after = given(ordered()).when(close(), GZ_INSPECTOR).thenState(recordTag('inspection', INSPECTION)) as InspectionState;
    expect(isOverdue(after, '2027-01-01T00:00:00.000Z')).toBe(false);
  });

  it('lets a national admin close it', () => given(ordered()).when(close(), ADMIN).thenAccepts());

  it('refuses roles outside supervision', () => {
    for (const actor of [GZ_ENFORCER, GZ_MONITOR, GD_REVIEWER, as(FARM), PUBLIC]) {
      given(ordered()).when(close(), actor).thenRejects('Forbidden');
    }
  });

  it("refuses an inspector whose region does not cover the inspection's", () => {
    given(ordered()).when(close(), HN_INSPECTOR).thenRejects('OutOfRegion', 'inspectionId');
    given(ordered()).when(close(), authority('inspector', '440106')).thenRejects('OutOfRegion', 'inspectionId');
  });

  it('refuses an inspection that does not exist', () =>
    given(ordered()).when(close('insp-404'), GZ_INSPECTOR).thenRejects('UnknownInspection', 'inspectionId'));

  it('refuses an inspection that ordered no rectification', () => {
    given(onboarded(FARM), inspected(INSPECTION, FARM, 'pass'))
      .when(close(), GZ_INSPECTOR)
      .thenRejects('NoRectification', 'inspectionId');
    given(onboarded(FARM), inspected(INSPECTION, FARM, 'problems'))
      .when(close(), GZ_INSPECTOR)
      .thenRejects('NoRectification', 'inspectionId');
  });

  it('refuses to close a rectification twice', () =>
    given(ordered(), closed()).when(close(), GZ_INSPECTOR).thenRejects('RectificationClosed', 'inspectionId'));

  it('refuses a close without a note', () =>
    given(ordered())
      .when({ ...close(), note: '' }, GZ_INSPECTOR)
      .thenRejects('InvalidCommand', 'note'));
});

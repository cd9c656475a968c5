import { describe, expect, it } from 'vitest';
import { operatorTag, recordTag, type CloseCase, type Command } from '../../../src/domain/index.js';
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
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const CASE = 'case-2026-007';
const close = (fields: Partial<CloseCase> = {}): CloseCase => ({ type: 'case.close', caseId: CASE, note: '处罚已执行，结案', ...fields });
const opened = () => [...onboarded(FARM), caseEvent('case.opened', CASE)];

describe('case.close', () => {
  it('closes the case, tagged with the case and the operator', () =>
    given(opened())
      .when(close(), GZ_ENFORCER)
      .thenEmits([
        {
          type: 'case.closed',
          tags: [recordTag('case', CASE), operatorTag(FARM.id)],
          data: { caseId: CASE, note: '处罚已执行，结案', operatorId: FARM.id },
        },
      ]));

  it('remembers when the case was closed; the note is optional', () => {
    const { note: _note, ...bare } = close();
    expect(given(opened()).when(bare, GZ_ENFORCER).thenState(recordTag('case', CASE))).toMatchObject({ status: 'closed', closedAt: NOW });
  });

  it('refuses any further record, penalty or close on a closed case', () => {
    const closed = [...opened(), caseEvent('case.closed', CASE)];
    const commands: Command[] = [
      close(),
      { type: 'case.record', caseId: CASE, kind: 'evidence', note: '补充证据' },
      { type: 'case.penalize', caseId: CASE, penalty: 'warning', legalBasis: '《农产品质量安全法》第七十一条' },
    ];
    for (const command of commands) given(closed).when(command, GZ_ENFORCER).thenRejects('CaseClosed', 'caseId');
  });

  it('lets a national admin close it', () => given(opened()).when(close(), ADMIN).thenAccepts());

  it('refuses roles outside enforcement', () => {
    for (const actor of [GD_REVIEWER, GZ_INSPECTOR, GZ_MONITOR, as(FARM), PUBLIC])
      given(opened()).when(close(), actor).thenRejects('Forbidden');
  });

  it("refuses an enforcer whose region does not cover the case's", () =>
    given(opened()).when(close(), authority('enforcer', '43')).thenRejects('OutOfRegion', 'caseId'));

  it('refuses an unknown case', () =>
    given(opened())
      .when(close({ caseId: 'case-404' }), GZ_ENFORCER)
      .thenRejects('UnknownCase', 'caseId'));

  it('refuses an empty note', () =>
    given(opened())
      .when(close({ note: '' }), GZ_ENFORCER)
      .thenRejects('InvalidCommand', 'note'));
});

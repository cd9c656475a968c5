import { describe, expect, it } from 'vitest';
import { operatorTag, type ReviewOperator } from '../../../src/domain/index.js';
import { ADMIN, FARM, GD_REVIEWER, GZ_INSPECTOR, HN_REVIEWER, as, operatorEvent, registered } from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const review = (decision: 'approve' | 'reject', reason?: string): ReviewOperator => ({
  type: 'operator.review',
  operatorId: FARM.id,
  decision,
  ...(reason === undefined ? {} : { reason }),
});

describe('operator.review', () => {
  it('approves a pending operator', () =>
    given(registered(FARM))
      .when(review('approve'), GD_REVIEWER)
      .thenEmits([{ type: 'operator.approved', tags: [operatorTag(FARM.id)], data: { operatorId: FARM.id } }]));

  it('rejects a pending operator with a reason, recorded in its history', () => {
    const then = given(registered(FARM)).when(review('reject', '营业执照不清晰'), ADMIN);
    then.thenEmits([{ type: 'operator.rejected', tags: [operatorTag(FARM.id)], data: { operatorId: FARM.id, reason: '营业执照不清晰' } }]);
    expect(then.thenState(operatorTag(FARM.id))).toMatchObject({
      status: 'rejected',
      history: [{ action: 'registered' }, { action: 'rejected', by: 'authority:admin-all', reason: '营业执照不清晰' }],
    });
  });

  it('refuses a rejection without a reason', () =>
    given(registered(FARM)).when(review('reject'), GD_REVIEWER).thenRejects('ReasonRequired', 'reason'));

  it('refuses anyone but a reviewer or admin', () => {
    given(registered(FARM)).when(review('approve'), GZ_INSPECTOR).thenRejects('Forbidden');
    given(registered(FARM)).when(review('approve'), as(FARM)).thenRejects('Forbidden');
  });

  it("refuses a reviewer outside the operator's region", () =>
    given(registered(FARM)).when(review('approve'), HN_REVIEWER).thenRejects('OutOfRegion', 'operatorId'));

  it('refuses an unknown operator', () => given().when(review('approve'), GD_REVIEWER).thenRejects('UnknownOperator'));

  it('refuses a decision other than approve or reject', () =>
    given(registered(FARM))
      .when({ ...review('approve'), decision: 'defer' as 'approve' }, GD_REVIEWER)
      .thenRejects('InvalidCommand', 'decision'));

  it('refuses an operator that is not pending', () =>
    given(registered(FARM), operatorEvent('operator.approved', FARM))
      .when(review('reject', 'again'), GD_REVIEWER)
      .thenRejects('OperatorNotPending', 'operatorId'));
});

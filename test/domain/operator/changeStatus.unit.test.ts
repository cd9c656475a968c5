import { describe, expect, it } from 'vitest';
import { operatorTag, type ChangeOperatorStatus } from '../../../src/domain/index.js';
import {
  ADMIN,
  FARM,
  GD_REVIEWER,
  GZ_INSPECTOR,
  HN_REVIEWER,
  PUBLIC,
  WHOLESALER,
  as,
  authority,
  onboarded,
  operatorEvent,
  registered,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const change = (action: ChangeOperatorStatus['action']): ChangeOperatorStatus => ({
  type: 'operator.changeStatus',
  operatorId: FARM.id,
  action,
  reason: '抽检不合格',
});
const data = { operatorId: FARM.id, reason: '抽检不合格' };
const tags = [operatorTag(FARM.id)];
const suspended = () => [...onboarded(FARM), operatorEvent('operator.suspended', FARM)];
const GZ_ENFORCER = authority('enforcer', '4401');

describe('operator.changeStatus', () => {
  it('suspends an approved operator', () =>
    given(onboarded(FARM))
      .when(change('suspend'), GZ_ENFORCER)
      .thenEmits([{ type: 'operator.suspended', tags, data }]));

  it('reinstates a suspended operator', () => {
    const then = given(suspended()).when(change('reinstate'), GD_REVIEWER);
    then.thenEmits([{ type: 'operator.reinstated', tags, data }]);
    expect(then.thenState(operatorTag(FARM.id))).toMatchObject({ status: 'approved' });
  });

  it('lets an operator withdraw itself, and an authority withdraw it', () => {
    given(onboarded(FARM))
      .when(change('withdraw'), as(FARM))
      .thenEmits([{ type: 'operator.withdrawn', tags, data }]);
    given(registered(FARM))
      .when(change('withdraw'), as(FARM))
      .thenEmits([{ type: 'operator.withdrawn', tags, data }]);
    given(suspended())
      .when(change('withdraw'), ADMIN)
      .thenEmits([{ type: 'operator.withdrawn', tags, data }]);
  });

  it('refuses an operator suspending, reinstating or withdrawing another', () => {
    given(onboarded(FARM)).when(change('suspend'), as(FARM)).thenRejects('Forbidden');
    given(suspended()).when(change('reinstate'), as(FARM)).thenRejects('Forbidden');
    given(onboarded(FARM)).when(change('withdraw'), as(WHOLESALER)).thenRejects('Forbidden');
    given(onboarded(FARM)).when(change('withdraw'), PUBLIC).thenRejects('Forbidden');
  });

  it('refuses authorities without the power to sanction', () =>
    given(onboarded(FARM)).when(change('suspend'), GZ_INSPECTOR).thenRejects('Forbidden'));

  it('refuses an authority of another region', () =>
    given(onboarded(FARM)).when(change('suspend'), HN_REVIEWER).thenRejects('OutOfRegion', 'operatorId'));

  it('refuses an unknown operator', () => given().when(change('suspend'), ADMIN).thenRejects('UnknownOperator', 'operatorId'));

  it('refuses to suspend an operator that is not approved, or suspended already', () => {
    given(registered(FARM)).when(change('suspend'), ADMIN).thenRejects('OperatorNotApproved', 'operatorId');
    given(suspended()).when(change('suspend'), ADMIN).thenRejects('OperatorSuspended', 'operatorId');
  });

  it('refuses to reinstate an operator that is not suspended', () =>
    given(onboarded(FARM)).when(change('reinstate'), ADMIN).thenRejects('OperatorNotSuspended', 'operatorId'));

  it('refuses a suspended operator withdrawing itself out of its suspension', () =>
    given(suspended()).when(change('withdraw'), as(FARM)).thenRejects('OperatorSuspended', 'operatorId'));

  it('refuses any change to a withdrawn operator', () => {
    const withdrawn = [...onboarded(FARM), operatorEvent('operator.withdrawn', FARM)];
    for (const action of ['suspend', 'reinstate', 'withdraw'] as const) {
      given(withdrawn).when(change(action), ADMIN).thenRejects('OperatorWithdrawn', 'operatorId');
    }
  });

  it('refuses a change without a reason', () =>
    given(onboarded(FARM))
      .when({ ...change('suspend'), reason: '' }, ADMIN)
      .thenRejects('InvalidCommand', 'reason'));
});

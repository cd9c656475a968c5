/** After a penalty revokes (or suspends) an operator, the trade deciders and operator.changeStatus refuse it. */
import { describe, expect, it } from 'vitest';
import { foldEvents, operatorTag, type ChangeOperatorStatus, type Command, type DomainEvent } from '../../../src/domain/index.js';
import {
  ADMIN,
  FARM,
  GD_REVIEWER,
  GZ_ENFORCER,
  NOW,
  PANYU,
  WHOLESALER,
  as,
  caseEvent,
  commissioned,
  freshCode,
  onboarded,
  shipped,
  stamp,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const CASE = 'case-2026-007';
const LOT = freshCode(1, PANYU); // 100 kg at the farm
const INCOMING = freshCode(2, PANYU); // 10 kg on its way from the farm to the wholesaler
const kg = (amount: number) => ({ amount, unit: 'kg' as const });

/** The farm's trade, a case against `operator`, and the penalty decided in it, as the ledger appends it. */
function penalized(penalty: 'suspension' | 'revocation', operator = FARM): DomainEvent[] {
  const history = [
    ...onboarded(FARM),
    ...onboarded(WHOLESALER),
    commissioned(LOT, 100),
    shipped({ from: LOT, child: INCOMING, amount: 10, to: WHOLESALER }),
    caseEvent('case.opened', CASE, operator),
  ];
  const command: Command = { type: 'case.penalize', caseId: CASE, penalty, legalBasis: '《农产品质量安全法》第七十一条' };
  const { decision } = given(history).when(command, GZ_ENFORCER);
  if (!decision.ok) throw new Error(decision.rejection.message);
  return [...history, ...decision.events.map((draft) => stamp(draft, GZ_ENFORCER, NOW))];
}

const ship = (to = WHOLESALER.id): Command => ({
  type: 'lot.ship',
  code: LOT,
  childCode: freshCode(2, PANYU),
  quantity: kg(1),
  to: { operatorId: to },
});
const change = (action: ChangeOperatorStatus['action'], operatorId = FARM.id): ChangeOperatorStatus => ({
  type: 'operator.changeStatus',
  operatorId,
  action,
  reason: '复查',
});

describe('a revoked operator', () => {
  it('is revoked by the penalty, for good', () =>
    expect(foldEvents(penalized('revocation')).get(operatorTag(FARM.id))).toMatchObject({
      status: 'revoked',
      history: [{ action: 'registered' }, { action: 'approved' }, { action: 'revoked', by: 'authority:enforcer-4401' }],
    }));

  it('may not ship, sell, process or commission', () => {
    const revoked = penalized('revocation');
    const commands: Command[] = [
      ship(),
      { type: 'lot.sell', code: LOT, quantity: kg(1) },
      {
        type: 'lot.process',
        mode: 'merge',
        inputs: [{ code: LOT, quantity: kg(1) }],
        outputs: [{ code: freshCode(2, PANYU), product: { name: '菜心', category: 'vegetable' }, quantity: kg(1) }],
      },
      {
        type: 'lot.commission',
        code: freshCode(1, PANYU),
        product: { name: '菜心', category: 'vegetable' },
        quantity: kg(5),
        producedAt: '2026-11-20',
        origin: { region: PANYU },
      },
    ];
    for (const command of commands) given(revoked).when(command, as(FARM)).thenRejects('OperatorRevoked');
  });

  it('may not receive goods, nor accept what was on its way to it', () => {
    const buyerRevoked = penalized('revocation', WHOLESALER);
    given(buyerRevoked).when(ship(), as(FARM)).thenRejects('OperatorRevoked', 'to.operatorId');
    given(buyerRevoked).when({ type: 'lot.accept', code: INCOMING }, as(WHOLESALER)).thenRejects('OperatorRevoked');
  });

  it('can be neither reinstated, suspended nor withdrawn, by any authority or by itself', () => {
    const revoked = penalized('revocation');
    for (const action of ['reinstate', 'suspend', 'withdraw'] as const) {
      given(revoked).when(change(action), ADMIN).thenRejects('OperatorRevoked', 'operatorId');
      given(revoked).when(change(action), GD_REVIEWER).thenRejects('OperatorRevoked', 'operatorId');
    }
    given(revoked).when(change('withdraw'), as(FARM)).thenRejects('OperatorRevoked', 'operatorId');
  });

  it('cannot register again under the same id', () =>
    given(penalized('revocation'))
      .when(
        {
          type: 'operator.register',
          operatorId: FARM.id,
          name: FARM.name,
          kind: 'enterprise',
          roles: ['producer'],
          region: FARM.region,
          address: '广州市番禺区石楼镇',
          contact: { ref: 'pd_AAAAAAAAAAAAAAAAAAAAAA', commitment: 'a'.repeat(64) },
          uscc: FARM.id,
        },
        as(FARM),
      )
      .thenRejects('OperatorExists', 'operatorId'));
});

describe('an operator suspended by a penalty', () => {
  it('may not trade until a reviewer reinstates it', () => {
    const suspended = penalized('suspension');
    given(suspended).when(ship(), as(FARM)).thenRejects('OperatorSuspended');
    const reinstated = given(suspended).when(change('reinstate'), GD_REVIEWER);
    expect(reinstated.thenState(operatorTag(FARM.id))).toMatchObject({ status: 'approved' });
  });
});

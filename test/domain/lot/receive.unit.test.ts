import { describe, expect, it } from 'vitest';
import { lotTag, type AcceptLot, type RejectLot } from '../../../src/domain/index.js';
import {
  FARM,
  GZ_INSPECTOR,
  PANYU,
  PUBLIC,
  STALL,
  WHOLESALER,
  as,
  commissioned,
  freshCode,
  frozenEvent,
  onboarded,
  operatorEvent,
  received,
  shipped,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const LOT = freshCode(1, PANYU);
const CHILD = freshCode(2, PANYU);

const acceptLot = (code = CHILD): AcceptLot => ({ type: 'lot.accept', code });
const rejectLot = (code = CHILD, reason = '菜叶发黄'): RejectLot => ({ type: 'lot.reject', code, reason });
const history = (amount = 40) => [
  ...onboarded(FARM),
  ...onboarded(WHOLESALER),
  commissioned(LOT, 100),
  shipped({ from: LOT, child: CHILD, amount, to: WHOLESALER }),
];
const receipt = {
  code: CHILD,
  parentCode: LOT,
  operatorId: WHOLESALER.id,
  quantity: { amount: 40, unit: 'kg' as const },
};

describe('lot.accept', () => {
  it('confirms a lot in transit: the buyer holds it, the parent counts it as shipped', () => {
    const then = given(history()).when(acceptLot(), as(WHOLESALER));
    then.thenEmits([{ type: 'lot.accepted', tags: [lotTag(CHILD), lotTag(LOT)], data: receipt }]);
    expect(then.thenState(lotTag(CHILD))).toMatchObject({ status: 'received', holder: WHOLESALER.id, available: 40 });
    expect(then.thenState(lotTag(LOT))).toMatchObject({ status: 'open', available: 60, held: 0, shipped: 40 });
  });

  it('depletes a parent whose every kilogram has been accepted', () =>
    expect(given(history(100)).when(acceptLot(), as(WHOLESALER)).thenState(lotTag(LOT))).toMatchObject({
      status: 'depleted',
      available: 0,
      shipped: 100,
    }));

  it('refuses anyone but an active operator', () => {
    given(history()).when(acceptLot(), PUBLIC).thenRejects('Forbidden');
    given(history(), operatorEvent('operator.suspended', WHOLESALER)).when(acceptLot(), as(WHOLESALER)).thenRejects('OperatorSuspended');
  });

  it('refuses an unknown lot', () =>
    given(history())
      .when(acceptLot(freshCode(2, PANYU)), as(WHOLESALER))
      .thenRejects('UnknownLot', 'code'));

  it('refuses a malformed trace code', () =>
    given(history())
      .when(acceptLot(`${CHILD.slice(0, 19)}x`), as(WHOLESALER))
      .thenRejects('InvalidTraceCode', 'code'));

  it('refuses a frozen lot', () =>
    given(history(), frozenEvent('lot.frozen', [CHILD]))
      .when(acceptLot(), as(WHOLESALER))
      .thenRejects('LotFrozen', 'code'));

  it('refuses a lot that is not in transit', () => {
    given(history(), received('lot.accepted', { child: CHILD, from: LOT, amount: 40 }))
      .when(acceptLot(), as(WHOLESALER))
      .thenRejects('NotInTransit', 'code');
    given(history()).when(acceptLot(LOT), as(WHOLESALER)).thenRejects('NotInTransit', 'code');
  });

  it('refuses anyone but the recipient', () => {
    given(history()).when(acceptLot(), as(FARM)).thenRejects('NotRecipient', 'code');
    given(history(), ...onboarded(STALL))
      .when(acceptLot(), as(STALL))
      .thenRejects('NotRecipient', 'code');
  });
});

describe('lot.reject', () => {
  it('refuses a lot in transit: the quantity returns to the parent', () => {
    const then = given(history()).when(rejectLot(), as(WHOLESALER));
    then.thenEmits([{ type: 'lot.rejected', tags: [lotTag(CHILD), lotTag(LOT)], data: { ...receipt, reason: '菜叶发黄' } }]);
    expect(then.thenState(lotTag(CHILD))).toMatchObject({ status: 'rejected', quantity: 40, available: 0 });
    expect(then.thenState(lotTag(LOT))).toMatchObject({ status: 'open', available: 100, held: 0, shipped: 0 });
  });

  it('lets a suspended recipient refuse goods', () =>
    given(history(), operatorEvent('operator.suspended', WHOLESALER)).when(rejectLot(), as(WHOLESALER)).thenAccepts());

  it('refuses anyone but an operator, and an unknown operator', () => {
    given(history()).when(rejectLot(), GZ_INSPECTOR).thenRejects('Forbidden');
    given(history()).when(rejectLot(), as(STALL)).thenRejects('UnknownOperator');
  });

  it('refuses an unknown lot', () =>
    given(history())
      .when(rejectLot(freshCode(2, PANYU)), as(WHOLESALER))
      .thenRejects('UnknownLot', 'code'));

  it('refuses a frozen lot: frozen goods do not travel back', () =>
    given(history(), frozenEvent('lot.frozen', [CHILD]))
      .when(rejectLot(), as(WHOLESALER))
      .thenRejects('LotFrozen', 'code'));

  it('refuses a lot that is not in transit', () =>
    given(history(), received('lot.rejected', { child: CHILD, from: LOT, amount: 40 }))
      .when(rejectLot(), as(WHOLESALER))
      .thenRejects('NotInTransit', 'code'));

  it('refuses anyone but the recipient', () => given(history()).when(rejectLot(), as(FARM)).thenRejects('NotRecipient', 'code'));

  it('refuses a rejection without a reason', () =>
    given(history()).when(rejectLot(CHILD, ''), as(WHOLESALER)).thenRejects('InvalidCommand', 'reason'));
});

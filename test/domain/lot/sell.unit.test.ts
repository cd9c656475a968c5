import { describe, expect, it } from 'vitest';
import { lotTag, type SellLot } from '../../../src/domain/index.js';
import {
  FARM,
  GZ_INSPECTOR,
  PANYU,
  WHOLESALER,
  as,
  commissioned,
  freshCode,
  frozenEvent,
  onboarded,
  operatorEvent,
  sold,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const LOT = freshCode(1, PANYU);
const sell = (amount: number, unit: SellLot['quantity']['unit'] = 'kg', code = LOT): SellLot => ({
  type: 'lot.sell',
  code,
  quantity: { amount, unit },
});
const history = () => [...onboarded(FARM), ...onboarded(WHOLESALER), commissioned(LOT, 0.3)];

describe('lot.sell', () => {
  it('sells part of a lot at retail', () => {
    const then = given(history()).when(sell(0.1), as(FARM));
    then.thenEmits([
      {
        type: 'lot.sold',
        tags: [lotTag(LOT)],
        data: { code: LOT, operatorId: FARM.id, quantity: { amount: 0.1, unit: 'kg' } },
      },
    ]);
    expect(then.thenState(lotTag(LOT))).toMatchObject({ status: 'open', available: 0.2, sold: 0.1 });
  });

  it('depletes a lot sold to the last gram, with no rounding drift', () =>
    expect(given(history(), sold(LOT, 0.1)).when(sell(0.2), as(FARM)).thenState(lotTag(LOT))).toMatchObject({
      status: 'depleted',
      available: 0,
      sold: 0.3,
    }));

  it('refuses anyone but an active operator', () => {
    given(history()).when(sell(0.1), GZ_INSPECTOR).thenRejects('Forbidden');
    given(history(), operatorEvent('operator.withdrawn', FARM)).when(sell(0.1), as(FARM)).thenRejects('OperatorWithdrawn');
  });

  it('refuses an unknown lot', () =>
    given(history())
      .when(sell(0.1, 'kg', freshCode(1, PANYU)), as(FARM))
      .thenRejects('UnknownLot', 'code'));

  it('refuses a frozen or depleted lot', () => {
    given(history(), frozenEvent('lot.frozen', [LOT]))
      .when(sell(0.1), as(FARM))
      .thenRejects('LotFrozen', 'code');
    given(history(), sold(LOT, 0.3)).when(sell(0.1), as(FARM)).thenRejects('LotDepleted', 'code');
  });

  it('refuses an operator that does not hold the lot', () =>
    given(history()).when(sell(0.1), as(WHOLESALER)).thenRejects('NotHolder', 'code'));

  it('refuses another unit, more than is available, and a fraction of a gram', () => {
    given(history()).when(sell(0.1, 'jin'), as(FARM)).thenRejects('UnitMismatch', 'quantity.unit');
    given(history()).when(sell(0.301), as(FARM)).thenRejects('InsufficientQuantity', 'quantity.amount');
    given(history()).when(sell(0.0001), as(FARM)).thenRejects('InvalidQuantity', 'quantity.amount');
  });
});

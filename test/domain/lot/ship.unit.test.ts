import { describe, expect, it } from 'vitest';
import { childLinks, lotTag, type LotState, type Recipient, type ShipLot } from '../../../src/domain/index.js';
import {
  CABBAGE,
  FARM,
  GZ_INSPECTOR,
  ORIGIN,
  PANYU,
  STALL,
  TIANHE,
  WHOLESALER,
  as,
  commissioned,
  freshCode,
  frozenEvent,
  merged,
  onboarded,
  operatorEvent,
  received,
  registered,
  shipped,
  sold,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const LOT = freshCode(1, PANYU);
const toWholesaler: Recipient = { operatorId: WHOLESALER.id };
const toBuyer: Recipient = { buyer: { ref: 'pd_AAAAAAAAAAAAAAAAAAAAAA', commitment: 'a'.repeat(64) } };

const ship = (overrides: Partial<ShipLot> = {}): ShipLot => ({
  type: 'lot.ship',
  code: LOT,
  childCode: freshCode(overrides.to && 'buyer' in overrides.to ? 3 : 2, PANYU),
  quantity: { amount: 40, unit: 'kg' },
  to: toWholesaler,
  ...overrides,
});
const history = () => [...onboarded(FARM), ...onboarded(WHOLESALER), commissioned(LOT, 100)];

describe('lot.ship', () => {
  it('ships part of a lot to a registered operator: a kind-2 child in transit, the quantity held', () => {
    const command = ship();
    const then = given(history()).when(command, as(FARM));
    then.thenEmits([
      {
        type: 'lot.shipped',
        tags: [lotTag(LOT), lotTag(command.childCode)],
        data: {
          code: LOT,
          childCode: command.childCode,
          operatorId: FARM.id,
          quantity: { amount: 40, unit: 'kg' },
          to: toWholesaler,
          product: CABBAGE,
          origin: ORIGIN,
          producedAt: '2026-11-01',
          claims: [],
        },
      },
    ]);
    expect(then.thenState(lotTag(LOT))).toMatchObject({
      status: 'open',
      available: 60,
      held: 40,
    });
    expect(childLinks(then.thenState(lotTag(LOT)) as LotState)).toEqual([{ code: command.childCode, quantity: 40, via: 'shipment' }]);
    const child = then.thenState(lotTag(command.childCode)) as LotState;
    expect(child).toMatchObject({
      kind: 2,
      status: 'in-transit',
      madeBy: 'shipment',
      quantity: 40,
      available: 40,
      issuer: FARM.id,
      recipient: WHOLESALER.id,
      parents: [{ code: LOT, quantity: 40 }],
      product: CABBAGE,
      origin: ORIGIN,
    });
    expect(child.holder).toBeUndefined();
  });

  it('ships to an unregistered buyer: a kind-3 market-entry certificate, delivered at once', () => {
    const command = ship({ to: toBuyer });
    const then = given(history()).when(command, as(FARM));
    expect(then.thenState(lotTag(LOT))).toMatchObject({ available: 60, held: 0, shipped: 40 });
    expect(then.thenState(lotTag(command.childCode))).toMatchObject({
      kind: 3,
      status: 'received',
      buyer: (toBuyer as { buyer: unknown }).buyer,
    });
  });

  it('ships a whole lot, which stays open until the buyer answers', () => {
    const command = ship({ quantity: { amount: 100, unit: 'kg' } });
    expect(given(history()).when(command, as(FARM)).thenState(lotTag(LOT))).toMatchObject({
      status: 'open',
      available: 0,
      held: 100,
    });
  });

  it('refuses anyone but an operator, and an operator that is not active', () => {
    given(history()).when(ship(), GZ_INSPECTOR).thenRejects('Forbidden');
    given(history(), operatorEvent('operator.suspended', FARM)).when(ship(), as(FARM)).thenRejects('OperatorSuspended');
  });

  it('refuses an unknown lot', () =>
    given(history())
      .when(ship({ code: freshCode(1, PANYU) }), as(FARM))
      .thenRejects('UnknownLot', 'code'));

  it('refuses a lot that cannot move', () => {
    const child = freshCode(2, PANYU);
    const output = freshCode(2, PANYU);
    given(history(), frozenEvent('lot.frozen', [LOT]))
      .when(ship(), as(FARM))
      .thenRejects('LotFrozen', 'code');
    given(history(), sold(LOT, 100)).when(ship(), as(FARM)).thenRejects('LotDepleted', 'code');
    given(history(), merged([[LOT, 100]], output))
      .when(ship(), as(FARM))
      .thenRejects('LotMerged', 'code');
    const inTransit = [...history(), shipped({ from: LOT, child, amount: 40, to: WHOLESALER })];
    given(inTransit)
      .when(ship({ code: child, childCode: freshCode(2, TIANHE), to: { operatorId: FARM.id } }), as(WHOLESALER))
      .thenRejects('LotInTransit', 'code');
    given(inTransit, received('lot.rejected', { child, from: LOT, amount: 40 }))
      .when(ship({ code: child, childCode: freshCode(2, TIANHE), to: { operatorId: FARM.id } }), as(WHOLESALER))
      .thenRejects('LotRejected', 'code');
  });

  it('refuses an operator that does not hold the lot', () =>
    given(history())
      .when(ship({ to: { operatorId: FARM.id }, childCode: freshCode(2, TIANHE) }), as(WHOLESALER))
      .thenRejects('NotHolder', 'code'));

  it('refuses another unit, and more than is available', () => {
    given(history())
      .when(ship({ quantity: { amount: 40, unit: 'jin' } }), as(FARM))
      .thenRejects('UnitMismatch', 'quantity.unit');
    given(history())
      .when(ship({ quantity: { amount: 100.001, unit: 'kg' } }), as(FARM))
      .thenRejects('InsufficientQuantity', 'quantity.amount');
    given(history(), shipped({ from: LOT, child: freshCode(2, PANYU), amount: 70, to: WHOLESALER }))
      .when(ship(), as(FARM))
      .thenRejects('InsufficientQuantity', 'quantity.amount');
  });

  it('refuses a hand-off to oneself', () =>
    given(history())
      .when(ship({ to: { operatorId: FARM.id } }), as(FARM))
      .thenRejects('SelfHandOff', 'to.operatorId'));

  it('refuses a recipient that is unknown or not active', () => {
    given(history())
      .when(ship({ to: { operatorId: STALL.id } }), as(FARM))
      .thenRejects('UnknownOperator', 'to.operatorId');
    given(history(), registered(STALL))
      .when(ship({ to: { operatorId: STALL.id } }), as(FARM))
      .thenRejects('OperatorNotApproved', 'to.operatorId');
    given(history(), operatorEvent('operator.suspended', WHOLESALER))
      .when(ship(), as(FARM))
      .thenRejects('OperatorSuspended', 'to.operatorId');
    given(history(), operatorEvent('operator.withdrawn', WHOLESALER))
      .when(ship(), as(FARM))
      .thenRejects('OperatorWithdrawn', 'to.operatorId');
  });

  it('refuses a child code equal to the lot code', () =>
    given(history())
      .when(ship({ childCode: LOT }), as(FARM))
      .thenRejects('CycleRefused', 'childCode'));

  it('refuses a child code that is not fresh, of the right kind and of the shipper region', () => {
    given(history())
      .when(ship({ childCode: freshCode(3, PANYU) }), as(FARM))
      .thenRejects('WrongCodeKind', 'childCode');
    given(history())
      .when(ship({ to: toBuyer, childCode: freshCode(2, PANYU) }), as(FARM))
      .thenRejects('WrongCodeKind', 'childCode');
    given(history())
      .when(ship({ childCode: freshCode(2, TIANHE) }), as(FARM))
      .thenRejects('CodeRegionMismatch', 'childCode');
    const taken = freshCode(2, PANYU);
    given(history(), shipped({ from: LOT, child: taken, amount: 1, to: WHOLESALER }))
      .when(ship({ childCode: taken }), as(FARM))
      .thenRejects('CodeExists', 'childCode');
  });

  it('refuses a recipient that is both an operator and a buyer', () =>
    given(history())
      .when(ship({ to: { operatorId: WHOLESALER.id, buyer: { name: 'x' } } as unknown as Recipient }), as(FARM))
      .thenRejects('InvalidCommand', 'to'));
});

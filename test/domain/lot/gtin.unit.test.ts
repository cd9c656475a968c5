/**
 * A product's GS1 GTIN (商品条码): recorded on commissioning in its 14-digit
 * form, inherited by every child a shipment makes, and carried by a
 * processing output when the processor gives one; a bad one is refused.
 */
import { describe, expect, it } from 'vitest';
import { lotTag, type CommissionLot, type DomainEvent, type LotState, type ProcessLots, type ShipLot } from '../../../src/domain/index.js';
import { CABBAGE, FARM, ORIGIN, PANYU, WHOLESALER, as, freshCode, onboarded, stamp } from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

/** An EAN-13 as printed under a Chinese barcode (690–699 is GS1 China), and its GTIN-14. */
const EAN13 = '6901234567892';
const GTIN14 = '06901234567892';

const commission = (gtin: string, code = freshCode(1, PANYU)): CommissionLot => ({
  type: 'lot.commission',
  code,
  product: { ...CABBAGE, gtin },
  quantity: { amount: 100, unit: 'kg' },
  producedAt: '2026-11-01',
  origin: ORIGIN,
});

/** The history of a lot the farm commissioned with EAN13, through the decider itself. */
function commissionedWithGtin(code: string): DomainEvent[] {
  const decision = given(onboarded(FARM)).when(commission(EAN13, code), as(FARM)).decision;
  if (!decision.ok) throw new Error(decision.rejection.message);
  return [...onboarded(FARM), ...onboarded(WHOLESALER), ...decision.events.map((draft) => stamp(draft, as(FARM)))];
}

describe('a product GTIN on a lot', () => {
  it('given a producer, when it commissions a lot with an EAN-13, then the event and the lot keep it as 14 digits', () => {
    const command = commission(EAN13);
    const then = given(onboarded(FARM)).when(command, as(FARM));
    expect(then.decision.ok && then.decision.events[0]?.data).toMatchObject({ product: { ...CABBAGE, gtin: GTIN14 } });
    expect(then.thenState(lotTag(command.code))).toMatchObject({ product: { ...CABBAGE, gtin: GTIN14 } });
  });

  it('given a lot with a GTIN, when part of it is shipped, then the child inherits the GTIN with the product', () => {
    const lot = freshCode(1, PANYU);
    const ship: ShipLot = {
      type: 'lot.ship',
      code: lot,
      childCode: freshCode(2, PANYU),
      quantity: { amount: 40, unit: 'kg' },
      to: { operatorId: WHOLESALER.id },
    };
    const then = given(commissionedWithGtin(lot)).when(ship, as(FARM));
    expect(then.decision.ok && then.decision.events[0]?.data).toMatchObject({ product: { gtin: GTIN14 } });
    expect((then.thenState(lotTag(ship.childCode)) as LotState).product).toEqual({ ...CABBAGE, gtin: GTIN14 });
  });

  it('given a lot with a GTIN, when it is processed, then an output keeps the GTIN given for it and one without has none', () => {
    const lot = freshCode(1, PANYU);
    const packed = freshCode(2, PANYU);
    const loose = freshCode(2, PANYU);
    const command: ProcessLots = {
      type: 'lot.process',
      mode: 'process',
      inputs: [{ code: lot, quantity: { amount: 60, unit: 'kg' } }],
      outputs: [
        { code: packed, product: { name: '净菜心', category: 'vegetable', gtin: '96385074' }, quantity: { amount: 50, unit: 'kg' } },
        { code: loose, product: { name: '菜心碎', category: 'vegetable' }, quantity: { amount: 5, unit: 'kg' } },
      ],
    };
    const then = given(commissionedWithGtin(lot)).when(command, as(FARM));
    expect((then.thenState(lotTag(packed)) as LotState).product).toEqual({ name: '净菜心', category: 'vegetable', gtin: '00000096385074' });
    expect((then.thenState(lotTag(loose)) as LotState).product).not.toHaveProperty('gtin');
  });

  it.each([
    ['a wrong check digit', '6901234567891'],
    ['a length GS1 does not use', '69012345678'],
    ['letters', '69012345678X2'],
  ])('given a producer, when it commissions a lot with %s, then it is refused as InvalidGtin naming product.gtin', (_what, gtin) =>
    given(onboarded(FARM)).when(commission(gtin), as(FARM)).thenRejects('InvalidGtin', 'product.gtin'),
  );
});

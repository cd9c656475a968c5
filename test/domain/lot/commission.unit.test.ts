import { describe, expect, it } from 'vitest';
import { formatTraceCode, lotTag, type CommissionLot } from '../../../src/domain/index.js';
import {
  CABBAGE,
  FARM,
  GREEN,
  GZ_INSPECTOR,
  NOW,
  ORIGIN,
  PANYU,
  PUBLIC,
  TIANHE,
  WHOLESALER,
  as,
  GD_REVIEWER,
  certificationConfirmed,
  certified,
  commissioned,
  freshCode,
  onboarded,
  operatorEvent,
  registered,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const CERTIFICATE = {
  product: '菜心',
  quantity: { amount: 500, unit: 'kg' as const },
  origin: '广州市番禺区石楼镇',
  issuedAt: '2026-11-28',
  issuer: '番禺绿野蔬菜有限公司',
  contact: '020-12345678',
};

const commission = (overrides: Partial<CommissionLot> = {}): CommissionLot => ({
  type: 'lot.commission',
  code: freshCode(1, PANYU),
  product: CABBAGE,
  quantity: { amount: 500, unit: 'kg' },
  producedAt: '2026-11-28',
  origin: ORIGIN,
  ...overrides,
});

describe('lot.commission', () => {
  it('commissions a production lot with its certificate and claimed certifications', () => {
    const command = commission({ certificate: CERTIFICATE, claims: [GREEN.number] });
    const then = given(onboarded(FARM), certified(FARM)).when(command, as(FARM));
    const { type: _type, claims: _claims, ...lot } = command;
    then.thenEmits([
      {
        type: 'lot.commissioned',
        tags: [lotTag(command.code)],
        data: { ...lot, operatorId: FARM.id, claims: [{ type: 'green', number: GREEN.number, confirmed: false }] },
      },
    ]);
    expect(then.thenState(lotTag(command.code))).toEqual({
      entity: 'lot',
      code: command.code,
      kind: 1,
      region: PANYU,
      status: 'open',
      madeBy: 'commission',
      product: CABBAGE,
      unit: 'kg',
      quantity: 500,
      available: 500,
      held: 0,
      shipped: 0,
      sold: 0,
      processed: 0,
      issuer: FARM.id,
      holder: FARM.id,
      parents: [],
      childLog: [],
      childCount: 0,
      origin: ORIGIN,
      producedAt: '2026-11-28',
      certificate: CERTIFICATE,
      claims: [{ type: 'green', number: GREEN.number, confirmed: false }],
      records: 0,
      createdAt: NOW,
    });
  });

  it('refuses anyone but an operator', () => {
    given(onboarded(FARM)).when(commission(), PUBLIC).thenRejects('Forbidden');
    given(onboarded(FARM)).when(commission(), GZ_INSPECTOR).thenRejects('Forbidden');
  });

  it('refuses an operator that is unknown, not approved, suspended or withdrawn', () => {
    given().when(commission(), as(FARM)).thenRejects('UnknownOperator');
    given(registered(FARM)).when(commission(), as(FARM)).thenRejects('OperatorNotApproved');
    given(registered(FARM), operatorEvent('operator.rejected', FARM)).when(commission(), as(FARM)).thenRejects('OperatorNotApproved');
    given(onboarded(FARM), operatorEvent('operator.suspended', FARM)).when(commission(), as(FARM)).thenRejects('OperatorSuspended');
    given(onboarded(FARM), operatorEvent('operator.withdrawn', FARM)).when(commission(), as(FARM)).thenRejects('OperatorWithdrawn');
  });

  it('refuses an operator that is not a producer', () =>
    given(onboarded(WHOLESALER))
      .when(commission({ code: freshCode(1, TIANHE) }), as(WHOLESALER))
      .thenRejects('NotProducer'));

  it('refuses a code that is not a fresh kind-1 code of the operator region', () => {
    given(onboarded(FARM))
      .when(commission({ code: freshCode(2, PANYU) }), as(FARM))
      .thenRejects('WrongCodeKind', 'code');
    given(onboarded(FARM))
      .when(commission({ code: freshCode(1, TIANHE) }), as(FARM))
      .thenRejects('CodeRegionMismatch', 'code');
    const taken = freshCode(1, PANYU);
    given(onboarded(FARM), commissioned(taken, 10))
      .when(commission({ code: taken }), as(FARM))
      .thenRejects('CodeExists', 'code');
  });

  it('refuses a malformed trace code (the edge normalises formatting)', () => {
    const code = freshCode(1, PANYU);
    const corrupted = `${code.slice(0, 19)}${(Number(code.charAt(19)) + 1) % 10}`;
    given(onboarded(FARM))
      .when(commission({ code: corrupted }), as(FARM))
      .thenRejects('InvalidTraceCode', 'code');
    given(onboarded(FARM))
      .when(commission({ code: formatTraceCode(code) }), as(FARM))
      .thenRejects('InvalidTraceCode', 'code');
  });

  it('refuses a production date after now', () =>
    given(onboarded(FARM))
      .when(commission({ producedAt: '2026-11-30' }), as(FARM))
      .thenRejects('FutureDate', 'producedAt'));

  it('refuses a certificate that does not state the lot quantity, or is issued later', () => {
    given(onboarded(FARM))
      .when(commission({ certificate: { ...CERTIFICATE, quantity: { amount: 400, unit: 'kg' } } }), as(FARM))
      .thenRejects('CertificateMismatch', 'certificate.quantity');
    given(onboarded(FARM))
      .when(commission({ certificate: { ...CERTIFICATE, quantity: { amount: 500, unit: 'jin' } } }), as(FARM))
      .thenRejects('CertificateMismatch', 'certificate.quantity');
    given(onboarded(FARM))
      .when(commission({ certificate: { ...CERTIFICATE, issuedAt: '2026-12-01' } }), as(FARM))
      .thenRejects('FutureDate', 'certificate.issuedAt');
  });

  it('refuses a claim to a certification the operator does not hold', () =>
    given(onboarded(FARM), certified(FARM))
      .when(commission({ claims: [GREEN.number, 'LB-00-0000000000'] }), as(FARM))
      .thenRejects('UnknownCertification', 'claims.1'));

  it('refuses a claim to an expired certification', () =>
    given(onboarded(FARM), certified(FARM, { ...GREEN, validTo: '2026-11-28' }))
      .when(commission({ claims: [GREEN.number] }), as(FARM))
      .thenRejects('CertificationExpired', 'claims.0'));

  it('accepts a claim on the last day of validity (China time)', () =>
    given(onboarded(FARM), certified(FARM, { ...GREEN, validTo: '2026-11-29' }))
      .when(commission({ claims: [GREEN.number] }), as(FARM), '2026-11-29T15:59:59.999Z')
      .thenAccepts());

  it('refuses a claim to a certification not valid yet', () =>
    given(onboarded(FARM), certified(FARM, { ...GREEN, validFrom: '2027-01-01' }))
      .when(commission({ claims: [GREEN.number] }), as(FARM))
      .thenRejects('CertificationNotYetValid', 'claims.0'));

  it('refuses amounts that are not positive or have more than three decimals', () => {
    for (const amount of [0, -1, 1.2345, 0.1 + 0.2, Number.POSITIVE_INFINITY, 2e12]) {
      given(onboarded(FARM))
        .when(commission({ quantity: { amount, unit: 'kg' } }), as(FARM))
        .thenRejects(amount === Number.POSITIVE_INFINITY ? 'InvalidCommand' : 'InvalidQuantity', 'quantity.amount');
    }
  });

  it('refuses an unknown origin region and an unknown unit', () => {
    given(onboarded(FARM))
      .when(commission({ origin: { region: '440199' } }), as(FARM))
      .thenRejects('UnknownRegion', 'origin.region');
    given(onboarded(FARM))
      .when(commission({ quantity: { amount: 1, unit: 'pound' as 'kg' } }), as(FARM))
      .thenRejects('InvalidCommand', 'quantity.unit');
  });
});

describe('claims of self-declared certifications', () => {
  it('may claim a self-declared certification, and the claim says it is unconfirmed (自我声明)', () => {
    const command = commission({ claims: [GREEN.number] });
    const lot = given(onboarded(FARM), certified(FARM)).when(command, as(FARM)).thenState(lotTag(command.code));
    expect(lot).toMatchObject({ claims: [{ type: 'green', number: GREEN.number, confirmed: false }] });
  });

  it('claims a confirmed certification as confirmed', () => {
    const command = commission({ claims: [GREEN.number] });
    for (const history of [
      [...onboarded(FARM), certified(FARM), certificationConfirmed(FARM)],
      [...onboarded(FARM), certified(FARM, GREEN, GD_REVIEWER)],
    ]) {
      const lot = given(history).when(command, as(FARM)).thenState(lotTag(command.code));
      expect(lot).toMatchObject({ claims: [{ type: 'green', number: GREEN.number, confirmed: true }] });
    }
  });
});

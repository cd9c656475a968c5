/** The certificate's basis (承诺依据): recorded on commissioning and on a re-issue after mixing or processing; optional. */
import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_BASES,
  CertificateSchema,
  CommissionLotSchema,
  lotTag,
  type Certificate,
  type CommissionLot,
  type ProcessLots,
} from '../../../src/domain/index.js';
import { CABBAGE, EARLIER, FARM, ORIGIN, PANYU, as, commissioned, freshCode, onboarded } from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const certificate = (amount: number, basis?: Certificate['basis']): Certificate => ({
  product: '菜心',
  quantity: { amount, unit: 'kg' },
  origin: '广州市番禺区石楼镇',
  issuedAt: '2026-11-28',
  issuer: '番禺绿野蔬菜有限公司',
  contact: '020-12345678',
  ...(basis ? { basis } : {}),
});

const commission = (cert: Certificate): CommissionLot => ({
  type: 'lot.commission',
  code: freshCode(1, PANYU),
  product: CABBAGE,
  quantity: { amount: 500, unit: 'kg' },
  producedAt: '2026-11-28',
  origin: ORIGIN,
  certificate: cert,
});

describe('certificate basis', () => {
  it('given an approved producer, when it commissions a lot with a self-tested certificate, then the lot keeps the basis', () => {
    const command = commission(certificate(500, 'self-test'));
    const then = given(onboarded(FARM)).when(command, as(FARM));
    expect(then.thenState(lotTag(command.code))).toMatchObject({ certificate: { basis: 'self-test' } });
  });

  it('given a certificate without a basis (recorded before the field), when commissioned, then the lot has none', () => {
    const command = commission(certificate(500));
    const state = given(onboarded(FARM)).when(command, as(FARM)).thenState(lotTag(command.code));
    expect(state).toMatchObject({ certificate: certificate(500) });
    expect(state).not.toHaveProperty('certificate.basis');
  });

  it('given lots to mix, when the processor re-issues the certificate with a commissioned test, then the output carries it', () => {
    const a = freshCode(1, PANYU);
    const output = {
      code: freshCode(2, PANYU),
      product: { name: '净菜心', category: 'vegetable' as const },
      quantity: { amount: 50, unit: 'kg' as const },
    };
    const reissued = { ...certificate(50, 'commissioned-test'), issuedAt: EARLIER };
    const command: ProcessLots = {
      type: 'lot.process',
      mode: 'process',
      inputs: [{ code: a, quantity: { amount: 60, unit: 'kg' } }],
      outputs: [{ ...output, certificate: reissued }],
    };
    const then = given(onboarded(FARM), commissioned(a, 60)).when(command, as(FARM));
    expect(then.thenState(lotTag(output.code))).toMatchObject({ certificate: { basis: 'commissioned-test' } });
  });

  it('accepts exactly the three bases of the template and refuses any other', () => {
    for (const basis of CERTIFICATE_BASES) expect(CertificateSchema.safeParse(certificate(1, basis)).success).toBe(true);
    expect(CertificateSchema.safeParse({ ...certificate(1), basis: 'hearsay' }).success).toBe(false);
    expect(CommissionLotSchema.safeParse(commission(certificate(500, 'quality-control'))).success).toBe(true);
  });
});

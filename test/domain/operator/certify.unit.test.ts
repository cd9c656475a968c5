import { describe, expect, it } from 'vitest';
import { operatorTag, type Certification, type CertifyOperator, type OperatorState } from '../../../src/domain/index.js';
import {
  ADMIN,
  FARM,
  GD_REVIEWER,
  GREEN,
  GZ_INSPECTOR,
  HN_REVIEWER,
  PUBLIC,
  WHOLESALER,
  as,
  certificationConfirmed,
  certified,
  onboarded,
  operatorEvent,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const certify = (certification: Certification = GREEN): CertifyOperator => ({
  type: 'operator.certify',
  operatorId: FARM.id,
  certification,
});

describe('operator.certify', () => {
  it('records a certification uploaded by the operator itself', () =>
    given(onboarded(FARM))
      .when(certify(), as(FARM))
      .thenEmits([
        {
          type: 'operator.certified',
          tags: [operatorTag(FARM.id)],
          data: { operatorId: FARM.id, certification: GREEN, declaredBy: 'operator' },
        },
      ]));

  it('records one entered by a reviewer of its region, and a renewal replaces the old entry', () => {
    const renewed = { ...GREEN, validTo: '2029-12-31' };
    const organic: Certification = { ...GREEN, type: 'organic', number: 'ORG-2026-1' };
    const state = given(onboarded(FARM), certified(FARM), certified(FARM, organic))
      .when(certify(renewed), GD_REVIEWER)
      .thenState(operatorTag(FARM.id)) as OperatorState;
    expect(state.certifications).toEqual([
      { ...organic, declaredBy: 'operator', confirmed: false },
      { ...renewed, declaredBy: 'reviewer', confirmed: true },
    ]);
  });

  it('refuses to record a certification exactly as it is recorded already', () =>
    given(onboarded(FARM), certified(FARM)).when(certify(), as(FARM)).thenRejects('CertificationExists', 'certification'));

  it('shows one the operator records as self-declared, and one a reviewer or admin records as confirmed', () => {
    const declared = given(onboarded(FARM)).when(certify(), as(FARM)).thenState(operatorTag(FARM.id)) as OperatorState;
    expect(declared.certifications).toEqual([{ ...GREEN, declaredBy: 'operator', confirmed: false }]);
    for (const reviewer of [GD_REVIEWER, ADMIN]) {
      const then = given(onboarded(FARM)).when(certify(), reviewer);
      then.thenEmits([
        {
          type: 'operator.certified',
          tags: [operatorTag(FARM.id)],
          data: { operatorId: FARM.id, certification: GREEN, declaredBy: 'reviewer' },
        },
      ]);
      expect((then.thenState(operatorTag(FARM.id)) as OperatorState).certifications).toEqual([
        { ...GREEN, declaredBy: 'reviewer', confirmed: true },
      ]);
    }
  });

  it("makes the operator's renewal of a confirmed certification self-declared again", () => {
    const renewed = { ...GREEN, validTo: '2029-12-31' };
    const state = given(onboarded(FARM), certified(FARM), certificationConfirmed(FARM))
      .when(certify(renewed), as(FARM))
      .thenState(operatorTag(FARM.id)) as OperatorState;
    expect(state.certifications).toEqual([{ ...renewed, declaredBy: 'operator', confirmed: false }]);
  });

  it('lets a reviewer record exactly what the operator declared, which confirms it, but not once it is confirmed', () => {
    const state = given(onboarded(FARM), certified(FARM)).when(certify(), GD_REVIEWER).thenState(operatorTag(FARM.id)) as OperatorState;
    expect(state.certifications).toEqual([{ ...GREEN, declaredBy: 'reviewer', confirmed: true }]);
    given(onboarded(FARM), certified(FARM), certificationConfirmed(FARM))
      .when(certify(), GD_REVIEWER)
      .thenRejects('CertificationExists', 'certification');
    given(onboarded(FARM), certified(FARM, GREEN, GD_REVIEWER))
      .when(certify(), as(FARM))
      .thenRejects('CertificationExists', 'certification');
  });

  it('refuses the public, another operator and other authorities', () => {
    given(onboarded(FARM)).when(certify(), PUBLIC).thenRejects('Forbidden');
    given(onboarded(FARM)).when(certify(), as(WHOLESALER)).thenRejects('Forbidden', 'operatorId');
    given(onboarded(FARM)).when(certify(), GZ_INSPECTOR).thenRejects('Forbidden');
  });

  it('refuses a reviewer of another region', () =>
    given(onboarded(FARM)).when(certify(), HN_REVIEWER).thenRejects('OutOfRegion', 'operatorId'));

  it('refuses an unknown operator', () => given().when(certify(), as(FARM)).thenRejects('UnknownOperator', 'operatorId'));

  it('refuses a withdrawn operator', () =>
    given(onboarded(FARM), operatorEvent('operator.withdrawn', FARM))
      .when(certify(), as(FARM))
      .thenRejects('OperatorWithdrawn', 'operatorId'));

  it('refuses a validity that does not end after it starts', () => {
    given(onboarded(FARM))
      .when(certify({ ...GREEN, validFrom: '2026-01-01', validTo: '2025-12-31' }), as(FARM))
      .thenRejects('InvalidValidity', 'certification.validTo');
    given(onboarded(FARM))
      .when(certify({ ...GREEN, validFrom: '2026-01-01T08:00:00+08:00', validTo: '2026-01-01T00:00:00Z' }), as(FARM))
      .thenRejects('InvalidValidity', 'certification.validTo');
  });

  it('accepts a certification valid for a single day', () =>
    given(onboarded(FARM))
      .when(certify({ ...GREEN, validFrom: '2026-01-01', validTo: '2026-01-01' }), as(FARM))
      .thenAccepts());

  it('refuses a certification of an unknown type', () =>
    given(onboarded(FARM))
      .when(certify({ ...GREEN, type: 'halal' as Certification['type'] }), as(FARM))
      .thenRejects('InvalidCommand', 'certification.type'));
});

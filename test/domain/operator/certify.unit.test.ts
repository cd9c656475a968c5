import { describe, expect, it } from 'vitest';
import { operatorTag, type Certification, type CertifyOperator, type OperatorState } from '../../../src/domain/index.js';
import {
  FARM,
  GD_REVIEWER,
  GREEN,
  GZ_INSPECTOR,
  HN_REVIEWER,
  PUBLIC,
  WHOLESALER,
  as,
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
          data: { operatorId: FARM.id, certification: GREEN },
        },
      ]));

  it('records one entered by a reviewer of its region, and a renewal replaces the old entry', () => {
    const renewed = { ...GREEN, validTo: '2029-12-31' };
    const organic: Certification = { ...GREEN, type: 'organic', number: 'ORG-2026-1' };
    const state = given(onboarded(FARM), certified(FARM), certified(FARM, organic))
      .when(certify(renewed), GD_REVIEWER)
      .thenState(operatorTag(FARM.id)) as OperatorState;
    expect(state.certifications).toEqual([organic, renewed]);
  });

  it('refuses to record a certification exactly as it is recorded already', () =>
    given(onboarded(FARM), certified(FARM)).when(certify(), as(FARM)).thenRejects('CertificationExists', 'certification'));

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

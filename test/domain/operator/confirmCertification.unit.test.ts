import { describe, expect, it } from 'vitest';
import { operatorTag, type Certification, type ConfirmCertification, type OperatorState } from '../../../src/domain/index.js';
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

const ORGANIC: Certification = { ...GREEN, type: 'organic', number: 'ORG-2026-1' };

const confirm = ({ type, number }: Pick<Certification, 'type' | 'number'> = GREEN): ConfirmCertification => ({
  type: 'operator.confirmCertification',
  operatorId: FARM.id,
  certification: { type, number },
});

describe('operator.confirmCertification', () => {
  it('lets a reviewer of the region confirm a self-declared certification', () => {
    const then = given(onboarded(FARM), certified(FARM), certified(FARM, ORGANIC)).when(confirm(), GD_REVIEWER);
    then.thenEmits([
      {
        type: 'operator.certificationConfirmed',
        tags: [operatorTag(FARM.id)],
        data: { operatorId: FARM.id, certification: { type: 'green', number: GREEN.number } },
      },
    ]);
    expect((then.thenState(operatorTag(FARM.id)) as OperatorState).certifications).toEqual([
      { ...GREEN, declaredBy: 'operator', confirmed: true },
      { ...ORGANIC, declaredBy: 'operator', confirmed: false },
    ]);
  });

  it('lets a national admin confirm', () => given(onboarded(FARM), certified(FARM)).when(confirm(), ADMIN).thenAccepts());

  it('refuses the operator itself, other operators, the public and other authorities', () => {
    const history = [...onboarded(FARM), certified(FARM)];
    given(history).when(confirm(), as(FARM)).thenRejects('Forbidden');
    given(history).when(confirm(), { kind: 'operator', operatorId: FARM.id, principal: 'farm-key' }).thenRejects('Forbidden');
    given(history).when(confirm(), as(WHOLESALER)).thenRejects('Forbidden');
    given(history).when(confirm(), PUBLIC).thenRejects('Forbidden');
    given(history).when(confirm(), GZ_INSPECTOR).thenRejects('Forbidden');
  });

  it('refuses a reviewer of another region', () =>
    given(onboarded(FARM), certified(FARM)).when(confirm(), HN_REVIEWER).thenRejects('OutOfRegion', 'operatorId'));

  it('refuses an unknown operator or certification', () => {
    given().when(confirm(), GD_REVIEWER).thenRejects('UnknownOperator', 'operatorId');
    given(onboarded(FARM)).when(confirm(), GD_REVIEWER).thenRejects('UnknownCertification', 'certification');
    given(onboarded(FARM), certified(FARM))
      .when(confirm({ type: 'organic', number: GREEN.number }), GD_REVIEWER)
      .thenRejects('UnknownCertification', 'certification');
  });

  it('refuses a certification confirmed already, or recorded by a reviewer', () => {
    given(onboarded(FARM), certified(FARM), certificationConfirmed(FARM))
      .when(confirm(), GD_REVIEWER)
      .thenRejects('AlreadyConfirmed', 'certification');
    given(onboarded(FARM), certified(FARM, GREEN, GD_REVIEWER))
      .when(confirm(), ADMIN)
      .thenRejects('AlreadyConfirmed', 'certification');
  });

  it('refuses a withdrawn operator', () =>
    given(onboarded(FARM), certified(FARM), operatorEvent('operator.withdrawn', FARM))
      .when(confirm(), GD_REVIEWER)
      .thenRejects('OperatorWithdrawn', 'operatorId'));
});

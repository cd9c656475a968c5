import { describe, expect, it } from 'vitest';
import { operatorTag, type OperatorState, type RegisterOperator } from '../../../src/domain/index.js';
import {
  ADMIN,
  CITIZEN_ID,
  DIGEST,
  FARM,
  GD_REVIEWER,
  GZ_INSPECTOR,
  HN_REVIEWER,
  PUBLIC,
  STALL,
  as,
  operatorEvent,
  registered,
  uscc,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const filing = {
  name: FARM.name,
  roles: ['producer', 'trader'],
  region: FARM.region,
  address: '广州市番禺区石楼镇',
  contact: { name: '李四', phone: '020-12345678' },
} as const;

const enterprise = (overrides: Partial<RegisterOperator> = {}): RegisterOperator => ({
  type: 'operator.register',
  operatorId: FARM.id,
  kind: 'enterprise',
  ...filing,
  roles: [...filing.roles],
  uscc: FARM.id,
  ...overrides,
});

const person = (overrides: Partial<RegisterOperator> = {}): RegisterOperator => ({
  type: 'operator.register',
  operatorId: STALL.id,
  kind: 'individual',
  ...filing,
  roles: ['trader'],
  citizenId: CITIZEN_ID,
  citizenIdDigest: DIGEST,
  ...overrides,
});

describe('operator.register', () => {
  it('registers an enterprise under its USCC, pending review', () => {
    const { type: _type, ...data } = enterprise();
    given()
      .when(enterprise(), PUBLIC)
      .thenEmits([{ type: 'operator.registered', tags: [operatorTag(FARM.id)], data }]);
  });

  it("keeps only the digest of an individual's citizen ID", () => {
    const then = given().when(person(), PUBLIC);
    const { type: _type, citizenId: _citizenId, ...data } = person();
    then.thenEmits([{ type: 'operator.registered', tags: [operatorTag(STALL.id)], data }]);
    expect(JSON.stringify(then.decision)).not.toContain(CITIZEN_ID);
    expect(then.thenState(operatorTag(STALL.id))).toMatchObject({ status: 'pending', citizenIdDigest: DIGEST });
  });

  it('identifies a family farm by its USCC when it has one, else by a citizen ID', () => {
    const farmUscc = uscc('92440113', 'MA5EARM1');
    const organised = given()
      .when(enterprise({ kind: 'family-farm', operatorId: farmUscc, uscc: farmUscc }), PUBLIC)
      .thenState(operatorTag(farmUscc));
    expect(organised).toMatchObject({ kind: 'family-farm', uscc: farmUscc });
    const state = given()
      .when(person({ kind: 'family-farm', operatorId: 'farm-7' }), PUBLIC)
      .thenState(operatorTag('farm-7'));
    expect(state).toMatchObject({ kind: 'family-farm', citizenIdDigest: DIGEST });
  });

  it('lets an operator file for itself and a reviewer of its region file for it', () => {
    given().when(enterprise(), as(FARM)).thenAccepts();
    given().when(enterprise(), GD_REVIEWER).thenAccepts();
    given().when(enterprise(), ADMIN).thenAccepts();
  });

  it('lets a rejected operator file again, keeping its history', () => {
    const state = given(registered(FARM), operatorEvent('operator.rejected', FARM, 'address missing'))
      .when(enterprise({ address: '广州市番禺区石楼镇1号' }), as(FARM))
      .thenState(operatorTag(FARM.id)) as OperatorState;
    expect(state.status).toBe('pending');
    expect(state.address).toBe('广州市番禺区石楼镇1号');
    expect(state.history.map((entry) => entry.action)).toEqual(['registered', 'rejected', 'registered']);
  });

  it('refuses an operator filing for another', () => given().when(enterprise(), as(STALL)).thenRejects('Forbidden', 'operatorId'));

  it('refuses authorities other than reviewers and admins', () => given().when(enterprise(), GZ_INSPECTOR).thenRejects('Forbidden'));

  it("refuses a reviewer outside the operator's region", () =>
    given().when(enterprise(), HN_REVIEWER).thenRejects('OutOfRegion', 'region'));

  it('refuses an enterprise or cooperative without a USCC', () => {
    given()
      .when(enterprise({ uscc: undefined }), PUBLIC)
      .thenRejects('IdentityRequired', 'uscc');
    given()
      .when(enterprise({ kind: 'cooperative', uscc: undefined }), PUBLIC)
      .thenRejects('IdentityRequired', 'uscc');
  });

  it('refuses a person without a citizen ID or without its digest', () => {
    given()
      .when(person({ citizenId: undefined }), PUBLIC)
      .thenRejects('IdentityRequired', 'citizenId');
    given()
      .when(person({ citizenIdDigest: undefined }), PUBLIC)
      .thenRejects('IdentityRequired', 'citizenIdDigest');
    given()
      .when(person({ kind: 'family-farm', citizenId: undefined }), PUBLIC)
      .thenRejects('IdentityRequired', 'citizenId');
  });

  it('refuses an organisation whose operator id is not its USCC', () =>
    given()
      .when(enterprise({ operatorId: 'acme' }), PUBLIC)
      .thenRejects('OperatorIdMismatch', 'operatorId'));

  it('refuses an operator that is already registered', () => {
    given(registered(FARM)).when(enterprise(), PUBLIC).thenRejects('OperatorExists', 'operatorId');
    given(registered(FARM), operatorEvent('operator.approved', FARM))
      .when(enterprise(), as(FARM))
      .thenRejects('OperatorExists', 'operatorId');
  });

  it('refuses invalid identifiers with their own codes', () => {
    given()
      .when(enterprise({ uscc: '91350100M000100Y44' }), PUBLIC)
      .thenRejects('InvalidUscc', 'uscc');
    given()
      .when(person({ citizenId: '110105194912310021' }), PUBLIC)
      .thenRejects('InvalidCitizenId', 'citizenId');
    given()
      .when(enterprise({ region: '440199' }), PUBLIC)
      .thenRejects('UnknownRegion', 'region');
  });

  it('refuses a filing that does not match the schema', () => {
    given()
      .when(enterprise({ roles: ['trader', 'trader'] }), PUBLIC)
      .thenRejects('InvalidCommand', 'roles');
    given()
      .when(enterprise({ roles: [] }), PUBLIC)
      .thenRejects('InvalidCommand', 'roles');
    given()
      .when(person({ citizenIdDigest: 'not-a-digest' }), PUBLIC)
      .thenRejects('InvalidCommand', 'citizenIdDigest');
  });
});

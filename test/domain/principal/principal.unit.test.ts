import { describe, expect, it } from 'vitest';
import {
  BOOTSTRAP_ADMIN_ID,
  PRINCIPALS_TAG,
  REJECTIONS,
  principalTag,
  type AuthorityActor,
  type CreatePrincipal,
  type RevokePrincipal,
} from '../../../src/domain/index.js';
import { ADMIN, FARM, GD_REVIEWER, as, authority, registered, stamp } from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const DIGEST = 'cd'.repeat(32);
const GD_ADMIN = authority('admin', '44');

const create = (fields: Partial<CreatePrincipal> = {}): CreatePrincipal => ({
  type: 'principal.create',
  id: 'pr-reviewer-gz',
  name: '广州市农业农村局审核员',
  role: 'reviewer',
  region: '4401',
  keyDigest: DIGEST,
  ...fields,
});
const revoke = (id = 'pr-reviewer-gz'): RevokePrincipal => ({ type: 'principal.revoke', id, reason: '离职' });
const created = (fields: Partial<CreatePrincipal> = {}) => {
  const { type: _type, ...data } = create(fields);
  return stamp({ type: 'principal.created', tags: [principalTag(data.id), PRINCIPALS_TAG], data }, ADMIN);
};

describe('principal.create', () => {
  it('lets an admin create a regional principal, keeping only the key digest', () => {
    const { type: _type, ...data } = create();
    const then = given().when(create(), ADMIN);
    then.thenEmits([{ type: 'principal.created', tags: [principalTag(data.id), PRINCIPALS_TAG], data }]);
    expect(then.thenState(principalTag(data.id))).toMatchObject({
      entity: 'principal',
      role: 'reviewer',
      region: '4401',
      keyDigest: DIGEST,
      status: 'active',
      createdBy: 'authority:admin-all',
    });
  });

  it('creates an operator principal for a registered operator', () =>
    given(registered(FARM))
      .when(create({ id: 'pr-farm', role: 'operator', region: undefined, operatorId: FARM.id }), GD_ADMIN)
      .thenAccepts());

  it("lets a reviewer issue an operator's principal in its region only (device activation)", () => {
    const operatorPrincipal = create({ id: 'pr-farm-device', role: 'operator', region: undefined, operatorId: FARM.id });
    given(registered(FARM)).when(operatorPrincipal, GD_REVIEWER).thenAccepts();
    given(registered(FARM)).when(operatorPrincipal, authority('reviewer', '43')).thenRejects('OutOfRegion', 'operatorId');
  });

  it("refuses anyone but an admin (a reviewer: any principal but an operator's)", () => {
    given().when(create(), GD_REVIEWER).thenRejects('Forbidden');
    given(registered(FARM)).when(create(), as(FARM)).thenRejects('Forbidden');
    given().when(create(), { kind: 'public' }).thenRejects('Forbidden');
  });

  it('refuses a principal outside the admin region, and nationwide ones from a regional admin', () => {
    given()
      .when(create({ region: '43' }), GD_ADMIN)
      .thenRejects('OutOfRegion', 'region');
    given()
      .when(create({ role: 'auditor', region: undefined }), GD_ADMIN)
      .thenRejects('NationwideLogPrincipal', 'region');
    given()
      .when(create({ role: 'admin', region: undefined }), GD_ADMIN)
      .thenRejects('OutOfRegion', 'region');
    given()
      .when(create({ role: 'admin', region: '4401' }), GD_ADMIN)
      .thenAccepts();
  });

  it('refuses a scope that does not fit the role', () => {
    given()
      .when(create({ region: undefined }), ADMIN)
      .thenRejects('InvalidScope', 'region');
    given()
      .when(create({ role: 'operator', region: '44', operatorId: FARM.id }), ADMIN)
      .thenRejects('InvalidScope', 'region');
    given()
      .when(create({ role: 'operator', region: undefined }), ADMIN)
      .thenRejects('InvalidScope', 'operatorId');
    given()
      .when(create({ operatorId: FARM.id }), ADMIN)
      .thenRejects('InvalidScope', 'operatorId');
  });

  it('refuses an unknown region or operator', () => {
    given()
      .when(create({ region: '99' }), ADMIN)
      .thenRejects('UnknownRegion', 'region');
    given()
      .when(create({ region: '440199' }), ADMIN)
      .thenRejects('UnknownRegion', 'region');
    given()
      .when(create({ role: 'operator', region: undefined, operatorId: FARM.id }), ADMIN)
      .thenRejects('UnknownOperator', 'operatorId');
  });

  it('refuses an id that exists, and malformed fields', () => {
    given(created()).when(create(), ADMIN).thenRejects('PrincipalExists', 'id');
    given()
      .when(create({ keyDigest: 'not-a-digest' }), ADMIN)
      .thenRejects('InvalidCommand', 'keyDigest');
    given()
      .when(create({ region: '441' }), ADMIN)
      .thenRejects('InvalidCommand', 'region');
    given()
      .when(create({ role: 'king' as 'admin' }), ADMIN)
      .thenRejects('InvalidCommand', 'role');
  });
});

describe('principal.create of a log principal (auditor, subscriber)', () => {
  const BOOTSTRAP: AuthorityActor = { kind: 'authority', role: 'admin', region: '', id: BOOTSTRAP_ADMIN_ID };
  const GZ_ADMIN = authority('admin', '4401');
  const subscriber = (region: string | undefined) => create({ id: 'pr-sub', role: 'subscriber', region });

  it('lets the bootstrap admin create a nationwide subscriber or auditor', () => {
    given().when(subscriber(undefined), BOOTSTRAP).thenAccepts();
    given().when(subscriber(''), BOOTSTRAP).thenAccepts();
    given()
      .when(create({ id: 'pr-audit', role: 'auditor', region: undefined }), BOOTSTRAP)
      .thenAccepts();
  });

  it('refuses a nationwide one from any other admin, nationwide or regional', () => {
    given().when(subscriber(undefined), ADMIN).thenRejects('NationwideLogPrincipal', 'region');
    given().when(subscriber(''), GD_ADMIN).thenRejects('NationwideLogPrincipal', 'region');
    given()
      .when(create({ id: 'pr-audit', role: 'auditor', region: undefined }), GZ_ADMIN)
      .thenRejects('NationwideLogPrincipal', 'region');
  });

  it('lets a regional admin create one scoped within its region, and keeps the region', () => {
    const then = given().when(subscriber('4401'), GD_ADMIN);
    then.thenAccepts();
    expect(then.thenState(principalTag('pr-sub'))).toMatchObject({ role: 'subscriber', region: '4401' });
    given().when(subscriber('4401'), GZ_ADMIN).thenAccepts();
    given()
      .when(create({ id: 'pr-audit', role: 'auditor', region: '44' }), ADMIN)
      .thenAccepts();
  });

  it('refuses one scoped outside the admin region, or to an unknown region', () => {
    given().when(subscriber('43'), GD_ADMIN).thenRejects('OutOfRegion', 'region');
    given().when(subscriber('44'), GZ_ADMIN).thenRejects('OutOfRegion', 'region');
    given().when(subscriber('99'), BOOTSTRAP).thenRejects('UnknownRegion', 'region');
  });

  it('is refused as forbidden, an HTTP 403', () => expect(REJECTIONS.NationwideLogPrincipal.kind).toBe('forbidden'));
});

describe('built-in principal ids', () => {
  it('refuses the id of the bootstrap admin and of the other built-in callers, in any letter case', () => {
    for (const id of ['admin', 'public', 'system', 'anonymous', 'root', 'Admin', 'ROOT', 'Public', 'sYsTeM', 'ANONYMOUS']) {
      given().when(create({ id }), ADMIN).thenRejects('ReservedPrincipalId', 'id');
    }
  });

  it('accepts ids that only contain a built-in name', () => {
    for (const id of ['admin-gz', 'root.1', 'publicity', 'system_44']) given().when(create({ id }), ADMIN).thenAccepts();
  });

  it('refuses a reserved id whatever its role', () =>
    given()
      .when(create({ id: 'Admin', role: 'admin', region: undefined }), ADMIN)
      .thenRejects('ReservedPrincipalId', 'id'));

  it('is refused by the id itself, not by the ledger state: an invalid command', () =>
    expect(REJECTIONS.ReservedPrincipalId.kind).toBe('invalid'));
});

describe('principal.revoke', () => {
  it('revokes an active principal', () => {
    const then = given(created()).when(revoke(), GD_ADMIN);
    then.thenEmits([
      { type: 'principal.revoked', tags: [principalTag('pr-reviewer-gz'), PRINCIPALS_TAG], data: { id: 'pr-reviewer-gz', reason: '离职' } },
    ]);
    expect(then.thenState(principalTag('pr-reviewer-gz'))).toMatchObject({ status: 'revoked', reason: '离职' });
  });

  it('refuses an unknown or revoked principal, a non-admin, and one outside the region', () => {
    given().when(revoke(), ADMIN).thenRejects('UnknownPrincipal', 'id');
    const revoked = stamp(
      { type: 'principal.revoked', tags: [principalTag('pr-reviewer-gz'), PRINCIPALS_TAG], data: { id: 'pr-reviewer-gz', reason: 'x' } },
      ADMIN,
    );
    given(created(), revoked).when(revoke(), ADMIN).thenRejects('PrincipalRevoked', 'id');
    given(created()).when(revoke(), GD_REVIEWER).thenRejects('Forbidden');
    given(created({ region: '43' }))
      .when(revoke(), GD_ADMIN)
      .thenRejects('OutOfRegion', 'id');
  });
});

import { describe, expect, it } from 'vitest';
import {
  foldEvents,
  operatorTag,
  type DomainEvent,
  type EventOf,
  type OperatorState,
  type RegisterOperator,
} from '../../../src/domain/index.js';
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
  contact: { ref: 'pd_AAAAAAAAAAAAAAAAAAAAAA', commitment: 'a'.repeat(64) },
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

const KEY = 'ef'.repeat(32);
const OTHER_KEY = '12'.repeat(32);
const rejected = (filing: Parameters<typeof registered>[1] = {}) => [
  registered(FARM, filing),
  operatorEvent('operator.rejected', FARM, 'address missing'),
];

describe('operator.register', () => {
  it('registers an enterprise under its USCC, pending review', () => {
    const { type: _type, ...filed } = enterprise();
    given()
      .when(enterprise(), PUBLIC)
      .thenEmits([{ type: 'operator.registered', tags: [operatorTag(FARM.id)], data: { ...filed, registrant: 'public' } }]);
  });

  it("keeps only the digest of an individual's citizen ID", () => {
    const then = given().when(person(), PUBLIC);
    const { type: _type, citizenId: _citizenId, ...filed } = person();
    then.thenEmits([{ type: 'operator.registered', tags: [operatorTag(STALL.id)], data: { ...filed, registrant: 'public' } }]);
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

describe('who filed a registration', () => {
  it('records a public registrant and the digest of its secret, never the secret', () => {
    const then = given().when(enterprise({ registrantKeyDigest: KEY }), PUBLIC);
    const { type: _type, ...filed } = enterprise({ registrantKeyDigest: KEY });
    then.thenEmits([{ type: 'operator.registered', tags: [operatorTag(FARM.id)], data: { ...filed, registrant: 'public' } }]);
    expect(then.thenState(operatorTag(FARM.id))).toMatchObject({ registrant: 'public', registrantKeyDigest: KEY });
  });

  it('records an operator key or an authority as registrant, without a key digest', () => {
    const key = { kind: 'operator', operatorId: FARM.id, principal: 'farm-key' } as const;
    const byKey = given()
      .when(enterprise({ registrantKeyDigest: KEY }), key)
      .thenState(operatorTag(FARM.id)) as OperatorState;
    expect(byKey.registrant).toBe(`op:${FARM.id}/farm-key`);
    expect(byKey).not.toHaveProperty('registrantKeyDigest');
    const byReviewer = given().when(enterprise(), GD_REVIEWER).thenState(operatorTag(FARM.id)) as OperatorState;
    expect(byReviewer.registrant).toBe('authority:reviewer-44');
  });

  it('reads the registrant of an older log from the event actor', () => {
    const { registrant: _registrant, ...data } = (registered(FARM, { by: GD_REVIEWER }) as EventOf<'operator.registered'>).data;
    const legacy = { ...registered(FARM, { by: GD_REVIEWER }), data } as DomainEvent;
    expect(foldEvents([legacy]).get(operatorTag(FARM.id))).toMatchObject({ registrant: 'authority:reviewer-44' });
  });
});

describe('filing a rejected registration again', () => {
  it('is open to the public registrant that presents its secret', () => {
    const state = given(rejected({ keyDigest: KEY }))
      .when(enterprise({ registrantKeyDigest: KEY, address: '广州市番禺区石楼镇1号' }), PUBLIC)
      .thenState(operatorTag(FARM.id)) as OperatorState;
    expect(state).toMatchObject({ status: 'pending', address: '广州市番禺区石楼镇1号', registrantKeyDigest: KEY });
  });

  it('is refused to a public caller with another secret or none', () => {
    given(rejected({ keyDigest: KEY }))
      .when(enterprise({ registrantKeyDigest: OTHER_KEY }), PUBLIC)
      .thenRejects('NotRegistrant', 'registrantKeyDigest');
    given(rejected({ keyDigest: KEY }))
      .when(enterprise(), PUBLIC)
      .thenRejects('NotRegistrant', 'registrantKeyDigest');
  });

  it('is refused to the public when the registration was not filed by a public caller with a secret', () => {
    given(rejected())
      .when(enterprise({ registrantKeyDigest: KEY }), PUBLIC)
      .thenRejects('NotRegistrant');
    given(rejected({ by: GD_REVIEWER }))
      .when(enterprise({ registrantKeyDigest: KEY }), PUBLIC)
      .thenRejects('NotRegistrant');
    given(rejected({ by: as(FARM) }))
      .when(enterprise({ registrantKeyDigest: KEY }), PUBLIC)
      .thenRejects('NotRegistrant');
  });

  it('is open to the operator itself, with any of its keys, and to reviewers and admins of its region', () => {
    const otherKey = { kind: 'operator', operatorId: FARM.id, principal: 'farm-key-2' } as const;
    given(rejected({ keyDigest: KEY }))
      .when(enterprise(), otherKey)
      .thenAccepts();
    given(rejected({ keyDigest: KEY }))
      .when(enterprise(), as(FARM))
      .thenAccepts();
    given(rejected({ keyDigest: KEY }))
      .when(enterprise(), GD_REVIEWER)
      .thenAccepts();
    given(rejected({ by: GD_REVIEWER }))
      .when(enterprise(), GD_REVIEWER)
      .thenAccepts();
    given(rejected({ keyDigest: KEY }))
      .when(enterprise(), ADMIN)
      .thenAccepts();
  });

  it('is refused to other operators and authorities, and to a reviewer of only the new region', () => {
    given(rejected()).when(enterprise(), as(STALL)).thenRejects('Forbidden', 'operatorId');
    given(rejected()).when(enterprise(), GZ_INSPECTOR).thenRejects('Forbidden');
    given(rejected()).when(enterprise(), HN_REVIEWER).thenRejects('OutOfRegion', 'region');
    const movedAway = given(rejected()).when(enterprise({ region: '430102' }), HN_REVIEWER);
    movedAway.thenRejects('OutOfRegion', 'operatorId');
  });

  it('replaces the registrant: after a reviewer filed again, the first public secret no longer works', () => {
    const refiled = given(rejected({ keyDigest: KEY })).when(enterprise(), GD_REVIEWER);
    const events = [...rejected({ keyDigest: KEY }), registered(FARM, { by: GD_REVIEWER }), operatorEvent('operator.rejected', FARM)];
    expect(refiled.thenState(operatorTag(FARM.id))).not.toHaveProperty('registrantKeyDigest');
    given(events)
      .when(enterprise({ registrantKeyDigest: KEY }), PUBLIC)
      .thenRejects('NotRegistrant');
  });
});

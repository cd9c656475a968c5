import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenIdCheckCharacter } from '../../src/domain/index.js';
import { usccFor } from '../support/scenario.js';
import { COOP, FARM, FURONG, HUNAN, PANYU, ok, principal, registration, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';

let h: Harness;
let keys: Keys;
beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
});
afterAll(() => h.close());

const CITIZEN = `44011319900101123${citizenIdCheckCharacter('44011319900101123')}`;
const person = {
  name: '陈伟强',
  kind: 'individual',
  roles: ['producer'],
  region: PANYU,
  address: '番禺区石楼镇',
  contact: { phone: '13700137000' },
  citizenId: CITIZEN,
};

describe('POST /v1/operators', () => {
  it('registers a person under a fresh opaque id, keeping only a keyed digest of the citizen ID', async () => {
    const made = await ok(h.call('POST', '/v1/operators', { body: person }));
    expect(made.status).toBe('pending');
    expect(made.operatorId).toMatch(/^P440113[0-9A-Z]{10}$/);
    const [event] = await h.store.readFrom(made.ledger.events[0].position, 1);
    const text = JSON.stringify(event);
    expect(text).not.toContain(CITIZEN);
    expect((event!.data as { citizenIdDigest: string }).citizenIdDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a second registration of the same operator (409) and bad fields (400, named)', async () => {
    await expectRefused(
      h,
      () => h.call('POST', '/v1/operators', { body: registration(FARM, 'again', PANYU) }),
      409,
      'OperatorExists',
      'operatorId',
    );
    const post = (body: unknown) => () => h.call('POST', '/v1/operators', { body });
    const problem = await expectRefused(h, post({ ...person, citizenId: '440113199001011234' }), 400, 'ValidationFailed', 'citizenId');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'citizenId', code: 'InvalidCitizenId' })]);
    await expectRefused(h, post({ ...person, region: '999999' }), 400, 'ValidationFailed', 'region');
    await expectRefused(h, post({ ...person, contact: { phone: 'call me' } }), 400, 'ValidationFailed', 'contact.phone');
    await expectRefused(
      h,
      post({ ...registration(usccFor(PANYU, 'MA5NEW01'), 'x', PANYU), uscc: undefined }),
      422,
      'IdentityRequired',
      'uscc',
    );
    await expectRefused(h, post({ ...person, citizenId: undefined }), 422, 'IdentityRequired', 'citizenId');
    await expectRefused(h, post([]), 400, 'ValidationFailed', 'body');
  });

  it('lets an operator file only for itself', async () => {
    const other = usccFor(PANYU, 'MA5QTH01');
    await expectRefused(
      h,
      () => h.call('POST', '/v1/operators', { key: keys.farm, body: registration(other, 'x', PANYU) }),
      403,
      'Forbidden',
      'operatorId',
    );
    await expectRefused(
      h,
      () => h.call('POST', '/v1/operators', { key: keys.auditor, body: registration(other, 'x', PANYU) }),
      403,
      'RoleForbidden',
    );
  });
});

describe('POST /v1/operators/{id}/review', () => {
  it('approves and rejects pending registrations in the reviewer region only', async () => {
    const a = usccFor(PANYU, 'MA5RW001');
    const b = usccFor(PANYU, 'MA5RW002');
    await ok(h.call('POST', '/v1/operators', { body: registration(a, '甲', PANYU) }));
    await ok(h.call('POST', '/v1/operators', { body: registration(b, '乙', PANYU) }));
    const review = (id: string, key: string, body: unknown) => () => h.call('POST', `/v1/operators/${id}/review`, { key, body });
    await expectRefused(h, review(a, keys.reviewerHn, { decision: 'approve' }), 403, 'OutOfRegion', 'operatorId');
    await expectRefused(h, review(a, keys.inspectorGz, { decision: 'approve' }), 403, 'RoleForbidden');
    await expectRefused(h, review(a, keys.farm, { decision: 'approve' }), 403, 'RoleForbidden');
    await expectRefused(h, () => h.call('POST', `/v1/operators/${a}/review`, { body: { decision: 'approve' } }), 401, 'Unauthorized');
    await expectRefused(h, review(a, keys.reviewerGd, { decision: 'maybe' }), 400, 'ValidationFailed', 'decision');
    await expectRefused(h, review(b, keys.reviewerGd, { decision: 'reject' }), 422, 'ReasonRequired', 'reason');
    await expectRefused(h, review('nobody', keys.reviewerGd, { decision: 'approve' }), 404, 'UnknownOperator', 'operatorId');
    expect(await ok(h.call('POST', `/v1/operators/${a}/review`, { key: keys.reviewerGd, body: { decision: 'approve' } }))).toMatchObject({
      status: 'approved',
    });
    expect(
      await ok(h.call('POST', `/v1/operators/${b}/review`, { key: keys.reviewerGd, body: { decision: 'reject', reason: '证照不全' } })),
    ).toMatchObject({ status: 'rejected' });
    await expectRefused(h, review(a, keys.reviewerGd, { decision: 'approve' }), 409, 'OperatorNotPending', 'operatorId');
  });
});

describe('POST /v1/operators/{id}/certifications and /status', () => {
  const green = { type: 'green', number: 'LB-18-2406123456A', product: '菜心', validFrom: '2026-01-01', validTo: '2028-12-31' };

  it('records a certification by the operator itself; refuses others and duplicates', async () => {
    const made = await ok(h.call('POST', `/v1/operators/${FARM}/certifications`, { key: keys.farm, body: green }));
    expect(made.certification).toEqual(green);
    await expectRefused(
      h,
      () => h.call('POST', `/v1/operators/${FARM}/certifications`, { key: keys.farm, body: green }),
      409,
      'CertificationExists',
      'certification',
    );
    await expectRefused(
      h,
      () => h.call('POST', `/v1/operators/${FARM}/certifications`, { key: keys.coop, body: green }),
      403,
      'Forbidden',
      'operatorId',
    );
    await expectRefused(
      h,
      () => h.call('POST', `/v1/operators/${FARM}/certifications`, { key: keys.reviewerHn, body: green }),
      403,
      'OutOfRegion',
      'operatorId',
    );
    await expectRefused(
      h,
      () => h.call('POST', `/v1/operators/${FARM}/certifications`, { key: keys.farm, body: { ...green, validTo: '2025-01-01' } }),
      422,
      'InvalidValidity',
      'certification.validTo',
    );
    await expectRefused(
      h,
      () => h.call('POST', `/v1/operators/${FARM}/certifications`, { key: keys.farm, body: { ...green, type: 'gold' } }),
      400,
      'ValidationFailed',
      'type',
    );
  });

  it('suspends and reinstates (authority in region), and lets an operator withdraw itself', async () => {
    const id = usccFor(PANYU, 'MA5TA001');
    await ok(h.call('POST', '/v1/operators', { body: registration(id, '丙', PANYU) }));
    await ok(h.call('POST', `/v1/operators/${id}/review`, { key: keys.reviewerGd, body: { decision: 'approve' } }));
    const status = (key: string, body: unknown) => () => h.call('POST', `/v1/operators/${id}/status`, { key, body });
    expect(await ok(status(keys.reviewerGd, { action: 'suspend', reason: '抽检不合格' })())).toMatchObject({ status: 'suspended' });
    await expectRefused(h, status(keys.reviewerGd, { action: 'suspend', reason: 'again' }), 403, 'OperatorSuspended', 'operatorId');
    await expectRefused(h, status(keys.reviewerHn, { action: 'reinstate', reason: 'x' }), 403, 'OutOfRegion', 'operatorId');
    await expectRefused(h, status(keys.farm, { action: 'reinstate', reason: 'x' }), 403, 'Forbidden');
    await expectRefused(h, status(keys.reviewerGd, { action: 'pause', reason: 'x' }), 400, 'ValidationFailed', 'action');
    expect(await ok(status(keys.reviewerGd, { action: 'reinstate', reason: '整改完成' })())).toMatchObject({ status: 'approved' });
    const own = await principal(h, { name: '丙', role: 'operator', operatorId: id });
    expect(await ok(status(own, { action: 'withdraw', reason: '停业' })())).toMatchObject({ status: 'withdrawn' });
  });
});

describe('GET /v1/operators/{id} and the directory', () => {
  it('shows the public only the public fields; the operator, its regulators and auditors all of them', async () => {
    const open = await ok(h.call('GET', `/v1/operators/${FARM}`));
    expect(open).toMatchObject({ id: FARM, status: 'approved', region: PANYU, regionName: '广东省广州市番禺区' });
    expect(open.contact).toBeUndefined();
    expect(open.history).toBeUndefined();
    for (const key of [keys.farm, keys.reviewerGd, keys.auditor]) {
      expect((await ok(h.call('GET', `/v1/operators/${FARM}`, { key }))).contact).toBeDefined();
    }
    for (const key of [keys.coop, keys.reviewerHn, keys.subscriber]) {
      expect((await ok(h.call('GET', `/v1/operators/${FARM}`, { key }))).contact).toBeUndefined();
    }
    await expectRefused(h, () => h.call('GET', '/v1/operators/nobody'), 404, 'UnknownOperator', 'id');
    await expectRefused(h, () => h.call('GET', '/v1/operators/bad id!'), 400, 'ValidationFailed', 'id');
  });

  it('lists the directory by region prefix and status within the caller region', async () => {
    const gd = await ok(h.call('GET', '/v1/operators?status=approved', { key: keys.reviewerGd }));
    const ids = gd.operators.map((o: { id: string }) => o.id);
    expect(ids).toEqual(expect.arrayContaining([FARM, COOP]));
    expect(ids).not.toContain(HUNAN);
    const hn = await ok(h.call('GET', `/v1/operators?region=${FURONG}`, { key: keys.auditor }));
    expect(hn.operators.map((o: { id: string }) => o.id)).toEqual([HUNAN]);
    const page = await ok(h.call('GET', '/v1/operators?limit=1', { key: h.adminKey }));
    expect(page.operators).toHaveLength(1);
    expect(page.next).toBeDefined();
    await expectRefused(h, () => h.call('GET', '/v1/operators?region=43', { key: keys.reviewerGd }), 403, 'OutOfRegion', 'region');
    await expectRefused(
      h,
      () => h.call('GET', '/v1/operators?status=sleeping', { key: keys.reviewerGd }),
      400,
      'ValidationFailed',
      'status',
    );
    await expectRefused(h, () => h.call('GET', '/v1/operators?after=not-a-cursor', { key: keys.reviewerGd }), 400, 'InvalidQuery');
    await expectRefused(h, () => h.call('GET', '/v1/operators'), 401, 'Unauthorized');
    await expectRefused(h, () => h.call('GET', '/v1/operators', { key: keys.farm }), 403, 'RoleForbidden');
  });

  it('shows holdings to the operator and its regulators only', async () => {
    const held = await ok(h.call('GET', `/v1/operators/${FARM}/holdings`, { key: keys.farm }));
    expect(held).toMatchObject({ operatorId: FARM, held: [], inTransit: [] });
    await expectRefused(h, () => h.call('GET', `/v1/operators/${FARM}/holdings`, { key: keys.coop }), 403, 'OutOfRegion', 'id');
    await expectRefused(h, () => h.call('GET', `/v1/operators/${FARM}/holdings`, { key: keys.reviewerHn }), 403, 'OutOfRegion', 'id');
    await expectRefused(h, () => h.call('GET', `/v1/operators/${FARM}/holdings`), 401, 'Unauthorized');
    await expectRefused(
      h,
      () => h.call('GET', `/v1/operators/${FARM}/holdings?limit=0`, { key: keys.farm }),
      400,
      'ValidationFailed',
      'limit',
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COOP, FARM, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';

let h: Harness;
let keys: Keys;
beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
});
afterAll(() => h.close());

describe('POST /v1/principals', () => {
  it('creates a principal whose key works at once and is kept only as a digest', async () => {
    const made = await ok(
      h.call('POST', '/v1/principals', { key: h.adminKey, body: { name: '广州监测员', role: 'monitor', region: '4401' } }),
    );
    expect(made).toMatchObject({ name: '广州监测员', role: 'monitor', region: '4401' });
    expect(made.key).toMatch(/^sy_[A-Za-z0-9_-]{43}$/);
    expect(made.ledger.events).toHaveLength(1);
    const me = await ok(h.call('GET', '/v1/me', { key: made.key }));
    expect(me).toMatchObject({ id: made.id, role: 'monitor', region: '4401', status: 'active' });
    const [event] = await h.store.readFrom(made.ledger.events[0].position, 1);
    expect(JSON.stringify(event)).not.toContain(made.key);
    expect(JSON.stringify(event)).toContain('keyDigest');
  });

  it('answers a retry with the same Idempotency-Key once, without a second key', async () => {
    const headers = { 'idempotency-key': 'create-auditor-2' };
    const body = { name: '第二审计', role: 'auditor' };
    const first = await h.call('POST', '/v1/principals', { key: h.adminKey, body, headers });
    const size = h.ledger.size;
    const again = await h.call('POST', '/v1/principals', { key: h.adminKey, body, headers });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(JSON.parse(again.body).id).toBe(JSON.parse(first.body).id);
    expect(JSON.parse(again.body).key).toBeUndefined();
    expect(h.ledger.size).toBe(size);
    await expectRefused(
      h,
      () => h.call('POST', '/v1/principals', { key: h.adminKey, body: { ...body, name: 'other' }, headers }),
      422,
      'IdempotencyKeyReused',
      'idempotency-key',
    );
  });

  it('refuses without a key, with a bad key, and for anyone but an admin', async () => {
    const body = { name: 'x', role: 'auditor' };
    await expectRefused(h, () => h.call('POST', '/v1/principals', { body }), 401, 'Unauthorized');
    await expectRefused(h, () => h.call('POST', '/v1/principals', { body, key: 'sy_notakeyatallbutlongenough' }), 401, 'InvalidKey');
    await expectRefused(h, () => h.call('POST', '/v1/principals', { body, headers: { authorization: 'Basic abc' } }), 401, 'Unauthorized');
    for (const key of [keys.reviewerGd, keys.farm, keys.auditor, keys.subscriber]) {
      await expectRefused(h, () => h.call('POST', '/v1/principals', { body, key }), 403, 'RoleForbidden');
    }
  });

  it('names the failing field of a bad body (400) and refuses what the domain refuses', async () => {
    const post = (body: unknown) => () => h.call('POST', '/v1/principals', { key: h.adminKey, body });
    await expectRefused(h, post({ name: 'x', role: 'king' }), 400, 'ValidationFailed', 'role');
    await expectRefused(h, post({ name: '', role: 'auditor' }), 400, 'ValidationFailed', 'name');
    await expectRefused(h, post({ name: 'x', role: 'reviewer', region: '441' }), 400, 'ValidationFailed', 'region');
    await expectRefused(h, post({ name: 'x', role: 'auditor', extra: 1 }), 400, 'ValidationFailed');
    await expectRefused(h, post({ name: 'x', role: 'reviewer' }), 422, 'InvalidScope', 'region');
    await expectRefused(h, post({ name: 'x', role: 'reviewer', region: '99' }), 422, 'UnknownRegion', 'region');
    await expectRefused(h, post({ name: 'x', role: 'operator', operatorId: 'nobody' }), 404, 'UnknownOperator', 'operatorId');
    const id = (await ok(h.call('POST', '/v1/principals', { key: h.adminKey, body: { id: 'pr-fixed', name: 'x', role: 'auditor' } }))).id;
    await expectRefused(h, post({ id, name: 'x', role: 'auditor' }), 409, 'PrincipalExists', 'id');
  });

  it('lets a regional admin act only inside its region', async () => {
    const gdAdmin = (
      await ok(h.call('POST', '/v1/principals', { key: h.adminKey, body: { name: '广东管理员', role: 'admin', region: '44' } }))
    ).key;
    await ok(h.call('POST', '/v1/principals', { key: gdAdmin, body: { name: '广州审核', role: 'reviewer', region: '4401' } }));
    await expectRefused(
      h,
      () => h.call('POST', '/v1/principals', { key: gdAdmin, body: { name: 'x', role: 'reviewer', region: '43' } }),
      403,
      'OutOfRegion',
      'region',
    );
    await expectRefused(
      h,
      () => h.call('POST', '/v1/principals', { key: gdAdmin, body: { name: 'x', role: 'auditor' } }),
      403,
      'NationwideLogPrincipal',
      'region',
    );
    const listed = await ok(h.call('GET', '/v1/principals', { key: gdAdmin }));
    expect(listed.principals.every((p: { region?: string }) => p.region?.startsWith('44'))).toBe(true);
  });
});

describe('GET /v1/principals, /v1/principals/{id}, /v1/me', () => {
  it('lists principals without their key digests', async () => {
    const listed = await h.call('GET', '/v1/principals', { key: h.adminKey });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain('keyDigest');
    const { principals } = JSON.parse(listed.body);
    expect(principals.map((p: { role: string }) => p.role)).toEqual(
      expect.arrayContaining(['reviewer', 'operator', 'auditor', 'subscriber']),
    );
    const one = principals.find((p: { operatorId?: string }) => p.operatorId === FARM);
    expect((await ok(h.call('GET', `/v1/principals/${one.id}`, { key: h.adminKey }))).operatorId).toBe(FARM);
  });

  it('refuses non-admins and unknown ids', async () => {
    await expectRefused(h, () => h.call('GET', '/v1/principals'), 401, 'Unauthorized');
    await expectRefused(h, () => h.call('GET', '/v1/principals', { key: keys.auditor }), 403, 'RoleForbidden');
    await expectRefused(h, () => h.call('GET', '/v1/principals/nobody', { key: h.adminKey }), 404, 'UnknownPrincipal', 'id');
    await expectRefused(h, () => h.call('GET', '/v1/me'), 401, 'Unauthorized');
  });

  it('shows the bootstrap admin as itself', async () => {
    expect(await ok(h.call('GET', '/v1/me', { key: h.adminKey }))).toMatchObject({ id: 'admin', role: 'admin', region: '' });
  });
});

describe('POST /v1/principals/{id}/revoke', () => {
  it('revokes a key on the spot; revoking again is a conflict', async () => {
    const made = await ok(
      h.call('POST', '/v1/principals', { key: h.adminKey, body: { name: 'coop tablet', role: 'operator', operatorId: COOP } }),
    );
    expect((await h.call('GET', '/v1/me', { key: made.key })).statusCode).toBe(200);
    const revoked = await ok(h.call('POST', `/v1/principals/${made.id}/revoke`, { key: h.adminKey, body: { reason: '设备丢失' } }));
    expect(revoked).toMatchObject({ id: made.id, status: 'revoked' });
    await expectRefused(h, () => h.call('GET', '/v1/me', { key: made.key }), 401, 'KeyRevoked');
    await expectRefused(
      h,
      () => h.call('POST', `/v1/principals/${made.id}/revoke`, { key: h.adminKey, body: { reason: 'again' } }),
      409,
      'PrincipalRevoked',
      'id',
    );
  });

  it('refuses unknown ids, missing reasons and non-admins', async () => {
    await expectRefused(
      h,
      () => h.call('POST', '/v1/principals/nobody/revoke', { key: h.adminKey, body: { reason: 'x' } }),
      404,
      'UnknownPrincipal',
      'id',
    );
    await expectRefused(
      h,
      () => h.call('POST', '/v1/principals/nobody/revoke', { key: h.adminKey, body: {} }),
      400,
      'ValidationFailed',
      'reason',
    );
    await expectRefused(
      h,
      () => h.call('POST', '/v1/principals/nobody/revoke', { key: keys.reviewerGd, body: { reason: 'x' } }),
      403,
      'RoleForbidden',
    );
    await expectRefused(h, () => h.call('POST', '/v1/principals/nobody/revoke', { body: { reason: 'x' } }), 401, 'Unauthorized');
  });
});

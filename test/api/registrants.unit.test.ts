/**
 * Who acted, over HTTP: a rejected registration is filed again only by its
 * registrant (the key a public filing was answered with), the operator's own
 * key or a reviewer; certifications an operator records itself are
 * self-declared until a reviewer confirms them; every event an operator's key
 * causes names that key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccFor } from '../support/scenario.js';
import { FARM, PANYU, lotBody, ok, principal, registration, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';

let h: Harness;
let keys: Keys;
beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
});
afterAll(() => h.close());

const reject = (id: string) =>
  ok(h.call('POST', `/v1/operators/${id}/review`, { key: keys.reviewerGd, body: { decision: 'reject', reason: '证照不全' } }));

describe('filing a rejected registration again', () => {
  it('answers a public filing with a registrant key, shown once and never logged', async () => {
    const id = usccFor(PANYU, 'MA5RF001');
    const made = await ok(h.call('POST', '/v1/operators', { body: registration(id, '甲', PANYU) }));
    expect(made.registrantKey).toMatch(/^[A-Za-z0-9._~+/=-]{16,256}$/);
    const events = await h.store.readFrom(0, 100_000);
    expect(JSON.stringify(events)).not.toContain(made.registrantKey);
  });

  it('lets only the registrant, the operator itself or a reviewer file again', async () => {
    const id = usccFor(PANYU, 'MA5RF002');
    const made = await ok(h.call('POST', '/v1/operators', { body: registration(id, '乙', PANYU) }));
    await reject(id);
    const refile = (options: { key?: string; registrantKey?: string }) => () =>
      h.call('POST', '/v1/operators', {
        ...(options.key ? { key: options.key } : {}),
        body: { ...registration(id, '乙（补正）', PANYU), ...(options.registrantKey ? { registrantKey: options.registrantKey } : {}) },
      });
    await expectRefused(h, refile({}), 403, 'NotRegistrant');
    await expectRefused(h, refile({ registrantKey: 'someone-else-guessing-0001' }), 403, 'NotRegistrant');
    await expectRefused(h, refile({ key: keys.coop }), 403, 'Forbidden', 'operatorId');
    await expectRefused(h, refile({ key: keys.reviewerHn }), 403, 'OutOfRegion');
    expect(await ok(refile({ registrantKey: made.registrantKey })())).toMatchObject({ operatorId: id, status: 'pending' });

    await reject(id);
    expect(await ok(refile({ key: keys.reviewerGd })())).toMatchObject({ status: 'pending' });
    await reject(id);
    await expectRefused(h, refile({ registrantKey: made.registrantKey }), 403, 'NotRegistrant');
    const operatorKey = await principal(h, { name: '乙 app', role: 'operator', operatorId: id });
    expect(await ok(refile({ key: operatorKey })())).toMatchObject({ status: 'pending' });
  });
});

describe('certifications', () => {
  const organic = { type: 'organic', number: 'OG-2026-0001', product: '菜心', validFrom: '2026-01-01', validTo: '2028-12-31' };
  const confirm = (key: string) => () => h.call('POST', `/v1/operators/${FARM}/certifications/organic/OG-2026-0001/confirmation`, { key });

  it('are self-declared when the operator records them, until a reviewer of its region confirms', async () => {
    await ok(h.call('POST', `/v1/operators/${FARM}/certifications`, { key: keys.farm, body: organic }));
    const declared = await ok(h.call('GET', `/v1/operators/${FARM}`, { key: keys.farm }));
    expect(declared.certifications).toContainEqual(
      expect.objectContaining({ number: organic.number, confirmed: false, declaredBy: 'operator' }),
    );

    await expectRefused(h, confirm(keys.farm), 403, 'RoleForbidden');
    await expectRefused(h, confirm(keys.reviewerHn), 403, 'OutOfRegion');
    await expectRefused(
      h,
      () => h.call('POST', `/v1/operators/${FARM}/certifications/green/NOPE-1/confirmation`, { key: keys.reviewerGd }),
      404,
      'UnknownCertification',
    );
    expect((await confirm(keys.reviewerGd)()).statusCode).toBe(201);
    await expectRefused(h, confirm(keys.reviewerGd), 409, 'AlreadyConfirmed');
    const confirmed = await ok(h.call('GET', `/v1/operators/${FARM}`, { key: keys.farm }));
    expect(confirmed.certifications).toContainEqual(expect.objectContaining({ number: organic.number, confirmed: true }));
  });
});

describe('the acting key', () => {
  it('is named in every event an operator key causes', async () => {
    const second = await principal(h, { id: 'farm-tablet-2', name: 'farm tablet', role: 'operator', operatorId: FARM });
    const a = await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(5) }));
    const b = await ok(h.call('POST', '/v1/lots', { key: second, body: lotBody(5) }));
    const [first] = await h.store.readFrom(a.ledger.events[0].position, 1);
    const [other] = await h.store.readFrom(b.ledger.events[0].position, 1);
    expect(first!.actor).toMatch(new RegExp(`^op:${FARM}/.+`));
    expect(other!.actor).toBe(`op:${FARM}/farm-tablet-2`);
    expect(first!.actor).not.toBe(other!.actor);
  });
});

/**
 * Device activation (issue 14, item 1): a one-time link whose fragment token trades, once, for the
 * key of a new principal like the one named; the key never enters the log or a server log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activations } from '../../src/api/index.js';
import { ACTIVATION_TTL_MS } from '../../src/api/auth/activations.js';
import { FARM, ok, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';

let h: Harness;
let keys: Keys;
let clock = Date.parse('2026-12-01T08:00:00Z');
const serverLog: string[] = [];

beforeAll(async () => {
  h = await harness({
    activations: new Activations({ now: () => clock }),
    logger: { level: 'trace', stream: { write: (line: string) => void serverLog.push(line) } },
  });
  keys = await setUp(h);
});
afterAll(() => h.close());

const principalIdOf = async (key: string): Promise<string> => (await ok(h.call('GET', '/v1/me', { key }))).id;
const tokenOf = (activationUrl: string): string => activationUrl.slice(activationUrl.indexOf('#') + 1);
const activate = (key: string, principalId: string) => h.call('POST', '/v1/activations', { key, body: { principalId } });
const redeem = (token: string) => h.call('POST', '/v1/activations/redeem', { body: { token } });

describe('POST /v1/activations and /v1/activations/redeem', () => {
  it("gives an admin a one-time link whose key acts as a new principal of the farm's, and only once", async () => {
    const farmPrincipal = await principalIdOf(keys.farm);
    const made = await ok(activate(h.adminKey, farmPrincipal));
    expect(made.activationUrl).toMatch(/^http:\/\/localhost(:\d+)?\/app\/activate#[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(made.expiresAt) - clock).toBe(ACTIVATION_TTL_MS);
    expect(made.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(made.principal).toMatchObject({ role: 'operator', operatorId: FARM, name: 'farm app · 设备' });
    expect(made.principal.id).not.toBe(farmPrincipal);

    const redeemed = await ok(redeem(tokenOf(made.activationUrl)));
    expect(redeemed.key).toMatch(/^sy_[A-Za-z0-9_-]{43}$/);
    expect(redeemed.principal).toEqual(made.principal);
    const me = await ok(h.call('GET', '/v1/me', { key: redeemed.key }));
    expect(me).toMatchObject({ id: made.principal.id, role: 'operator', operatorId: FARM, status: 'active' });
    await ok(h.call('GET', `/v1/operators/${FARM}/holdings`, { key: redeemed.key }));

    await expectRefused(h, () => redeem(tokenOf(made.activationUrl)), 404, 'UnknownActivation');
  });

  it('refuses a token redeemed after it expired, and one never issued', async () => {
    const made = await ok(activate(h.adminKey, await principalIdOf(keys.farm)));
    clock += ACTIVATION_TTL_MS;
    await expectRefused(h, () => redeem(tokenOf(made.activationUrl)), 410, 'ActivationExpired');
    await expectRefused(h, () => redeem(tokenOf(made.activationUrl)), 404, 'UnknownActivation');
    await expectRefused(h, () => redeem('A'.repeat(43)), 404, 'UnknownActivation');
    await expectRefused(h, () => redeem('short'), 400, 'ValidationFailed', 'token');
  });

  it("lets a reviewer activate an operator's device in its region only, and nothing else", async () => {
    const farmPrincipal = await principalIdOf(keys.farm);
    const byReviewer = await ok(activate(keys.reviewerGd, farmPrincipal));
    expect(byReviewer.principal).toMatchObject({ role: 'operator', operatorId: FARM });
    await expectRefused(h, () => activate(keys.reviewerHn, farmPrincipal), 403, 'OutOfRegion', 'operatorId');
    await ok(activate(keys.reviewerHn, await principalIdOf(keys.hunan)));
    const inspectorPrincipal = await principalIdOf(keys.inspectorGz);
    await expectRefused(h, () => activate(keys.reviewerGd, inspectorPrincipal), 403, 'RoleForbidden', 'principalId');
    for (const key of [keys.farm, keys.inspectorGz, keys.auditor]) {
      await expectRefused(h, () => activate(key, farmPrincipal), 403, 'RoleForbidden');
    }
    await expectRefused(h, () => h.call('POST', '/v1/activations', { body: { principalId: farmPrincipal } }), 401, 'Unauthorized');
    await expectRefused(h, () => activate(h.adminKey, 'pr-nobody'), 404, 'UnknownPrincipal', 'principalId');
    await expectRefused(
      h,
      () =>
        h.call('POST', '/v1/activations', { key: h.adminKey, body: { principalId: farmPrincipal }, headers: { 'idempotency-key': 'a-1' } }),
      400,
      'InvalidIdempotencyKey',
      'idempotency-key',
    );
  });

  it('keeps the key and the token out of the log and out of the server log', async () => {
    const made = await ok(activate(h.adminKey, await principalIdOf(keys.farm)));
    const token = tokenOf(made.activationUrl);
    const { key } = await ok(redeem(token));
    const events = await ok(h.call('GET', '/v1/log/events?limit=1000', { key: keys.auditor }));
    const log = JSON.stringify(events);
    expect(log).toContain(made.principal.id);
    expect(log).not.toContain(key);
    expect(log).not.toContain(token);
    const printed = serverLog.join('');
    expect(printed).toContain('/v1/activations/redeem');
    expect(printed).not.toContain(key);
    expect(printed).not.toContain(token);
  });
});

/**
 * Every route that needs a key: 401 without one, 401 with an unknown one,
 * 403 for a principal outside its roles; the log does not grow on any of them.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { COOP, FARM, farmToCoop, lotBody, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';

let h: Harness;
let keys: Keys;
let farmLot = '';
let coopLot = '';
beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  ({ farmLot, coopLot } = await farmToCoop(h, keys));
});
afterAll(() => h.close());

type Route = [method: string, url: () => string, body: unknown, wrongRole: keyof Keys | null];
const kg = { amount: 1, unit: 'kg' };
const ROUTES: Route[] = [
  ['POST', () => '/v1/principals', { name: 'x', role: 'auditor' }, 'reviewerGd'],
  ['GET', () => '/v1/principals', undefined, 'auditor'],
  ['GET', () => '/v1/principals/admin', undefined, 'farm'],
  ['POST', () => '/v1/principals/x/revoke', { reason: 'x' }, 'inspectorGz'],
  ['GET', () => '/v1/me', undefined, null],
  ['POST', () => `/v1/operators/${COOP}/review`, { decision: 'approve' }, 'inspectorGz'],
  [
    'POST',
    () => `/v1/operators/${FARM}/certifications`,
    { type: 'green', number: 'G1', product: 'x', validFrom: '2026-01-01', validTo: '2027-01-01' },
    'auditor',
  ],
  ['POST', () => `/v1/operators/${FARM}/status`, { action: 'suspend', reason: 'x' }, 'inspectorGz'],
  ['GET', () => `/v1/operators/${FARM}/holdings`, undefined, 'subscriber'],
  ['GET', () => '/v1/operators', undefined, 'farm'],
  ['POST', () => '/v1/lots', lotBody(), 'reviewerGd'],
  ['POST', () => `/v1/lots/${farmLot}/shipments`, { to: { operatorId: COOP }, quantity: kg }, 'auditor'],
  ['POST', () => `/v1/lots/${coopLot}/accept`, undefined, 'reviewerGd'],
  ['POST', () => `/v1/lots/${coopLot}/reject`, { reason: 'x' }, 'subscriber'],
  ['POST', () => `/v1/lots/${farmLot}/records`, { kind: 'operation', operation: 'x', performedAt: '2026-06-01' }, 'inspectorGz'],
  ['POST', () => `/v1/lots/${farmLot}/sales`, { quantity: kg }, 'auditor'],
  ['POST', () => `/v1/lots/${farmLot}/freeze`, { reason: 'x' }, 'farm'],
  ['POST', () => `/v1/lots/${farmLot}/release`, { reason: 'x' }, 'reviewerGd'],
  [
    'POST',
    () => '/v1/processing',
    { inputs: [{ code: farmLot, quantity: kg }], outputs: [{ product: { name: 'x', category: 'other' }, quantity: kg }] },
    'inspectorGz',
  ],
  ['GET', () => '/v1/log/events', undefined, 'farm'],
  ['GET', () => '/v1/log/stream', undefined, 'inspectorGz'],
];

describe('routes that need a key', () => {
  for (const [method, url, body, wrongRole] of ROUTES) {
    it(`${method} ${url()
      .replace('//', '/{code}/')
      .replace(/91\w{16}/g, '{id}')}: 401 without a key or with an unknown one${wrongRole ? `, 403 for a ${wrongRole}` : ''}`, async () => {
      const options = body === undefined ? {} : { body };
      await expectRefused(h, () => h.call(method, url(), options), 401, 'Unauthorized');
      await expectRefused(h, () => h.call(method, url(), { ...options, key: 'sy_unknown-key-unknown-key' }), 401, 'InvalidKey');
      if (wrongRole) await expectRefused(h, () => h.call(method, url(), { ...options, key: keys[wrongRole] }), 403, 'RoleForbidden');
    });
  }
});

/**
 * The federated entry's forwarding (issue 16), in process with a stand-in upstream: a code or
 * operator this node does not know is answered by the upstream that has it, under the public rate
 * limit; a path with dot segments or encoded separators is never forwarded; codes it knows stay its own.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FederationPort } from '../../src/api/routes/federation.js';
import { type Harness, harness } from './support/harness.js';

const UPSTREAM_CODE = '14401130000000000012';
let h: Harness;
const upstream = Fastify();
upstream.get('/*', async (request) => ({ upstream: true, url: request.url }));
const federation: FederationPort = {
  appFor: (code) => (code === UPSTREAM_CODE ? upstream : undefined),
  appForOperator: (operatorId) => (operatorId === 'UPSTREAMOP' ? upstream : undefined),
  statuses: () => [{ url: 'http://gd.test/', verifiedSize: 3 }],
  evidence: () => [],
  notReady: () => [],
};

beforeAll(async () => {
  await upstream.ready();
  h = await harness({ federation, rateLimit: { max: 3, timeWindowMs: 60_000 } });
});
afterAll(async () => {
  await h.close();
  await upstream.close();
});

describe('the federated entry', () => {
  it('answers an upstream code from the upstream, marked, and counts it against the public rate limit', async () => {
    const first = await h.call('GET', `/v1/codes/${UPSTREAM_CODE}`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ upstream: true, url: `/v1/codes/${UPSTREAM_CODE}` });
    expect(first.headers['x-suyuan-source']).toBe('upstream');
    expect((await h.call('GET', '/o/UPSTREAMOP')).json()).toMatchObject({ upstream: true });
    await h.call('GET', `/c/${UPSTREAM_CODE}`);
    const limited = await h.call('GET', `/v1/codes/${UPSTREAM_CODE}/trace`);
    expect(limited.statusCode).toBe(429);
  });

  it('never forwards dot segments or encoded separators', async () => {
    for (const path of [`/c/${UPSTREAM_CODE}/../../v1/log/events`, `/v1/codes/${UPSTREAM_CODE}%2f..%2fx`]) {
      const answer = await h.call('GET', path, { key: h.adminKey });
      expect(answer.headers['x-suyuan-source']).toBeUndefined();
    }
  });

  it('reports its upstreams', async () => {
    expect((await h.call('GET', '/v1/federation/upstreams')).json()).toEqual({ upstreams: [{ url: 'http://gd.test/', verifiedSize: 3 }] });
    expect((await h.call('GET', '/v1/federation/evidence')).json()).toEqual({ evidence: [] });
  });
});

/**
 * Failed authentication is rate-limited per client: after `max` 401s a client
 * is refused (429) for every keyed request, its valid key included, until the
 * window ends; the public and other clients go on. A client can change its
 * address only through a proxy the node was told to trust.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './support/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const BAD_KEY = 'sy_not-a-key-not-a-key-not-a-key';

const keyed = (app: Harness['app'], key: string, from: string, forwardedFor?: string) =>
  app.inject({
    method: 'GET',
    url: '/v1/log/events?limit=1',
    remoteAddress: from,
    headers: { authorization: `Bearer ${key}`, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
  });

describe('failed authentication', () => {
  it('is limited per client address, and then even a valid key waits', async () => {
    h = await harness({ authFailureLimit: { max: 5, windowMs: 60_000 } });
    for (let i = 0; i < 5; i++) expect((await keyed(h.app, BAD_KEY, '203.0.113.7')).statusCode).toBe(401);
    const limited = await keyed(h.app, h.adminKey, '203.0.113.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await keyed(h.app, h.adminKey, '203.0.113.8')).statusCode, 'another client').toBe(200);
    const publicCall = await h.app.inject({ method: 'GET', url: '/v1/log/checkpoint', remoteAddress: '203.0.113.7' });
    expect(publicCall.statusCode, 'the public is not affected').toBe(200);
  });

  it('cannot be escaped with X-Forwarded-For unless the sender is a trusted proxy', async () => {
    h = await harness({ authFailureLimit: { max: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) await keyed(h.app, BAD_KEY, '203.0.113.7', `198.51.100.${i}`);
    expect((await keyed(h.app, BAD_KEY, '203.0.113.7', '198.51.100.99')).statusCode).toBe(429);
  });

  it('counts the forwarded client when the proxy is trusted', async () => {
    h = await harness({ authFailureLimit: { max: 3, windowMs: 60_000 }, trustProxy: ['10.0.0.1'] });
    for (let i = 0; i < 3; i++) await keyed(h.app, BAD_KEY, '10.0.0.1', '198.51.100.1');
    expect((await keyed(h.app, BAD_KEY, '10.0.0.1', '198.51.100.1')).statusCode).toBe(429);
    expect((await keyed(h.app, h.adminKey, '10.0.0.1', '198.51.100.2')).statusCode, 'another client behind the proxy').toBe(200);
  });
});

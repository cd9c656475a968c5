/**
 * /health/ready tells the truth: 503, with the reason in the body, for an
 * unhealthy writer and for a projection that failed; /health/live stays 200.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/index.js';
import { harness } from './support/harness.js';

type WriterHealth = { ok: true } | { ok: false; reason: string };

describe('/health/ready', () => {
  it('is 503 naming the writer’s reason when the writer is unhealthy, and live stays 200', async () => {
    let health: WriterHealth = { ok: true };
    const h = await harness({ writerHealth: () => health });
    try {
      expect((await h.call('GET', '/health/ready')).statusCode).toBe(200);
      health = { ok: false, reason: 'lost the PostgreSQL connection; reconnecting' };
      const ready = await h.call('GET', '/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ code: 'NotReady', detail: expect.stringContaining('lost the PostgreSQL connection') });
      expect((await h.call('GET', '/health/live')).statusCode).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('asks the ledger’s own health() by default', async () => {
    const h = await harness();
    // The shape another engineer's ledger.health() has; checked structurally, so set on the object here.
    const ledger = Object.assign(h.ledger, { health: (): WriterHealth => ({ ok: false, reason: 'another writer holds the lock' }) });
    const app = await build({ ledger, store: h.store, read: h.projections.readModel, rateLimit: false, processMetrics: false });
    try {
      const ready = await app.inject('/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json().detail).toContain('another writer holds the lock');
    } finally {
      await app.close();
      await h.close();
    }
  });

  it('is 503 naming the projection when one failed', async () => {
    const h = await harness();
    try {
      const lots = h.projections.runner.projections.find((projection) => projection.name === 'lots')!;
      lots.apply = () => {
        throw new Error('boom');
      };
      const written = await h.call('POST', '/v1/principals', { key: h.adminKey, body: { name: '审计', role: 'auditor' } });
      expect(written.statusCode).toBe(201);
      const ready = await h.call('GET', '/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json().detail).toMatch(/projection lots failed at position \d+: boom/);
      expect((await h.call('GET', '/health/live')).statusCode).toBe(200);
    } finally {
      await h.close();
    }
  });
});

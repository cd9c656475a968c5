import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../src/api/auth/failureLimiter.js';

describe('FailureLimiter', () => {
  it('lets a client fail `max` times a window, then holds it off until the window ends', () => {
    let now = 1_000;
    const limiter = new FailureLimiter({ max: 3, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs('10.0.0.1')).toBe(0);
      limiter.fail('10.0.0.1');
    }
    expect(limiter.retryAfterMs('10.0.0.1')).toBe(60_000);
    expect(limiter.retryAfterMs('10.0.0.2'), 'other clients are not affected').toBe(0);
    now += 59_999;
    expect(limiter.retryAfterMs('10.0.0.1')).toBe(1);
    now += 1;
    expect(limiter.retryAfterMs('10.0.0.1')).toBe(0);
  });

  it('never lets a client fail more than max times in one window, however the failures and clients interleave', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ client: fc.constantFrom('a', 'b', 'c'), advance: fc.nat({ max: 20_000 }) }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 10 }),
        (steps, max) => {
          let now = 0;
          const limiter = new FailureLimiter({ max, windowMs: 60_000 }, () => now);
          const accepted = new Map<string, number[]>();
          for (const { client, advance } of steps) {
            now += advance;
            if (limiter.retryAfterMs(client) > 0) continue;
            limiter.fail(client);
            accepted.set(client, [...(accepted.get(client) ?? []), now]);
          }
          for (const times of accepted.values()) {
            // Windows are fixed, not sliding: max failures fit in each, so any 2·max+1 of them span three
            // windows, hence more than one window's length.
            for (let i = 2 * max; i < times.length; i++) expect(times[i]! - times[i - 2 * max]!).toBeGreaterThanOrEqual(60_000);
          }
        },
      ),
    );
  });

  it('forgets the oldest clients beyond its capacity', () => {
    const limiter = new FailureLimiter({ max: 1, windowMs: 60_000, clients: 2 }, () => 0);
    limiter.fail('a');
    limiter.fail('b');
    limiter.fail('c');
    expect(limiter.retryAfterMs('a')).toBe(0);
    expect(limiter.retryAfterMs('b')).toBe(60_000);
    expect(limiter.retryAfterMs('c')).toBe(60_000);
  });
});

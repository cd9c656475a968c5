/**
 * The trace hook's counts (src/projections/regulation/traceCounts.ts) through their snapshot: the
 * operators' times go into typed arrays and come back as the same lists, so every window answers
 * as before, and the restored counts go on counting as the original does. A snapshot whose arrays
 * disagree with its operators is refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceCounts } from '../../../src/projections/regulation/traceCounts.js';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00.000Z');
const operator = fc.constantFrom('farm-1', 'shop-1', '市场-1', 'x'.repeat(40));
/** Times mostly in order (as the log brings them), sometimes earlier, sometimes not a time at all. */
const time = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 400 * DAY_MS }).map((offset) => START + offset) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY) },
);
type Step = { kind: 'lot'; operator: string; time: number; count: number } | { kind: 'handOff'; operator: string; time: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('lot' as const), operator, time, count: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('handOff' as const), operator, time }),
);

function apply(counts: TraceCounts, steps: readonly Step[]): void {
  for (const taken of steps) {
    if (taken.kind === 'lot') counts.lotMade(taken.operator, taken.time, [], taken.count);
    else counts.handedOff(taken.operator, taken.time);
  }
}

function answers(counts: TraceCounts, queries: readonly { operator: string; days: number; now: number }[]) {
  return queries.map(({ operator: id, days, now }) => counts.window(id, days, now));
}

const query = fc.record({
  operator,
  days: fc.integer({ min: 0, max: 500 }),
  now: fc.integer({ min: -DAY_MS, max: 420 * DAY_MS }).map((offset) => START + offset),
});

describe('TraceCounts snapshot', () => {
  it('restores every operator’s times exactly, and goes on counting alike', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        fc.array(step, { maxLength: 20 }),
        fc.array(query, { minLength: 1, maxLength: 10 }),
        (before, after, queries) => {
          const original = new TraceCounts();
          apply(original, before);
          const restored = new TraceCounts();
          restored.load(structuredClone(original.save()));
          expect(answers(restored, queries)).toEqual(answers(original, queries));
          apply(original, after);
          apply(restored, after);
          expect(answers(restored, queries)).toEqual(answers(original, queries));
          expect(restored.save()).toEqual(original.save());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses arrays that do not fit its operators', () => {
    const counts = new TraceCounts();
    counts.lotMade('farm-1', START, [], 2);
    counts.handedOff('shop-1', START);
    const saved = counts.save();
    expect(() => new TraceCounts().load({ ...saved, arrays: { ...saved.arrays, lotCounts: new Uint32Array([2]) } })).toThrow(/operators/);
    expect(() => new TraceCounts().load({ ...saved, arrays: { ...saved.arrays, lotTimes: new Float64Array(1) } })).toThrow(/times/);
    const untyped = { ...saved, arrays: { ...saved.arrays, handOffTimes: [START] as unknown as Float64Array } };
    expect(() => new TraceCounts().load(untyped)).toThrow(/typed arrays/);
  });
});

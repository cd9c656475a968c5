/**
 * The activity index (src/projections/regulation/activityIndex.ts) keeps times as Uint32 offsets
 * from a base a block of 4,096 entries and entries in Uint16: whatever times arrive (in order, out
 * of order, weeks apart, fractional) and however many regions, a report counts exactly what a plain
 * list of (time, region, kind) counts, also after a save and load.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActivityIndex } from '../../../src/projections/regulation/activityIndex.js';
import { ACTIVITY_COUNTS } from '../../../src/projections/regulation/views.js';

const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00Z');

type Act = { time: number; region: string; kind: (typeof ACTIVITY_COUNTS)[number] };

function naive(acts: readonly Act[], prefix: string, rowLength: number, from: number, to: number) {
  const rows = new Map<string, number[]>();
  for (const act of acts) {
    if (act.time < from || act.time > to || !act.region.startsWith(prefix)) continue;
    const row = act.region.slice(0, rowLength);
    const counts = rows.get(row) ?? ACTIVITY_COUNTS.map(() => 0);
    counts[ACTIVITY_COUNTS.indexOf(act.kind)]!++;
    rows.set(row, counts);
  }
  return [...rows].sort(([a], [b]) => (a < b ? -1 : 1));
}

const sorted = (rows: Map<string, number[]>) => [...rows].sort(([a], [b]) => (a < b ? -1 : 1));

const stepArbitrary = fc.record({
  gap: fc.oneof(
    { weight: 20, arbitrary: fc.integer({ min: 0, max: 5_000 }) },
    { weight: 2, arbitrary: fc.integer({ min: -DAY, max: 0 }) },
    { weight: 1, arbitrary: fc.integer({ min: 49 * DAY, max: 400 * DAY }) },
    { weight: 1, arbitrary: fc.double({ min: 0, max: 10, noNaN: true }) },
  ),
  region: fc.constantFrom('440106', '440111', '441302', '110101', '4401', '310115'),
  kind: fc.constantFrom(...ACTIVITY_COUNTS),
  times: fc.integer({ min: 1, max: 3 }),
});

describe('ActivityIndex', () => {
  it('counts every report range as a plain list does, across blocks, odd times and a save and load', () => {
    fc.assert(
      fc.property(
        fc.array(stepArbitrary, { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 0, max: 9_000 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 6,
        }),
        (steps, blockPadding, ranges) => {
          const index = new ActivityIndex();
          const acts: Act[] = [];
          let time = START;
          // Many entries first, to cross block edges (4,096) with the interesting ones; sometimes many regions (Uint16 widens past 8,192).
          for (let i = 0; i < blockPadding; i++) {
            const region = blockPadding > 8_500 ? `9${String(i).padStart(5, '0')}` : '440106';
            index.add(time, region, 'lots');
            acts.push({ time, region, kind: 'lots' });
            time += 1_000;
          }
          for (const step of steps) {
            time += step.gap;
            index.add(time, step.region, step.kind, step.times);
            for (let i = 0; i < step.times; i++) acts.push({ time, region: step.region, kind: step.kind });
          }
          expect(index.size).toBe(acts.length);
          const restored = new ActivityIndex();
          const saved = index.save();
          restored.load({
            arrays: { offsets: saved.arrays.offsets.slice(), bases: saved.arrays.bases.slice(), entries: saved.arrays.entries.slice() },
            value: structuredClone(saved.value),
          });
          const times = acts.map((act) => act.time);
          const low = Math.min(...times);
          const high = Math.max(...times);
          for (const [a, b] of ranges) {
            const from = low + (high - low) * Math.min(a, b);
            const to = low + (high - low) * Math.max(a, b);
            for (const [prefix, rowLength] of [
              ['44', 4],
              ['', 2],
              ['4401', 6],
            ] as const) {
              const expected = naive(acts, prefix, rowLength, from, to);
              expect(sorted(index.countRows(prefix, rowLength, from, to))).toEqual(expected);
              expect(sorted(restored.countRows(prefix, rowLength, from, to))).toEqual(expected);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps a time exactly even when its block starts at a fractional time', () => {
    const index = new ActivityIndex();
    const base = 307091178.3476269;
    const later = 3150046328.347627;
    index.add(base, '440106', 'lots');
    index.add(later, '440106', 'handOffs');
    expect(sorted(index.countRows('', 6, later, later))).toEqual([
      ['440106', ACTIVITY_COUNTS.map((kind) => (kind === 'handOffs' ? 1 : 0))],
    ]);
    expect(sorted(index.countRows('', 6, base, base))).toEqual([['440106', ACTIVITY_COUNTS.map((kind) => (kind === 'lots' ? 1 : 0))]]);
  });
});

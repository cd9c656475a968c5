/**
 * TextCache: whatever is set, in whatever order, it never holds more than its
 * byte budget or entry count, never keeps a text over a quarter of the budget,
 * answers exactly the last text kept under a key, and tells of every drop.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextCache } from '../../src/projections/textCache.js';

type Op = { kind: 'set'; key: number; text: string } | { kind: 'delete'; key: number } | { kind: 'clear' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('set' as const), key: fc.nat(20), text: fc.string({ maxLength: 300, unit: 'binary' }) }),
    weight: 8,
  },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), key: fc.nat(20) }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'clear' as const }), weight: 1 },
);

describe('TextCache', () => {
  it('stays within its limits and answers what was kept', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 200 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 4000 }),
        (ops, entries, bytes) => {
          const dropped: number[] = [];
          const cache = new TextCache<number>({ entries, bytes }, (key) => dropped.push(key));
          const model = new Map<number, string>();
          for (const o of ops) {
            if (o.kind === 'set') {
              const kept = cache.set(o.key, o.text);
              expect(kept).toBe(entries > 0 && o.text.length * 2 <= bytes / 4);
              if (kept) model.set(o.key, o.text);
            } else if (o.kind === 'delete') {
              cache.delete(o.key);
              model.delete(o.key);
            } else {
              cache.clear();
              model.clear();
            }
            for (const key of dropped.splice(0)) model.delete(key);
            expect(cache.bytes).toBeLessThanOrEqual(bytes);
            expect(cache.size).toBeLessThanOrEqual(Math.max(0, entries));
            expect(cache.size).toBe(model.size);
            let used = 0;
            for (const [key, text] of model) {
              expect(cache.get(key)).toBe(text);
              used += text.length * 2;
            }
            expect(cache.bytes).toBe(used);
          }
        },
      ),
    );
  });
});

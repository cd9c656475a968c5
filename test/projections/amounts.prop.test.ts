/**
 * Amounts in the lot columns (src/projections/store/amounts.ts): a value kept as Uint32
 * thousandths reads back as the very same double, and every decimal the domain allows with at
 * most three places and below the Uint32 limit is kept that way (only the rest goes to the map).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WIDE, thousandthsOf } from '../../src/projections/store/amounts.js';

describe('amounts as thousandths', () => {
  it('reads back exactly whatever double it keeps, and keeps no other', () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        const thousandths = thousandthsOf(value);
        if (thousandths === WIDE) return;
        expect(Number.isInteger(thousandths) && thousandths >= 0 && thousandths < WIDE).toBe(true);
        expect(Object.is(thousandths / 1000, value)).toBe(true);
      }),
      { numRuns: 5_000 },
    );
    for (const value of [-0, Number.NaN, Number.POSITIVE_INFINITY, -1, 0.0005, 4_294_967.295, 1e12])
      expect(thousandthsOf(value)).toBe(WIDE);
  });

  it('keeps every three-place decimal below the limit in the column', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: WIDE - 1 }), (n) => {
        const value = Number((n / 1000).toFixed(3)); // the double a client's "12.345" parses to
        expect(thousandthsOf(value)).toBe(n);
      }),
      { numRuns: 20_000 },
    );
  });
});

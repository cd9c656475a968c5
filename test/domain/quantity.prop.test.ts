import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_AMOUNT,
  addAmounts,
  fromThousandths,
  isValidAmount,
  subtractAmounts,
  sumAmounts,
  toThousandths,
} from '../../src/domain/index.js';

const thousandths = fc.integer({ min: 1, max: MAX_AMOUNT * 1000 });

describe('amounts in integer thousandths', () => {
  it('round-trips every amount of at most three decimals', () =>
    fc.assert(
      fc.property(thousandths, (count) => {
        const amount = fromThousandths(count);
        expect(isValidAmount(amount)).toBe(true);
        expect(toThousandths(amount)).toBe(count);
      }),
    ));

  it('adds and subtracts without drift', () =>
    fc.assert(
      fc.property(thousandths, thousandths, (a, b) => {
        expect(addAmounts(fromThousandths(a), fromThousandths(b))).toBe(fromThousandths(a + b));
        expect(subtractAmounts(fromThousandths(a + b), fromThousandths(b))).toBe(fromThousandths(a));
      }),
    ));

  it('sums many small amounts exactly', () =>
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 999 }), { maxLength: 200 }), (counts) => {
        const total = counts.reduce((sum, count) => sum + count, 0);
        expect(sumAmounts(counts.map(fromThousandths))).toBe(fromThousandths(total));
      }),
    ));

  it('refuses more than three decimals, zero, negatives and giants', () => {
    for (const amount of [0.0001, 1.2345, 0.1 + 0.2, 0, -1, MAX_AMOUNT + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(isValidAmount(amount), String(amount)).toBe(false);
    }
    for (const amount of [0.001, 1.005, 0.3, 12.5, MAX_AMOUNT]) {
      expect(isValidAmount(amount), String(amount)).toBe(true);
    }
  });
});

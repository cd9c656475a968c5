/**
 * GS1 GTINs: every valid GTIN-8, -12, -13 and -14 is kept as 14 digits with
 * the same check digit; a single wrong digit, a non-digit and a length GS1
 * does not use are refused. Known answers first, then properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GTIN_LENGTHS, GtinSchema, ProductSchema, gtin14, gtinCheckDigit, isValidGtin, validateGtin } from '../../../src/domain/index.js';

/** Published examples: Wikipedia's EAN-13, UPC-A and EAN-8, and GS1 Digital Link 1.2's GTIN. */
const KNOWN: ReadonlyArray<readonly [string, string]> = [
  ['4006381333931', '04006381333931'],
  ['036000291452', '00036000291452'],
  ['96385074', '00000096385074'],
  ['09506000134352', '09506000134352'],
];

/** A valid GTIN of one of the lengths: random digits (not all zero) and their check digit. */
const gtinArb = fc
  .constantFrom(...GTIN_LENGTHS)
  .chain((length) => fc.stringMatching(new RegExp(`^\\d{${length - 1}}$`)))
  .filter((body) => /[1-9]/.test(body))
  .map((body) => body + gtinCheckDigit(body));

describe('GTIN known answers', () => {
  it.each(KNOWN)('accepts %s and keeps it as %s', (gtin, fourteen) => {
    expect(validateGtin(gtin)).toEqual([]);
    expect(gtin14(gtin)).toBe(fourteen);
    expect(GtinSchema.parse(gtin)).toBe(fourteen);
  });

  it('names the rule a refused GTIN breaks', () => {
    expect(validateGtin('4006381333932')).toEqual(['GTIN check digit (GS1 mod 10, the last digit) should be 1, got 2']);
    expect(validateGtin('40063813339')).toEqual(['GTIN must be 8, 12, 13 or 14 digits (got "40063813339")']);
    expect(validateGtin('00000000')).toEqual(['GTIN must not be all zeros']);
  });

  it('reports a bad GTIN on a product at product.gtin as InvalidGtin', () => {
    const parsed = ProductSchema.safeParse({ name: '鸡蛋', category: 'egg', gtin: '4006381333932' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['gtin'], params: { rejection: 'InvalidGtin' } });
  });
});

describe('GTIN properties', () => {
  it('keeps every valid GTIN as 14 digits, zeros in front, with the same check digit, and valid', () => {
    fc.assert(
      fc.property(gtinArb, (gtin) => {
        const fourteen = gtin14(gtin);
        expect(fourteen).toMatch(/^\d{14}$/);
        expect(fourteen).toBe(gtin.padStart(14, '0'));
        expect(fourteen.at(-1)).toBe(gtin.at(-1));
        expect(isValidGtin(fourteen)).toBe(true);
        expect(GtinSchema.parse(gtin)).toBe(fourteen);
        expect(GtinSchema.parse(fourteen)).toBe(fourteen);
      }),
    );
  });

  it('refuses a GTIN with any single digit changed', () => {
    const changed = gtinArb.chain((gtin) =>
      fc.record({ position: fc.nat(gtin.length - 1), step: fc.integer({ min: 1, max: 9 }) }).map(({ position, step }) => {
        const digit = String((Number(gtin.charAt(position)) + step) % 10);
        return gtin.slice(0, position) + digit + gtin.slice(position + 1);
      }),
    );
    fc.assert(
      fc.property(changed, (gtin) => {
        expect(isValidGtin(gtin), gtin).toBe(false);
      }),
    );
  });

  it('refuses a GTIN with any character replaced by a non-digit', () => {
    const strayArb = fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }).filter((char) => !/^\d$/.test(char));
    const spoiled = fc
      .tuple(gtinArb, strayArb)
      .chain(([gtin, stray]) => fc.nat(gtin.length - 1).map((position) => gtin.slice(0, position) + stray + gtin.slice(position + 1)));
    fc.assert(
      fc.property(spoiled, (text) => {
        expect(GtinSchema.safeParse(text).success, text).toBe(false);
      }),
    );
  });

  it('refuses digit strings of every length GS1 does not use', () => {
    const lengthArb = fc.integer({ min: 0, max: 20 }).filter((length) => !GTIN_LENGTHS.includes(length));
    const wrong = lengthArb.chain((length) => fc.stringMatching(new RegExp(`^\\d{${length}}$`)));
    fc.assert(
      fc.property(wrong, (text) => {
        expect(isValidGtin(text), text).toBe(false);
      }),
    );
  });
});

/**
 * GS1 Global Trade Item Numbers (GTIN, 商品条码): 8, 12, 13 or 14 digits, the
 * last a GS1 mod-10 check digit. A lot whose product has one is also named
 * by the GS1 Digital Link https://id.gs1.org/01/{GTIN-14}/10/{trace code}.
 *
 * Written here rather than taken from npm: the check is a few lines, and the
 * packages that offer it are either unmaintained or whole barcode toolkits
 * for the sake of one function.
 */

/** The lengths a GTIN may have: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13), GTIN-14. */
export const GTIN_LENGTHS: readonly number[] = [8, 12, 13, 14];

/** The length a GTIN is kept in (the form GS1 data carriers and Digital Links use). */
export const GTIN14_LENGTH = 14;

/**
 * gtinCheckDigit returns the GS1 mod-10 check digit of the digits before it:
 * weights 3, 1, 3, … from the right, so leading zeros do not change it.
 * Requires only digits.
 */
export function gtinCheckDigit(body: string): string {
  let sum = 0;
  for (let index = 0; index < body.length; index++) {
    const weight = (body.length - index) % 2 === 1 ? 3 : 1;
    sum += Number(body.charAt(index)) * weight;
  }
  return String((10 - (sum % 10)) % 10);
}

/** validateGtin lists what is wrong with a GTIN; an empty list means it is valid. */
export function validateGtin(text: string): string[] {
  if (!/^\d+$/.test(text) || !GTIN_LENGTHS.includes(text.length)) {
    return [`GTIN must be 8, 12, 13 or 14 digits (got "${text.slice(0, 20)}")`];
  }
  if (/^0+$/.test(text)) return ['GTIN must not be all zeros'];
  const expected = gtinCheckDigit(text.slice(0, -1));
  const given = text.charAt(text.length - 1);
  return given === expected ? [] : [`GTIN check digit (GS1 mod 10, the last digit) should be ${expected}, got ${given}`];
}

/** isValidGtin reports whether text is a GTIN-8, -12, -13 or -14 with a valid check digit. */
export function isValidGtin(text: string): boolean {
  return validateGtin(text).length === 0;
}

/**
 * gtin14 writes a GTIN in its 14-digit form, zeros in front (GS1's rule for
 * a GTIN-8, -12 or -13 in a 14-digit field), so that one product has one
 * form. Total, so that a schema may apply it after its check: the result
 * means something only for a valid GTIN.
 */
export function gtin14(text: string): string {
  return text.padStart(GTIN14_LENGTH, '0');
}

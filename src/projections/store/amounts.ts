/**
 * Amounts (a lot's quantity and what is held, shipped, sold or processed of it) kept as
 * thousandths in a Uint32 column: 4 bytes a value instead of a Float64's 8 (issue 17's memory
 * goal). The domain's amounts are decimals with at most three places, so nearly every value up to
 * 4,294,967.294 is exact this way; the rest (larger, finer, -0, anything else) is marked WIDE in
 * the column and kept exactly in a side map, so reading back always gives the number stored.
 */

/** The column value that says "look in the side map". */
export const WIDE = 0xffff_ffff;

/** thousandthsOf: `value` as exact thousandths below WIDE, or WIDE when it is not one. */
export function thousandthsOf(value: number): number {
  const thousandths = Math.round(value * 1000);
  // n / 1000 is the double nearest n/1000, so the round trip is exact exactly when this holds.
  if (thousandths >= 0 && thousandths < WIDE && thousandths / 1000 === value && !Object.is(value, -0)) return thousandths;
  return WIDE;
}

/** readAmount: the amount at `index` of a thousandths column, from `wide` (under `key`) where the column says WIDE. */
export function readAmount(column: Uint32Array, index: number, wide: ReadonlyMap<number, number>, key: number): number {
  const thousandths = column[index]!;
  return thousandths === WIDE ? wide.get(key)! : thousandths / 1000;
}

/** writeAmount stores `value` at `index` of a thousandths column, or in `wide` (under `key`) when it is not one. */
export function writeAmount(column: Uint32Array, index: number, value: number, wide: Map<number, number>, key: number): void {
  const thousandths = thousandthsOf(value);
  if (thousandths === WIDE) wide.set(key, value);
  else if (column[index] === WIDE) wide.delete(key);
  column[index] = thousandths;
}

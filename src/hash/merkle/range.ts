/**
 * Arithmetic on tree sizes shared by proof building and verifying. Sizes and
 * indices are plain numbers, so bit operations are written as arithmetic:
 * JavaScript's bitwise operators truncate to 32 bits, safe integers reach 2^53.
 */

/** largestPowerOfTwoBelow returns the largest power of two k with k < n. Requires n > 1. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** isPowerOfTwo reports whether n is 1, 2, 4, 8, … */
export function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

/** isSize reports whether n can be a tree size or a leaf index: a non-negative safe integer. */
export function isSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** isOdd is the least significant bit of n. */
export function isOdd(n: number): boolean {
  return n % 2 === 1;
}

/** half is n >> 1 without 32-bit truncation. */
export function half(n: number): number {
  return Math.floor(n / 2);
}

/**
 * ISO/IEC 7064 MOD 97-10 (GB/T 17710), the check of IBAN: two check digits
 * that catch every single wrong digit and every swap of two neighbours.
 */

/** mod97 returns the remainder of a decimal digit string divided by 97. Requires only digits. */
export function mod97(digits: string): number {
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder;
}

/** mod97CheckDigits returns the two check digits 98 − (N × 100 mod 97) of the digit string N. */
export function mod97CheckDigits(digits: string): string {
  return String(98 - mod97(`${digits}00`)).padStart(2, '0');
}

/** isMod97Valid reports whether a digit string ending in its check digits is ≡ 1 (mod 97). */
export function isMod97Valid(digits: string): boolean {
  return mod97(digits) === 1;
}

/**
 * Citizen identity numbers (公民身份号码, GB 11643-1999): 18 characters = address
 * code (6) + birth date YYYYMMDD (8) + sequence (3) + an ISO 7064 MOD 11-2 check
 * character. The domain validates them and keeps only a salted digest.
 */
import { isKnownProvince } from './region.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/**
 * Province-level codes outside the mainland table that numbers also use:
 * 71 Taiwan, 81 Hong Kong, 82 Macao, 83 residence permits of their residents.
 */
const OTHER_PROVINCE_CODES: ReadonlySet<string> = new Set(['71', '81', '82', '83']);

/** Birth years below this are treated as typing errors. */
const EARLIEST_BIRTH_YEAR = 1850;

/** citizenIdCheckCharacter returns the 18th character for 17 digits. Requires 17 digits. */
export function citizenIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (const [index, digit] of [...first17].entries()) sum += Number(digit) * (WEIGHTS[index] ?? 0);
  return CHECK_CHARACTERS.charAt(sum % 11);
}

/** validateCitizenId lists what is wrong with a citizen ID; empty means valid. Only an upper-case X is accepted. */
export function validateCitizenId(text: string): string[] {
  if (text.length !== 18) return [`citizen ID must have 18 characters (got ${text.length})`];
  if (!/^\d{17}$/.test(text.slice(0, 17))) return ['citizen ID characters 1–17 must be digits'];
  if (!/^[\dX]$/.test(text.charAt(17))) return ['citizen ID check character (18th) must be a digit or X'];
  const reasons: string[] = [];
  const province = text.slice(0, 2);
  if (!isKnownProvince(province) && !OTHER_PROVINCE_CODES.has(province)) {
    reasons.push(`citizen ID address code starts with unknown province ${province}`);
  }
  const birthDate = text.slice(6, 14);
  if (!isRealDate(birthDate)) reasons.push(`citizen ID birth date ${birthDate} (characters 7–14) is not a real date`);
  const expected = citizenIdCheckCharacter(text.slice(0, 17));
  if (text.charAt(17) !== expected) {
    reasons.push(`citizen ID check character (18th) should be ${expected}, got ${text.charAt(17)}`);
  }
  return reasons;
}

/** isValidCitizenId reports whether text is a valid 18-character citizen identity number. */
export function isValidCitizenId(text: string): boolean {
  return validateCitizenId(text).length === 0;
}

function isRealDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < EARLIEST_BIRTH_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters
 * = registration authority (1) + organisation type (1) + region of the
 * registering authority (6 digits) + organisation code (GB 11714: 8
 * characters and its own check character) + a MOD 31 check character.
 */

/** The 31 characters a USCC may use (no I, O, S, V, Z), in check-value order. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights 3^(i−1) mod 31 for positions 1–17. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 11714 weights for the 8 body characters of an organisation code. */
const ORGANISATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** usccCheckCharacter returns the 18th character for 17 characters of the USCC alphabet. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (const [index, char] of [...first17].entries()) sum += USCC_ALPHABET.indexOf(char) * (USCC_WEIGHTS[index] ?? 0);
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * organisationCodeCheckCharacter returns the GB 11714 check character of 8
 * body characters (digits 0–9, letters A=10 … Z=35): 11 − Σ mod 11, where 10
 * is written X and 11 is written 0.
 */
export function organisationCodeCheckCharacter(body8: string): string {
  let sum = 0;
  for (const [index, char] of [...body8].entries()) sum += parseInt(char, 36) * (ORGANISATION_CODE_WEIGHTS[index] ?? 0);
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/** validateUscc lists what is wrong with a USCC; an empty list means it is valid. */
export function validateUscc(text: string): string[] {
  if (text.length !== 18) return [`USCC must have 18 characters (got ${text.length})`];
  const strays = [...text].flatMap((char, index) => (USCC_ALPHABET.includes(char) ? [] : [`"${char}" at ${index + 1}`]));
  if (strays.length > 0) {
    return [`USCC may use only ${USCC_ALPHABET} (found ${strays.join(', ')})`];
  }
  const reasons: string[] = [];
  if (!/^\d{6}$/.test(text.slice(2, 8))) reasons.push('USCC characters 3–8 (registering region) must be digits');
  const organisationCode = text.slice(8, 17);
  const expectedOrganisationCheck = organisationCodeCheckCharacter(organisationCode.slice(0, 8));
  if (organisationCode.charAt(8) !== expectedOrganisationCheck) {
    reasons.push(
      `organisation code ${organisationCode} (characters 9–17) fails its GB 11714 check ` +
        `(expected ${expectedOrganisationCheck}, got ${organisationCode.charAt(8)})`,
    );
  }
  const expectedCheck = usccCheckCharacter(text.slice(0, 17));
  if (text.charAt(17) !== expectedCheck) {
    reasons.push(`USCC check character (18th) should be ${expectedCheck}, got ${text.charAt(17)}`);
  }
  return reasons;
}

/** isValidUscc reports whether text is a valid unified social credit code. */
export function isValidUscc(text: string): boolean {
  return validateUscc(text).length === 0;
}

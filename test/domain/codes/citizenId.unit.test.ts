import { describe, expect, it } from 'vitest';
import { citizenIdCheckCharacter, isValidCitizenId, validateCitizenId } from '../../../src/domain/index.js';

const EXAMPLE = '11010519491231002X';

/** withCheck completes 17 digits with their check character. */
const withCheck = (first17: string): string => first17 + citizenIdCheckCharacter(first17);

describe('citizen ID (GB 11643)', () => {
  it("accepts the standard's example", () => {
    expect(validateCitizenId(EXAMPLE)).toEqual([]);
    expect(isValidCitizenId(withCheck('44011319900229123'))).toBe(false); // 1990 is no leap year
    expect(isValidCitizenId(withCheck('44011320000229123'))).toBe(true); // 2000 is
  });

  it('rejects every single substituted character of the example', () => {
    let tried = 0;
    for (let position = 0; position < EXAMPLE.length; position += 1) {
      for (const char of '0123456789Xx') {
        if (char === EXAMPLE.charAt(position)) continue;
        const corrupted = EXAMPLE.slice(0, position) + char + EXAMPLE.slice(position + 1);
        expect(isValidCitizenId(corrupted), corrupted).toBe(false);
        tried += 1;
      }
    }
    expect(tried).toBe(18 * 11);
  });

  it('names what is wrong', () => {
    expect(validateCitizenId('11010519491231002')).toEqual(['citizen ID must have 18 characters (got 17)']);
    expect(validateCitizenId('1101051949123100AX')).toEqual(['citizen ID characters 1–17 must be digits']);
    expect(validateCitizenId('11010519491231002x')).toEqual(['citizen ID check character (18th) must be a digit or X']);
    expect(validateCitizenId('110105194912310021')).toEqual(['citizen ID check character (18th) should be X, got 1']);
    expect(validateCitizenId(withCheck('11010519491331002'))).toEqual([
      'citizen ID birth date 19491331 (characters 7–14) is not a real date',
    ]);
    expect(validateCitizenId(withCheck('99010519491231002'))).toEqual(['citizen ID address code starts with unknown province 99']);
  });

  it('accepts residence permits of Hong Kong, Macao and Taiwan residents', () => {
    expect(isValidCitizenId(withCheck('81000019800101001'))).toBe(true);
    expect(isValidCitizenId(withCheck('83000019800101001'))).toBe(true);
  });
});

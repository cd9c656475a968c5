import { describe, expect, it } from 'vitest';
import { USCC_ALPHABET, isValidUscc, validateUscc } from '../../../src/domain/index.js';
import { FARM, WHOLESALER } from '../support/fixtures.js';

const EXAMPLE = '91350100M000100Y43';

describe('USCC (GB 32100 with the GB 11714 organisation code inside)', () => {
  it("accepts the standard's example and the fixtures", () => {
    expect(validateUscc(EXAMPLE)).toEqual([]);
    expect(isValidUscc(FARM.id)).toBe(true);
    expect(isValidUscc(WHOLESALER.id)).toBe(true);
  });

  it('rejects every single substituted character of the example, whatever the character', () => {
    const candidates = `${USCC_ALPHABET}IOSVZabcxy-`;
    let tried = 0;
    for (let position = 0; position < EXAMPLE.length; position += 1) {
      for (const char of candidates) {
        if (char === EXAMPLE.charAt(position)) continue;
        const corrupted = EXAMPLE.slice(0, position) + char + EXAMPLE.slice(position + 1);
        expect(isValidUscc(corrupted), corrupted).toBe(false);
        tried += 1;
      }
    }
    expect(tried).toBe(18 * (candidates.length - 1));
  });

  it('names a wrong length and characters outside the alphabet', () => {
    expect(validateUscc('91350100M000100Y4')).toEqual(['USCC must have 18 characters (got 17)']);
    expect(validateUscc('91350100M000100I43')).toEqual([`USCC may use only ${USCC_ALPHABET} (found "I" at 16)`]);
  });

  it('names the check character that fails', () => {
    expect(validateUscc('91350100M000100Y44')).toEqual(['USCC check character (18th) should be 3, got 4']);
    const reasons = validateUscc('91350100M000100Y53');
    expect(reasons[0]).toBe('organisation code M000100Y5 (characters 9–17) fails its GB 11714 check (expected 4, got 5)');
    expect(reasons[1]).toMatch(/USCC check character \(18th\)/);
  });

  it('requires the registering region (characters 3–8) to be digits', () => {
    expect(validateUscc('913501A0M000100Y43')).toContain('USCC characters 3–8 (registering region) must be digits');
  });
});

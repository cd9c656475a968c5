import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personalCommitment, verifyPersonalCommitment } from '../../src/hash/index.js';

const saltArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
// Full Unicode: astral characters included; JCS refuses lone surrogates, so strings are well-formed.
const text = fc.string({ unit: 'grapheme' });
const personArb = fc.record({ name: text, phone: text, address: fc.option(text, { nil: null }) });

describe('personalCommitment (property)', () => {
  it('equals SHA-256(salt ‖ canonicalize(data)) computed independently', () => {
    fc.assert(
      fc.property(saltArb, personArb, (salt, person) => {
        const expected = createHash('sha256').update(salt).update(canonicalize(person)!, 'utf8').digest('hex');
        expect(personalCommitment(salt, person)).toBe(expected);
        expect(verifyPersonalCommitment(expected, salt, person)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('changes when the salt changes', () => {
    fc.assert(
      fc.property(saltArb, saltArb, personArb, (a, b, person) => {
        fc.pre(!Buffer.from(a).equals(Buffer.from(b)));
        expect(personalCommitment(a, person)).not.toBe(personalCommitment(b, person));
        expect(verifyPersonalCommitment(personalCommitment(a, person), b, person)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('changes when the data changes', () => {
    fc.assert(
      fc.property(saltArb, personArb, personArb, (salt, a, b) => {
        fc.pre(canonicalize(a) !== canonicalize(b));
        expect(personalCommitment(salt, a)).not.toBe(personalCommitment(salt, b));
        expect(verifyPersonalCommitment(personalCommitment(salt, a), salt, b)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { personalCommitment, verifyPersonalCommitment } from '../../src/hash/index.js';

const salt = Uint8Array.from({ length: 32 }, (_, i) => i);
const buyer = { name: '张三', phone: '13800138000', address: { city: '广州', street: '天河路 1 号' }, n: 1e21 };

/** The commitment computed apart from src/hash: node:crypto over the salt and the canonicalize package's JCS. */
const independently = (saltBytes: Uint8Array, data: unknown): string =>
  createHash('sha256')
    .update(Buffer.concat([Buffer.from(saltBytes), Buffer.from(canonicalize(data)!, 'utf8')]))
    .digest('hex');

describe('personalCommitment', () => {
  it('is SHA-256(salt ‖ JCS(data)) in lower-case hex (known answers)', () => {
    // Literals computed outside Node (Python hashlib over the JCS text written by hand), so the
    // vectors hold even if src/hash and the canonicalize package drifted together.
    const cases: readonly [string, Uint8Array, unknown, string][] = [
      ['a name, a phone and an address', salt, buyer, 'da5e2515376166ea304c244250652262c2e7e14526a37639b091e7c277c3a551'],
      ['an empty object with a zero salt', new Uint8Array(32), {}, 'fb1634c4e6cd4b1f1afe3ce2d6ef080f7ac5d1f357d723ad4dfca782733b62db'],
    ];
    for (const [label, saltBytes, data, expected] of cases) {
      expect(personalCommitment(saltBytes, data), label).toBe(expected);
      expect(independently(saltBytes, data), label).toBe(expected);
    }
  });

  it('does not depend on key order (JCS)', () => {
    expect(personalCommitment(salt, { b: 1, a: [2, { d: 3, c: 4 }] })).toBe(personalCommitment(salt, { a: [2, { c: 4, d: 3 }], b: 1 }));
  });

  it('refuses a salt that is not 32 bytes', () => {
    expect(() => personalCommitment(new Uint8Array(31), buyer)).toThrow(RangeError);
    expect(() => personalCommitment(new Uint8Array(33), buyer)).toThrow(RangeError);
  });
});

describe('verifyPersonalCommitment', () => {
  const commitment = personalCommitment(salt, buyer);
  it('accepts the data and salt it was made from', () => {
    expect(verifyPersonalCommitment(commitment, salt, { ...buyer })).toBe(true);
  });
  it('answers false, never throwing, for anything else', () => {
    expect(verifyPersonalCommitment(commitment, salt, { ...buyer, phone: '13800138001' })).toBe(false);
    expect(verifyPersonalCommitment(commitment, new Uint8Array(32), buyer)).toBe(false);
    expect(verifyPersonalCommitment(commitment, new Uint8Array(5), buyer)).toBe(false);
    expect(verifyPersonalCommitment(commitment.toUpperCase(), salt, buyer)).toBe(false);
    expect(verifyPersonalCommitment('not hex', salt, buyer)).toBe(false);
    expect(verifyPersonalCommitment(commitment, salt, { bad: Number.NaN })).toBe(false);
  });
});

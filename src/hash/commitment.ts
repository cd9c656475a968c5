import { createHash, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonical.js';
import { isSha256Hex } from './hex.js';

/** PERSONAL_SALT_SIZE is the length in bytes of a personal-data salt. */
export const PERSONAL_SALT_SIZE = 32;

/**
 * personalCommitment is what an event holds in place of personal data:
 * lower-case hex SHA-256(salt ‖ JCS(data)). The salt is the secret: without
 * it nobody can confirm a guessed name or phone by hashing it, and once the
 * vault forgets the salt the commitment reveals nothing. Requires a
 * 32-byte salt (throws RangeError otherwise) and a value canonicalJson
 * accepts (throws CanonicalJsonError otherwise).
 */
export function personalCommitment(salt: Uint8Array, data: unknown): string {
  if (salt.byteLength !== PERSONAL_SALT_SIZE) {
    throw new RangeError(`a personal-data salt has ${PERSONAL_SALT_SIZE} bytes, not ${salt.byteLength}`);
  }
  return createHash('sha256').update(salt).update(canonicalJson(data), 'utf8').digest('hex');
}

/**
 * verifyPersonalCommitment tells whether `commitment` is personalCommitment(salt, data).
 * Never throws: a salt of the wrong size, data JCS cannot write, or a
 * commitment that is not 64 lower-case hex digits answer false.
 */
export function verifyPersonalCommitment(commitment: string, salt: Uint8Array, data: unknown): boolean {
  if (!isSha256Hex(commitment)) return false;
  let expected: string;
  try {
    expected = personalCommitment(salt, data);
  } catch {
    return false;
  }
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(commitment, 'hex'));
}

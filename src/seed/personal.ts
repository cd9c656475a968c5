/**
 * Personal data in the demo: what the API's sealPersonal does with fresh
 * randomness, done here deterministically so that the same seed writes the
 * same log. The salt is derived from the ref and a fixed label, so it is no
 * secret: good enough for invented people, never for real ones.
 */
import { createHash } from 'node:crypto';
import type { PersonalRef } from '../domain/index.js';
import { canonicalJson, personalCommitment } from '../hash/index.js';
import type { VaultRow } from '../store/index.js';

export interface SeedPersonal {
  readonly pointer: PersonalRef;
  readonly row: VaultRow;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** seedPersonal seals `data` under a ref made from `key` (unique per row in one seed). */
export function seedPersonal(key: string, data: unknown, recordedBy: string, region: string, createdAt: Date): SeedPersonal {
  const ref = `pd_${digest(`suyuan-seed-ref:${key}`).subarray(0, 16).toString('base64url')}`;
  const salt = digest(`suyuan-seed-salt:${ref}`);
  return {
    pointer: { ref, commitment: personalCommitment(salt, data) },
    row: { ref, salt: salt.toString('hex'), data: canonicalJson(data), recordedBy, region, createdAt: createdAt.toISOString() },
  };
}

/** seedHotline: a business number (400-xxx-xxxx) printed on an operator's certificates, apart from its contact's phone. */
export function seedHotline(operatorId: string): string {
  const digits = BigInt(`0x${digest(`suyuan-seed-hotline:${operatorId}`).toString('hex').slice(0, 12)}`) % 10_000_000n;
  const text = digits.toString().padStart(7, '0');
  return `400-${text.slice(0, 3)}-${text.slice(3)}`;
}

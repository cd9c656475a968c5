/**
 * sealPersonal: how personal data leaves a request at the edge. A fresh
 * 32-byte salt and a random ref are drawn here (the domain has no
 * randomness); the command carries { ref, commitment } and the vault row
 * carries the data, so the ledger writes the row only with an accepted
 * command's batch.
 */
import { randomBytes } from 'node:crypto';
import type { PersonalRef } from '../../domain/index.js';
import { CanonicalJsonError, PERSONAL_SALT_SIZE, canonicalJson, personalCommitment } from '../../hash/index.js';
import type { VaultRow } from '../../store/index.js';
import { ProblemError } from '../problem.js';

export interface SealedPersonal {
  /** What the command and its event hold. */
  readonly pointer: PersonalRef;
  /** What the vault keeps. */
  readonly row: VaultRow;
}

/** freshPersonalRef: `pd_` and 16 random bytes in base64url. */
function freshPersonalRef(): string {
  return `pd_${randomBytes(16).toString('base64url')}`;
}

/** The vault row's recorder for data that belongs to an operator's books (its registration, its sales). */
export const operatorRecorder = (operatorId: string): string => `operator:${operatorId}`;

export function sealPersonal(
  data: unknown,
  owner: { readonly recordedBy: string; readonly region: string },
  now = new Date(),
): SealedPersonal {
  const salt = randomBytes(PERSONAL_SALT_SIZE);
  const ref = freshPersonalRef();
  let commitment: string;
  try {
    commitment = personalCommitment(salt, data);
  } catch (error) {
    // JCS refuses what JSON cannot carry faithfully (a lone surrogate): the client's mistake.
    if (!(error instanceof CanonicalJsonError)) throw error;
    throw new ProblemError('ValidationFailed', `personal data: ${error.message}`);
  }
  return {
    pointer: { ref, commitment },
    row: {
      ref,
      salt: salt.toString('hex'),
      data: canonicalJson(data),
      recordedBy: owner.recordedBy,
      region: owner.region,
      createdAt: now.toISOString(),
    },
  };
}

/** What the ledger remembers about an operator. */
import type { Certification, PersonalRef } from '../values/index.js';
import type { CertificationRef, OperatorKind, OperatorRole } from './commands.js';
import type { CertificationDeclarer } from './events.js';

/**
 * A certification as the operator holds it: who recorded it, and whether a
 * reviewer has confirmed it. One the operator declared itself shows as
 * self-declared (自我声明) until a reviewer confirms it; one a reviewer or
 * admin recorded is confirmed at once.
 */
export type HeldCertification = Certification & {
  readonly declaredBy: CertificationDeclarer;
  readonly confirmed: boolean;
};

/** isCertification: a certification is known by its type and number. */
export function isCertification(certification: CertificationRef, ref: CertificationRef): boolean {
  return certification.type === ref.type && certification.number === ref.number;
}

/** pending until reviewed; only `approved` operators commission or trade; `revoked` (吊销) follows a penalty and is final. */
export const OPERATOR_STATUSES = ['pending', 'approved', 'rejected', 'suspended', 'withdrawn', 'revoked'] as const;
export type OperatorStatus = (typeof OPERATOR_STATUSES)[number];

export interface OperatorHistoryEntry {
  readonly action: 'registered' | 'approved' | 'rejected' | 'suspended' | 'reinstated' | 'withdrawn' | 'revoked';
  readonly at: string;
  /** The event's actor (see actorId and parseActorId): 'op:<id>[/<principal>]', 'authority:<id>' or 'public'. */
  readonly by: string;
  readonly reason?: string;
}

export interface OperatorState {
  readonly entity: 'operator';
  readonly id: string;
  readonly name: string;
  readonly kind: OperatorKind;
  readonly roles: readonly OperatorRole[];
  readonly region: string;
  /** The business address; absent for an individual (whose address is in the vault). */
  readonly address?: string;
  /** The vault reference of the contact person and phone. */
  readonly contact: PersonalRef;
  readonly uscc?: string;
  readonly citizenIdDigest?: string;
  /** Actor id of whoever filed the current registration. */
  readonly registrant: string;
  /** For a public filing: the digest of the secret that lets the registrant file again. */
  readonly registrantKeyDigest?: string;
  readonly status: OperatorStatus;
  /** One entry per type and number; a renewal replaces the earlier entry. */
  readonly certifications: readonly HeldCertification[];
  readonly registeredAt: string;
  /** Registration, reviews and status changes, oldest first, with their reasons. */
  readonly history: readonly OperatorHistoryEntry[];
}

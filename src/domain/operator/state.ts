/** What the ledger remembers about an operator. */
import type { Certification } from '../values/index.js';
import type { Contact, OperatorKind, OperatorRole } from './commands.js';

/** pending until reviewed; only `approved` operators commission or trade. */
export const OPERATOR_STATUSES = ['pending', 'approved', 'rejected', 'suspended', 'withdrawn'] as const;
export type OperatorStatus = (typeof OPERATOR_STATUSES)[number];

export interface OperatorHistoryEntry {
  readonly action: 'registered' | 'approved' | 'rejected' | 'suspended' | 'reinstated' | 'withdrawn';
  readonly at: string;
  /** The event's actor: 'op:<id>', 'authority:<id>' or 'public'. */
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
  readonly address: string;
  readonly contact: Contact;
  readonly uscc?: string;
  readonly citizenIdDigest?: string;
  readonly status: OperatorStatus;
  /** One entry per type and number; a renewal replaces the earlier entry. */
  readonly certifications: readonly Certification[];
  readonly registeredAt: string;
  /** Registration, reviews and status changes, oldest first, with their reasons. */
  readonly history: readonly OperatorHistoryEntry[];
}

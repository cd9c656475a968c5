/** What the ledger remembers about an enforcement case. */
import type { PenaltyType } from './commands.js';

export interface PenaltyEntry {
  readonly penalty: PenaltyType;
  readonly amount?: number;
  readonly legalBasis: string;
  readonly at: string;
  readonly by: string;
}

export interface CaseState {
  readonly entity: 'case';
  readonly id: string;
  readonly operatorId: string;
  /** The operator's region when the case was opened. */
  readonly region: string;
  readonly basis: string;
  readonly lots: readonly string[];
  readonly status: 'open' | 'closed';
  /** Inspection records and evidence notes. */
  readonly records: number;
  readonly penalties: readonly PenaltyEntry[];
  readonly openedAt: string;
  readonly by: string;
  readonly closedAt?: string;
}

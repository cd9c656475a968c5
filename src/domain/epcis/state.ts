/** What the ledger remembers of a captured EPCIS event: enough to refuse it twice and to accept its error declaration once. */
export interface CapturedState {
  readonly entity: 'epcis';
  /** The hex digest of its CBV 2.0 event hash. */
  readonly id: string;
  /** Who sent it: 'op:<operator id>' or 'subscriber:<principal id>' (an operator's devices are one sender). */
  readonly sender: string;
  /** Whether an error declaration for it has been captured. */
  readonly declared: boolean;
}

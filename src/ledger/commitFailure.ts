import type { AppendResult } from '../store/index.js';

/**
 * CommitFailure is why a batch did not commit: another writer moved the log
 * on (the store answered a position conflict; this process must stop
 * writing), or the store failed (it threw; the writer may go on from the
 * same position).
 */
export type CommitFailure =
  | { readonly kind: 'position-conflict'; readonly expected: number; readonly actual: number }
  | { readonly kind: 'store-error'; readonly error: unknown };

/** commitFailureOf maps a refused append to its failure; undefined when the batch was appended. */
export function commitFailureOf(result: AppendResult): CommitFailure | undefined {
  return result.ok ? undefined : { kind: 'position-conflict', expected: result.expected, actual: result.actual };
}

/** commitFailureMessage is what the commands of a failed batch are told (Outcome `unavailable`). */
export function commitFailureMessage(failure: CommitFailure): string {
  switch (failure.kind) {
    case 'position-conflict':
      return `another writer appended to the log (expected size ${failure.expected}, found ${failure.actual}); this process is no longer the writer`;
    case 'store-error':
      return `the store did not commit the batch: ${(failure.error as Error).message}`;
  }
}

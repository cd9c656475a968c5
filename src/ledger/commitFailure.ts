import { type AppendResult, DuplicateIdempotencyKeyError, MalformedBatchError, StoreUnavailableError } from '../store/index.js';

/**
 * CommitFailure is why a batch did not commit: another writer moved the log
 * on (the store answered a position conflict, or showed another size after
 * a failed append; this process must stop writing), the store failed and
 * shows the batch is not there (the writer may go on from the same
 * position), or the store failed and could not say whether the batch is
 * there (this process must stop writing: its tree may not match the store).
 */
export type CommitFailure =
  | { readonly kind: 'position-conflict'; readonly expected: number; readonly actual: number }
  | { readonly kind: 'store-error'; readonly error: unknown }
  | { readonly kind: 'outcome-unknown'; readonly start: number; readonly end: number; readonly error: unknown };

/** commitFailureOf maps a refused append to its failure; undefined when the batch was appended. */
export function commitFailureOf(result: AppendResult): CommitFailure | undefined {
  return result.ok ? undefined : { kind: 'position-conflict', expected: result.expected, actual: result.actual };
}

/**
 * nothingWritten tells the errors with which the port promises appendBatch
 * wrote nothing (EventStore.appendBatch); after any other error the writer
 * must ask the store whether the batch committed.
 */
export const nothingWritten = (error: unknown): boolean =>
  error instanceof StoreUnavailableError || error instanceof MalformedBatchError || error instanceof DuplicateIdempotencyKeyError;

/** stopsWriter tells the failures after which this process may no longer write. */
export const stopsWriter = (failure: CommitFailure): boolean => failure.kind !== 'store-error';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** commitFailureMessage is what the commands of a failed batch are told (Outcome `unavailable`). */
export function commitFailureMessage(failure: CommitFailure): string {
  switch (failure.kind) {
    case 'position-conflict':
      return `another writer appended to the log (expected size ${failure.expected}, found ${failure.actual}); this process is no longer the writer`;
    case 'store-error':
      return `the store did not commit the batch: ${messageOf(failure.error)}`;
    case 'outcome-unknown':
      return (
        `the outcome of the commit of positions ${failure.start}..${failure.end - 1} is unknown (${messageOf(failure.error)}); ` +
        'it may have committed, so this process stopped writing: restart it to recover what the store holds'
      );
  }
}

import type { EventStore, StoredCheckpoint } from '../store/index.js';
import type { CommitFailure } from './commitFailure.js';

/** What the store shows about a batch whose append threw. */
export type Settled =
  /** The batch is there; `laterSize` when another writer has appended after it since. */
  { readonly committed: true; readonly laterSize?: number } | { readonly committed: false; readonly failure: CommitFailure };

/** The batch whose append threw: its first position and the checkpoint the writer signed for it. */
export interface FailedAppend {
  readonly start: number;
  readonly checkpoint: StoredCheckpoint;
  readonly error: unknown;
}

/** What to do while the store is slow to show the outcome: after `afterMs`, `tell` is called once with a message. */
export interface SlowAnswer {
  readonly afterMs: number;
  readonly tell: (message: string) => void;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * settleCommit decides, from the store alone, whether a batch whose
 * appendBatch threw committed: an error may come after the database
 * committed (the connection dropped during COMMIT), so the error proves
 * nothing. It reads the settled head (EventStore.settledHead, else head):
 * the batch committed if and only if the store holds a checkpoint of the
 * batch's size with the root this writer signed, since a batch and its
 * checkpoint commit together and equal roots mean equal events. Otherwise a
 * store still at the batch's start did not take it (the writer may go on),
 * and any other size means another writer moved the log. When the store
 * cannot answer, the failure is `outcome-unknown`. Never throws.
 */
export async function settleCommit(store: EventStore, failed: FailedAppend, slow: SlowAnswer): Promise<Settled> {
  const { start, checkpoint, error } = failed;
  const end = checkpoint.size;
  const timer = setTimeout(
    () =>
      slow.tell(
        `the store has not yet shown whether this command committed (${messageOf(error)}); retry with the same Idempotency-Key to learn its outcome`,
      ),
    slow.afterMs,
  );
  try {
    const head = await (store.settledHead ? store.settledHead() : store.head());
    if (head.size >= end) {
      const signed = head.checkpoint?.size === end ? head.checkpoint : await store.checkpointAt(end);
      if (signed?.size === end && signed.root === checkpoint.root) {
        return head.size > end ? { committed: true, laterSize: head.size } : { committed: true };
      }
    }
    if (head.size === start) return { committed: false, failure: { kind: 'store-error', error } };
    return { committed: false, failure: { kind: 'position-conflict', expected: start, actual: head.size } };
  } catch (settleError) {
    return { committed: false, failure: { kind: 'outcome-unknown', start, end, error: settleError } };
  } finally {
    clearTimeout(timer);
  }
}

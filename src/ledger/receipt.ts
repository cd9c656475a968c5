import type { MerkleTree } from '../hash/index.js';
import type { SealedEvent } from '../store/index.js';

/** Proof, returned with every acknowledged write, that its events are in the signed log. */
export interface Receipt {
  /** Log size of the checkpoint that covers the events. */
  readonly size: number;
  /** The signed checkpoint note (C2SP tlog-checkpoint), verifiable with the log's vkey. */
  readonly checkpoint: string;
  readonly events: readonly ReceiptEvent[];
}

export interface ReceiptEvent {
  readonly position: number;
  readonly hash: string;
  /** RFC 9162 audit path of the event's leaf in the checkpoint's tree, hex, leaf side first. */
  readonly inclusion: readonly string[];
}

/** What the ledger answers a command with. */
export type Outcome<Rejection> =
  | { readonly ok: true; readonly receipt: Receipt; readonly events: readonly SealedEvent[]; readonly replayed: boolean }
  | { readonly ok: false; readonly kind: 'rejected'; readonly rejection: Rejection }
  | { readonly ok: false; readonly kind: 'idempotency-conflict'; readonly message: string }
  | { readonly ok: false; readonly kind: 'unavailable'; readonly message: string };

/**
 * receiptFor proves `events` against the checkpoint of the first `size` leaves of `tree`, with
 * `proofs` (tree.hexProofs(size), shared by the receipts of one batch) when given.
 * Requires every event's position < size <= tree.size.
 */
export function receiptFor(
  tree: MerkleTree,
  events: readonly SealedEvent[],
  size: number,
  checkpoint: string,
  proofs: (index: number) => string[] = tree.hexProofs(size),
): Receipt {
  return {
    size,
    checkpoint,
    events: events.map((event) => ({ position: event.position, hash: event.hash, inclusion: proofs(event.position) })),
  };
}

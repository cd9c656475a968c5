/**
 * LogPort: what the API reads of the signed log — its key, latest checkpoint,
 * proofs, and a notice after each commit. The writer's Ledger is one; a
 * LogFollower (a read-only node following the store) is the other.
 */
import type { SealedEvent } from '../../store/index.js';

export interface LogPort {
  readonly vkey: string;
  readonly origin: string;
  /** The latest signed checkpoint (C2SP signed note). */
  readonly checkpoint: string;
  /** Audit path (hex) of leaf `index` in the tree of `size` leaves. Requires index < size <= the checkpoint's size. */
  inclusionProof(index: number, size: number): string[];
  /** Consistency proof (hex) between the trees of `from` and `to` leaves. Requires 0 < from <= to <= the checkpoint's size. */
  consistencyProof(from: number, to: number): string[];
  /** Why proofs fail now (a chunk of the Merkle leaf file being repaired from the log), or undefined. */
  readonly proofFailure?: string | undefined;
  /** Called after each commit (or each verified catch-up) with its events, in log order. */
  onCommit(listener: (events: readonly SealedEvent[], size: number) => void): () => void;
}

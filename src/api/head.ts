/**
 * The committed head of the log: the latest signed checkpoint and the size it
 * covers. The ledger's Merkle tree may already hold a batch that is being
 * committed, so sizes and proofs are always taken from the checkpoint.
 */
import { emptyRoot, parseCheckpoint, parseNote, toHex } from '../hash/index.js';

export interface CommittedHead {
  readonly size: number;
  /** Root hash, hex. */
  readonly root: string;
  /** The signed note, as served at /v1/log/checkpoint. */
  readonly note: string;
}

export function headReader(checkpoint: () => string): () => CommittedHead {
  let cached: CommittedHead | undefined;
  return () => {
    const note = checkpoint();
    if (cached?.note !== note) {
      // '': a read-only node that has verified nothing it may serve yet (see LogFollower.start).
      const parsed = note === '' ? { size: 0, root: emptyRoot() } : parseCheckpoint(parseNote(note).text);
      cached = { size: parsed.size, root: toHex(parsed.root), note };
    }
    return cached;
  };
}

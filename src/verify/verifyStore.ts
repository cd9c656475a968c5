import type { MerkleTree } from '../hash/index.js';
import type { EventStore, StoredCheckpoint } from '../store/index.js';
import { StoreVerifier, type StoreFailure, type StoreVerifierOptions } from './storeVerifier.js';

/** StoreVerdict: the verified log (its events, tree and latest checkpoint) or the first failure. */
export type StoreVerdict =
  | {
      readonly ok: true;
      /** Events verified: the store's size when the pass began. */
      readonly size: number;
      /**
       * The latest signed checkpoint, its size and root as the verified note
       * signs them; undefined only when the store holds none and none was required.
       */
      readonly checkpoint: StoredCheckpoint | undefined;
      readonly tree: MerkleTree;
    }
  | StoreFailure;

export interface VerifyStoreOptions extends StoreVerifierOptions {
  /** Fail with 'no-checkpoint', before reading any event, when the store holds no signed checkpoint (default false). */
  readonly requireCheckpoint?: boolean;
}

/**
 * verifyStore verifies a whole stored log in one streaming pass from
 * position 0: every event's hash recomputed from its body, every `prev`
 * link, and the Merkle root against the latest signed checkpoint. It never
 * throws for what the log holds (a store that cannot say its head still
 * throws) and names the first bad position.
 */
export async function verifyStore(store: EventStore, options: VerifyStoreOptions): Promise<StoreVerdict> {
  const head = await store.head();
  const checkpoint = head.checkpoint;
  if (!checkpoint && options.requireCheckpoint) {
    return { ok: false, position: 0, reason: 'no-checkpoint', detail: 'the store holds no signed checkpoint' };
  }
  const verifier = new StoreVerifier(store, options);
  const failure = await verifier.readTo(head.size);
  if (failure) return failure;
  if (!checkpoint) return { ok: true, size: verifier.size, checkpoint: undefined, tree: verifier.tree };
  const verdict = verifier.check(checkpoint.note);
  if (!verdict.ok) return verdict;
  // The note is what is signed: the store's size and root columns are not trusted.
  const signed = { note: checkpoint.note, size: verdict.size, root: verdict.root };
  return { ok: true, size: verifier.size, checkpoint: signed, tree: verifier.tree };
}

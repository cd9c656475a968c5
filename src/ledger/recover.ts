import type { MerkleTree } from '../hash/index.js';
import type { EventStore, StoredCheckpoint } from '../store/index.js';
import { LogIntegrityError, verifyStore } from '../verify/index.js';
import type { LedgerDomain } from './domainPort.js';
import type { CommittedState } from './overlay.js';
import { UnsignedTailError } from './refusals.js';

export { LogIntegrityError };

export interface Recovered {
  readonly tree: MerkleTree;
  /** The latest signed checkpoint, which covers the whole tree; undefined only for an empty log never signed. */
  readonly checkpoint: StoredCheckpoint | undefined;
}

/**
 * recover replays the whole stored log: it recomputes every hash, `prev` link
 * and the Merkle tree, rebuilds the domain state, and checks the recomputed
 * root against the latest signed checkpoint. Any mismatch throws
 * LogIntegrityError naming the first bad position; events past the latest
 * signed checkpoint (even well-formed ones) throw UnsignedTailError.
 */
export async function recover<Entity>(
  store: EventStore,
  vkey: string,
  domain: Pick<LedgerDomain<unknown, unknown, Entity, unknown>, 'evolve'>,
  state: CommittedState<Entity>,
  onProgress?: (done: number, total: number) => void,
): Promise<Recovered> {
  const verdict = await verifyStore(store, {
    vkey,
    chainHeads: state.heads,
    // Domain state is folded as each event verifies, so the log is read once.
    onEvent: (event) => {
      for (const tag of event.tags) {
        const next = domain.evolve(tag, state.entities.get(tag), event);
        if (next !== undefined) state.entities.set(tag, next);
      }
    },
    ...(onProgress ? { onProgress } : {}),
  });
  if (!verdict.ok) throw LogIntegrityError.from(verdict);
  const signedSize = verdict.checkpoint?.size ?? 0;
  if (verdict.size > signedSize) throw new UnsignedTailError(signedSize, verdict.size - signedSize);
  return { tree: verdict.tree, checkpoint: verdict.checkpoint };
}

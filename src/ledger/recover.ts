import { LogVerifier, type LogVerdict, MerkleTree } from '../hash/index.js';
import type { LedgerSnapshot } from './snapshot.js';
import type { EventStore, StoredCheckpoint } from '../store/index.js';
import { LogIntegrityError, fitsSignedLog, verifyStore } from '../verify/index.js';
import type { LedgerDomain } from './domainPort.js';
import { type CommittedState, foldEvent } from './overlay.js';
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
  tree: MerkleTree = new MerkleTree(),
): Promise<Recovered> {
  const verdict = await verifyStore(store, {
    vkey,
    tree,
    chainHeads: state.heads,
    // Domain state is folded as each event verifies, so the log is read once.
    onEvent: (event) => foldEvent(state.entities, domain, event),
    ...(onProgress ? { onProgress } : {}),
  });
  if (!verdict.ok) throw LogIntegrityError.from(verdict);
  const signedSize = verdict.checkpoint?.size ?? 0;
  if (verdict.size > signedSize) throw new UnsignedTailError(signedSize, verdict.size - signedSize);
  return { tree: verdict.tree, checkpoint: verdict.checkpoint };
}

/**
 * recoverFromSnapshot starts from a snapshot of the state and tree at signed size N: it is used
 * only when the store's checkpoint of size N is signed by the key and its root is the snapshot
 * tree's root at N. Then the events after N are read, verified (hash, `prev` links, and the root
 * against the latest checkpoint) and folded into `state` (which holds the snapshot's entities and
 * heads), as recover does for the whole log. Undefined (use recover, with another state) when the
 * snapshot does not fit this store; throws like recover for a bad tail.
 */
export async function recoverFromSnapshot<Entity>(
  store: EventStore,
  vkey: string,
  domain: Pick<LedgerDomain<unknown, unknown, Entity, unknown>, 'evolve'>,
  state: CommittedState<Entity>,
  snapshot: Pick<LedgerSnapshot<Entity>, 'size' | 'tree'>,
): Promise<(Recovered & { readonly resumedFrom: number }) | undefined> {
  if (snapshot.tree.size !== snapshot.size || !(await fitsSignedLog(store, vkey, snapshot.tree))) return undefined;
  const head = await store.head();
  const verifier = new LogVerifier(state.heads, snapshot.tree);
  for (let from = snapshot.size; from < head.size; ) {
    const events = await store.readFrom(from, Math.min(10_000, head.size - from));
    if (events.length === 0) break;
    for (const event of events) {
      if (!verifier.push(event)) throw LogIntegrityError.from(verifier.failed as Extract<LogVerdict, { ok: false }>);
      foldEvent(state.entities, domain, event);
    }
    from += events.length;
  }
  const checkpoint = head.checkpoint;
  const verdict = checkpoint ? verifier.finish(checkpoint.note, vkey) : verifier.failed;
  if (verdict && !verdict.ok) throw LogIntegrityError.from(verdict);
  const signedSize = checkpoint?.size ?? 0;
  if (verifier.size > signedSize) throw new UnsignedTailError(signedSize, verifier.size - signedSize);
  return { tree: verifier.merkleTree(), checkpoint, resumedFrom: snapshot.size };
}

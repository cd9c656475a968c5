import { LogVerifier } from '../hash/index.js';
import type { EventStore, SealedEvent, StoredCheckpoint } from '../store/index.js';
import type { MerkleTree } from '../hash/index.js';
import type { LedgerDomain } from './domainPort.js';
import type { CommittedState } from './overlay.js';

/** Thrown when the stored log does not verify; start-up must stop. */
export class LogIntegrityError extends Error {
  override name = 'LogIntegrityError';
  constructor(
    readonly position: number,
    readonly reason: string,
  ) {
    super(`the stored log fails verification at position ${position}: ${reason}`);
  }
}

export interface Recovered {
  readonly tree: MerkleTree;
  readonly checkpoint: StoredCheckpoint | undefined;
  /** True when events exist past the last signed checkpoint (a store that cannot write both atomically). */
  readonly needsCheckpoint: boolean;
}

const CHUNK = 10_000;

/**
 * recover replays the whole stored log: it recomputes every hash, `prev` link
 * and the Merkle tree, rebuilds the domain state, and checks the recomputed
 * root against the latest signed checkpoint. Any mismatch throws
 * LogIntegrityError naming the first bad position.
 */
export async function recover<Entity>(
  store: EventStore,
  vkey: string,
  domain: Pick<LedgerDomain<unknown, unknown, Entity, unknown>, 'evolve'>,
  state: CommittedState<Entity>,
  onProgress?: (done: number, total: number) => void,
): Promise<Recovered> {
  const head = await store.head();
  const verifier = new LogVerifier(state.heads);
  for (let from = 0; from < head.size; ) {
    let events: SealedEvent[];
    try {
      events = await store.readFrom(from, CHUNK);
    } catch (error) {
      const position = (error as { position?: number }).position ?? from;
      throw new LogIntegrityError(position, (error as Error).message);
    }
    if (events.length === 0) throw new LogIntegrityError(from, `the store reports ${head.size} events but returns none from here`);
    for (const event of events) {
      if (!verifier.push(event)) {
        const failure = verifier.failed as { position: number; reason: string };
        throw new LogIntegrityError(failure.position, failure.reason);
      }
      for (const tag of event.tags) {
        const next = domain.evolve(tag, state.entities.get(tag), event);
        if (next !== undefined) state.entities.set(tag, next);
      }
    }
    from += events.length;
    onProgress?.(from, head.size);
  }
  const checkpoint = head.checkpoint;
  if (checkpoint) {
    const verdict = verifier.finish(checkpoint.note, vkey);
    if (!verdict.ok) throw new LogIntegrityError(verdict.position, verdict.reason);
  }
  return { tree: verifier.merkleTree(), checkpoint, needsCheckpoint: head.size > (checkpoint?.size ?? 0) };
}

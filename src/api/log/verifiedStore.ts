/**
 * verifiedStore: the store as a read-only node may serve it, an EventStore
 * whose reads stop at the follower's verified checkpoint and whose events
 * are re-hashed from their bodies as they are read. The follower verified
 * each event once; a body edited in the store since (or an unverified tail
 * past a refusal) must not reach the projections, the principal directory
 * or a route, which all read through this view on a read-only node.
 */
import { eventHash, isSha256Hex } from '../../hash/index.js';
import type { EventStore, SealedEvent, StoreHead, StoredCheckpoint } from '../../store/index.js';
import { LogIntegrityError, ProofUnavailableError } from '../../verify/index.js';

/** What the view needs of the follower. */
export interface VerifiedLog {
  /** Events covered by the verified checkpoint. */
  verifiedSize(): number;
  /** The verified checkpoint; undefined while nothing is verified. */
  verifiedCheckpoint(): StoredCheckpoint | undefined;
  /** The signed checkpoint of `note`, if it verifies against the verified tree. */
  verifyCheckpoint(note: string): StoredCheckpoint | undefined;
  onCommit(listener: (events: readonly SealedEvent[], size: number) => void): () => void;
  /** Whether `hash` is the event hash the verified tree holds at `position` (< verifiedSize). */
  verifiedHash(position: number, hash: string): boolean;
  /** Waits for the repair of a leaf-file chunk that failed its check (MerkleIntegrityError); whether it was put right. */
  leavesRecovered(): Promise<boolean>;
  /** distrust is told of an event whose body no longer matches what was verified: the follower refuses from then on. */
  distrust(error: LogIntegrityError): void;
}

export function verifiedStore(store: EventStore, log: VerifiedLog): EventStore {
  const checked = (events: readonly SealedEvent[], end: number): SealedEvent[] => {
    const served: SealedEvent[] = [];
    for (const event of events) {
      if (event.position >= end) break;
      // Re-hash the body, and hold the hash against the verified tree's leaf: an insider who edits a body and
      // its hash column together, while this node runs, is caught on the next read too.
      if (!isSha256Hex(event.hash) || eventHash(event) !== event.hash || !log.verifiedHash(event.position, event.hash)) {
        const error = new LogIntegrityError(event.position, 'its stored event changed after this node verified it', 'hash-mismatch');
        log.distrust(error);
        throw error;
      }
      served.push(event);
    }
    return served;
  };
  // A chunk of the tree's leaf file that fails its check is put right from the log (LeafRepair), and the read tried
  // again, once a chunk: a projection catching up does not fail for it. Each try puts one chunk right or throws.
  const served = async (events: readonly SealedEvent[], end: number): Promise<SealedEvent[]> => {
    // At most one try a chunk the events fall in, and one more.
    const chunks = new Set(events.map((event) => Math.floor(event.position / 64))).size;
    for (let repaired = 0; ; repaired++) {
      try {
        return checked(events, end);
      } catch (error) {
        if (!(error instanceof ProofUnavailableError) || !error.retriable || repaired > chunks || !(await log.leavesRecovered()))
          throw error;
      }
    }
  };
  return {
    kind: store.kind,
    appendBatch: () => Promise.reject(new Error('a read-only node does not write')),
    async readFrom(from: number, limit: number): Promise<SealedEvent[]> {
      const end = Math.min(log.verifiedSize(), from + limit);
      if (from >= end) return [];
      return served(await store.readFrom(from, end - from), end);
    },
    async readByTag(tag: string, from?: number, limit?: number): Promise<SealedEvent[]> {
      const end = log.verifiedSize();
      if ((from ?? 0) >= end) return [];
      return served(await store.readByTag(tag, from, limit), end);
    },
    async head(): Promise<StoreHead> {
      const checkpoint = log.verifiedCheckpoint();
      return checkpoint ? { size: checkpoint.size, checkpoint } : { size: 0 };
    },
    async checkpointAt(size: number): Promise<StoredCheckpoint | undefined> {
      const found = await store.checkpointAt(Math.min(size, log.verifiedSize()));
      return found && log.verifyCheckpoint(found.note);
    },
    idempotency: (principal, key) => store.idempotency(principal, key),
    waitForEvents(size: number, signal?: AbortSignal): Promise<void> {
      if (log.verifiedSize() > size || signal?.aborted) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          detach();
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const detach = log.onCommit((_events, verified) => {
          if (verified > size) done();
        });
        signal?.addEventListener('abort', done, { once: true });
      });
    },
    // The view borrows the store: whoever opened it closes it.
    close: () => Promise.resolve(),
  };
}

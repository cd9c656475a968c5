/**
 * LeafRepair (issue 17): a node whose Merkle tree keeps its lower levels in a leaf file answers a
 * proof that reads an edited, swapped or torn chunk of that file with MerkleIntegrityError (never
 * a wrong proof). This puts the node right without a restart: it reads the chunk's 64 events
 * from the log again, and if their hashes build the chunk's node the verified tree holds, the
 * tree writes the chunk back; until then `reason` names the failure, for readiness, and the
 * failing call throws ProofUnavailableError (retriable). If they do not fit, the log itself is not
 * the one this node verified: `onMismatch` stops the node, and that chunk's calls stay refused
 * (not retriable). Several chunks may be repaired at once.
 *
 * Shared by the writer (src/ledger) and read-only nodes (LogFollower).
 */
import { CHUNK_LEVELS, HASH_SIZE, MerkleIntegrityError, type MerkleTree, leafHash } from '../hash/index.js';
import type { EventStore } from '../store/index.js';

const CHUNK = 2 ** CHUNK_LEVELS;

/** A proof or read this node cannot answer now because of its leaf file; `retriable` while a repair runs. */
export class ProofUnavailableError extends Error {
  override name = 'ProofUnavailableError';
  constructor(
    message: string,
    readonly retriable: boolean,
  ) {
    super(message);
  }
}

export class LeafRepair {
  /** Chunks being put right, with what failed. */
  private readonly pending = new Map<number, { readonly detail: string; readonly done: Promise<void> }>();
  /** Chunks whose log did not fit the tree (the node is stopped), and failures with no chunk to repair. */
  private readonly refused = new Map<number, string>();
  private repairs = 0;
  private closed = false;

  constructor(
    private readonly store: Pick<EventStore, 'readFrom'>,
    private readonly tree: () => MerkleTree,
    private readonly onMismatch: (position: number, detail: string) => void,
  ) {}

  /**
   * guard runs `call`; a MerkleIntegrityError it throws starts a repair of its chunk (once) and is
   * thrown on as ProofUnavailableError: retriable while the repair runs, not once the chunk's log
   * was found not to fit.
   */
  guard<T>(call: () => T): T {
    try {
      return call();
    } catch (error) {
      if (!(error instanceof MerkleIntegrityError)) throw error;
      const chunk = error.chunk ?? -1;
      const refused = this.refused.get(chunk);
      if (refused !== undefined) throw new ProofUnavailableError(refused, false);
      if (chunk < 0) {
        this.refused.set(chunk, error.message);
        throw new ProofUnavailableError(error.message, false);
      }
      if (!this.pending.has(chunk) && !this.closed) {
        const done = this.repair(chunk).finally(() => this.pending.delete(chunk));
        this.pending.set(chunk, { detail: error.message, done });
      }
      throw new ProofUnavailableError(error.message, true);
    }
  }

  /** Why this node's proofs fail now (chunks being repaired, or whose log did not fit), or undefined. */
  get reason(): string | undefined {
    const first = this.refused.values().next().value ?? this.pending.values().next().value?.detail;
    return first && `the Merkle leaf file failed its check: ${first}`;
  }

  /** Chunks put right since start. */
  get repaired(): number {
    return this.repairs;
  }

  /** recovered waits for the running repairs and says whether every chunk is right again (a read may then try again). */
  async recovered(): Promise<boolean> {
    await this.settled();
    return this.refused.size === 0;
  }

  /** settled resolves when no repair is running. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending.values()].map((repair) => repair.done));
  }

  /** close starts no more repairs and waits for the running ones (before the store and the leaf file close). */
  async close(): Promise<void> {
    this.closed = true;
    await this.settled();
  }

  private async repair(chunk: number): Promise<void> {
    let events: readonly { readonly hash: string }[];
    try {
      events = await this.store.readFrom(chunk * CHUNK, CHUNK);
    } catch {
      // The store did not answer: nothing is known of the log; the next failing call tries again.
      return;
    }
    const hashes = new Uint8Array(CHUNK * HASH_SIZE);
    for (const [i, event] of events.slice(0, CHUNK).entries()) hashes.set(leafHash(Buffer.from(event.hash, 'hex')), i * HASH_SIZE);
    if (events.length >= CHUNK && this.tree().repairChunk(chunk, hashes)) {
      this.repairs++;
      return;
    }
    const detail = `events ${chunk * CHUNK} to ${(chunk + 1) * CHUNK - 1} of the stored log do not build the verified tree (the leaf file and the log both changed)`;
    this.refused.set(chunk, detail);
    this.onMismatch(chunk * CHUNK, detail);
  }
}

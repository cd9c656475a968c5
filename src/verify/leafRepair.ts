/**
 * LeafRepair (issue 17): a node whose Merkle tree keeps its lower levels in a leaf file answers a
 * proof that reads an edited, swapped or torn chunk of that file with MerkleIntegrityError (never
 * a wrong proof). This puts the node right without a restart: it reads the chunk's 64 events
 * from the log again, and if their hashes build the chunk's node the verified tree holds, the
 * tree writes the chunk back; until then `reason` names the failure, for readiness. If they do
 * not fit, the log itself is not the one this node verified: `onMismatch` stops the node.
 *
 * Shared by the writer (src/ledger) and read-only nodes (LogFollower).
 */
import { CHUNK_LEVELS, HASH_SIZE, MerkleIntegrityError, type MerkleTree, leafHash } from '../hash/index.js';
import type { EventStore } from '../store/index.js';

const CHUNK = 2 ** CHUNK_LEVELS;

export class LeafRepair {
  private failed: { readonly chunk: number; readonly detail: string } | undefined;
  private running: Promise<void> | undefined;
  private repairs = 0;

  constructor(
    private readonly store: Pick<EventStore, 'readFrom'>,
    private readonly tree: () => MerkleTree,
    private readonly onMismatch: (position: number, detail: string) => void,
  ) {}

  /**
   * guard runs `proof`; a MerkleIntegrityError it throws is recorded and its chunk repaired in
   * the background, and is thrown on (the API answers it 503: the client may try again).
   */
  guard<T>(proof: () => T): T {
    try {
      return proof();
    } catch (error) {
      if (error instanceof MerkleIntegrityError) this.failure(error);
      throw error;
    }
  }

  /** Why this node's proofs fail now (a chunk being repaired, or one whose log did not fit), or undefined. */
  get reason(): string | undefined {
    return this.failed && `the Merkle leaf file failed its check: ${this.failed.detail}`;
  }

  /** Chunks put right since start. */
  get repaired(): number {
    return this.repairs;
  }

  /** recovered waits for the running repair and says whether proofs work again (a read may then try again). */
  async recovered(): Promise<boolean> {
    await this.settled();
    return this.failed === undefined;
  }

  /** settled resolves when no repair is running (tests, close). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private failure(error: MerkleIntegrityError): void {
    if (this.failed) return; // one repair at a time; a proof that fails meanwhile is answered the same
    this.failed = { chunk: error.chunk ?? -1, detail: error.message };
    if (error.chunk === undefined) return; // no chunk to repair: the failure stands until a restart
    const chunk = error.chunk;
    this.running = this.repair(chunk).finally(() => {
      this.running = undefined;
    });
  }

  private async repair(chunk: number): Promise<void> {
    let events: readonly { readonly hash: string }[];
    try {
      events = await this.store.readFrom(chunk * CHUNK, CHUNK);
    } catch {
      // The store did not answer: nothing is known of the log; the next failing proof tries again.
      this.failed = undefined;
      return;
    }
    const hashes = new Uint8Array(CHUNK * HASH_SIZE);
    for (const [i, event] of events.slice(0, CHUNK).entries()) hashes.set(leafHash(Buffer.from(event.hash, 'hex')), i * HASH_SIZE);
    if (events.length >= CHUNK && this.tree().repairChunk(chunk, hashes)) {
      this.repairs++;
      this.failed = undefined;
      return;
    }
    const detail = `events ${chunk * CHUNK} to ${(chunk + 1) * CHUNK - 1} of the stored log do not build the verified tree (the leaf file and the log both changed)`;
    this.failed = { chunk, detail };
    this.onMismatch(chunk * CHUNK, detail);
  }
}

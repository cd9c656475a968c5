/**
 * StoreVerifier streams a stored log through LogVerifier: the one loop that
 * the writer's recovery, `suyuan verify` and read-only nodes share. It reads
 * in chunks, so a log of millions of events is checked in bounded memory
 * (besides its Merkle tree and chain heads).
 */
import { type HeadMap, LogVerifier, type LogFailureReason, type LogVerdict, type MerkleTree } from '../hash/index.js';
import type { EventStore, SealedEvent } from '../store/index.js';

/**
 * StoreFailureReason: a LogFailureReason, or what went wrong around the
 * events: 'store-read' (the store failed to read or decode a row),
 * 'missing-events' (it holds fewer events than it reported), 'no-checkpoint'
 * (nothing signed to check the log against).
 */
export type StoreFailureReason = LogFailureReason | 'store-read' | 'missing-events' | 'no-checkpoint';

/** StoreFailure names the first bad position, why (a code) and a sentence for people. */
export interface StoreFailure {
  readonly ok: false;
  readonly position: number;
  readonly reason: StoreFailureReason;
  readonly detail: string;
  /** For 'store-read': what the store threw (an I/O failure may pass; a corrupt row will not). */
  readonly cause?: unknown;
}

export interface StoreVerifierOptions {
  /** The log's public key (vkey) that checkpoints must be signed with. */
  readonly vkey: string;
  /** Receives the head hash of every lot chain as events pass (the ledger's recovery keeps them). */
  readonly chainHeads?: HeadMap;
  /** Called with each event once its hash and `prev` links verified, in log order. */
  readonly onEvent?: (event: SealedEvent) => void;
  /** Called after each chunk with the events verified so far and the size being read to. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Events per read (default 10,000). */
  readonly chunk?: number;
  /** The tree of a verified prefix to go on from (with its heads as chainHeads); default empty. */
  readonly tree?: MerkleTree;
}

const CHUNK = 10_000;

export class StoreVerifier {
  private readonly log: LogVerifier;
  private readonly chunk: number;

  /** store is anything that reads events in order: a store, or a store with a remote tail behind it. */
  constructor(
    private readonly store: Pick<EventStore, 'readFrom'>,
    private readonly options: StoreVerifierOptions,
  ) {
    this.log = new LogVerifier(options.chainHeads, options.tree);
    this.chunk = options.chunk ?? CHUNK;
  }

  /** size is the number of events whose hash and `prev` links verified. */
  get size(): number {
    return this.log.size;
  }

  /** The Merkle tree of the verified events. */
  get tree(): MerkleTree {
    return this.log.merkleTree();
  }

  /** failed is the first bad event's verdict; once an event fails, no later one is read. */
  get failed(): StoreFailure | undefined {
    const verdict = this.log.failed;
    return verdict && !verdict.ok ? verdict : undefined;
  }

  /**
   * readTo reads and verifies the stored events from `size` up to `target`,
   * calling onEvent for each that verifies. It returns the failure that
   * stopped it, or undefined once `size` reached `target`. A failure to read
   * ('store-read') is not remembered, so a later call may try again; a bad
   * event is.
   */
  async readTo(target: number): Promise<StoreFailure | undefined> {
    while (this.log.size < target) {
      if (this.failed) return this.failed;
      const from = this.log.size;
      let events: SealedEvent[];
      try {
        events = await this.store.readFrom(from, Math.min(this.chunk, target - from));
      } catch (error) {
        const position = (error as { position?: number }).position ?? from;
        return { ok: false, position, reason: 'store-read', detail: (error as Error).message, cause: error };
      }
      if (events.length === 0) {
        return {
          ok: false,
          position: from,
          reason: 'missing-events',
          detail: `the store reports ${target} events but returns none from here`,
        };
      }
      for (const event of events) {
        if (!this.log.push(event)) return this.failed;
        this.options.onEvent?.(event);
      }
      this.options.onProgress?.(this.log.size, target);
    }
    return this.failed;
  }

  /**
   * check verifies a signed checkpoint note against the events verified so
   * far (its signature, size and root), even after a later event failed.
   */
  check(checkpointNote: string): LogVerdict {
    return this.log.checkCheckpoint(checkpointNote, this.options.vkey);
  }
}

import { formatCheckpoint, signNote, toHex, type MerkleTree } from '../hash/index.js';
import type { EventStore } from '../store/index.js';
import type { LedgerDomain } from './domainPort.js';
import { type Idempotency, IdempotencyCache, idempotencyRequest } from './idempotency.js';
import { CommittedState } from './overlay.js';
import type { Outcome } from './receipt.js';
import { recover } from './recover.js';
import { DEFAULT_BATCH, Sequencer, type BatchOptions, type CommitListener } from './sequencer.js';
import type { LogKey } from './signingKey.js';

export interface OpenLedgerOptions<Command, Actor, Entity, Rejection> {
  readonly store: EventStore;
  readonly domain: LedgerDomain<Command, Actor, Entity, Rejection>;
  readonly key: LogKey;
  readonly batch?: Partial<BatchOptions>;
  readonly clock?: () => Date;
  /** Start-up replay progress, for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Ledger is the writer process's face: it recovers and verifies the stored
 * log at start, then sequences commands (Sequencer) and answers proofs from
 * its Merkle tree.
 */
export class Ledger<Command, Actor, Entity, Rejection> {
  private constructor(
    private readonly store: EventStore,
    private readonly key: LogKey,
    private readonly tree: MerkleTree,
    private readonly sequencer: Sequencer<Command, Actor, Entity, Rejection>,
    private readonly idempotency: IdempotencyCache,
  ) {}

  /** open replays and verifies the stored log (throwing LogIntegrityError at the first bad position), then starts the writer. */
  static async open<C, A, E, R>(options: OpenLedgerOptions<C, A, E, R>): Promise<Ledger<C, A, E, R>> {
    const state = new CommittedState<E>();
    const recovered = await recover(options.store, options.key.vkey, options.domain, state, options.onProgress);
    let note = recovered.checkpoint?.note;
    if (note === undefined || recovered.needsCheckpoint) {
      // Sign the tree as it stands: a new log, or events a non-atomic store wrote before its checkpoint.
      const size = recovered.tree.size;
      const root = recovered.tree.root();
      note = signNote(formatCheckpoint({ origin: options.key.origin, size, root }), options.key.skey);
      await options.store.appendBatch({ events: [], checkpoint: { size, root: toHex(root), note }, idempotency: [] });
    }
    const cache = new IdempotencyCache();
    const sequencer = new Sequencer({
      store: options.store,
      domain: options.domain,
      key: options.key,
      state,
      tree: recovered.tree,
      checkpoint: note,
      idempotency: cache,
      batch: { ...DEFAULT_BATCH, ...options.batch },
      clock: options.clock,
    });
    return new Ledger(options.store, options.key, recovered.tree, sequencer, cache);
  }

  get size(): number {
    return this.sequencer.size;
  }

  /** The latest signed checkpoint (a C2SP signed note). */
  get checkpoint(): string {
    return this.sequencer.checkpoint;
  }

  get vkey(): string {
    return this.key.vkey;
  }

  get origin(): string {
    return this.key.origin;
  }

  /** The committed state of an entity ('lot:<code>', 'operator:<id>'). */
  entity(tag: string): Entity | undefined {
    return this.sequencer.state.get(tag);
  }

  /**
   * submit decides and commits one command; see Outcome for the answers. An
   * idempotent submission whose key the cache does not hold is first looked
   * up in the store.
   */
  async submit(command: Command, actor: Actor, idempotency?: Idempotency): Promise<Outcome<Rejection>> {
    if (!idempotency) return this.sequencer.submit(command, actor);
    const request = idempotencyRequest(idempotency.principal, idempotency.key, idempotency.requestHash);
    if (!this.idempotency.has(request)) {
      const stored = await this.store.idempotency(request.principal, request.key);
      if (stored) this.idempotency.remember(stored);
    }
    return this.sequencer.submit(command, actor, request);
  }

  onCommit(listener: CommitListener): () => void {
    return this.sequencer.onCommit(listener);
  }

  /** root of the first `size` events (hex). Requires 0 <= size <= this.size. */
  root(size = this.size): string {
    return toHex(this.tree.root(size));
  }

  inclusionProof(index: number, size = this.size): string[] {
    return this.tree.inclusionProof(index, size).map(toHex);
  }

  consistencyProof(from: number, to = this.size): string[] {
    return this.tree.consistencyProof(from, to).map(toHex);
  }

  /** close answers every queued command, then stops taking new ones. The store stays open (its owner closes it). */
  close(): Promise<void> {
    return this.sequencer.close();
  }
}

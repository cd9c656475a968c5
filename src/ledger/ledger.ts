import { renameSync } from 'node:fs';
import { MerkleTree, sha256Hex, toHex } from '../hash/index.js';
import type { EventStore, VaultRow } from '../store/index.js';
import { CheckpointFileWriter, LeafRepair, writeCheckpointFile } from '../verify/index.js';
import type { LedgerDomain } from './domainPort.js';
import { signEmptyLog } from './emptyLog.js';
import { type Idempotency, IdempotencyCache, idempotencyRequest } from './idempotency.js';
import { checkKeptCheckpoint } from './keptCheckpoint.js';
import { CommittedState, type EntityMap, type EntityMapFactory, type HeadStoreFactory, foldEvent } from './overlay.js';
import type { Outcome } from './receipt.js';
import { readLedgerSnapshot, readLedgerSnapshotPaced, stateDigestPaced, writeLedgerSnapshot } from './snapshot.js';
import {
  type HeadList,
  type Pace,
  type PrefixAgainVerdict,
  headsDigestPaced,
  leavesFileOf,
  openLeavesOf,
  verifyPrefixAgain,
} from '../verify/index.js';
import { type Recovered, recoverFromSnapshot, recover } from './recover.js';
import type { CommitListener, FailedListener, ListenerErrorHandler } from './listeners.js';
import { DEFAULT_BATCH, Sequencer, type BatchOptions, type WriterHealth } from './sequencer.js';
import type { LogKey } from './signingKey.js';

export interface OpenLedgerOptions<Command, Actor, Entity, Rejection> {
  readonly store: EventStore;
  readonly domain: LedgerDomain<Command, Actor, Entity, Rejection>;
  readonly key: LogKey;
  readonly batch?: Partial<BatchOptions>;
  readonly clock?: () => Date;
  /** Start-up replay progress, for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Told when a commit listener throws (default: console.error); the listener is detached and named by health(). */
  readonly onListenerError?: ListenerErrorHandler;
  /** How long commands wait for the outcome of a failed commit before being told it is unknown yet (default 10 s). */
  readonly settleAnswerMs?: number;
  /**
   * Where the writer keeps the latest checkpoint it signed, outside the
   * store (`<dataDir>/signed-checkpoint`): checked at open, replaced after
   * each commit. Without it (memory store, tests) no rollback is detected.
   */
  readonly checkpointFile?: string;
  /** Told when the checkpoint file could not be replaced (default: console.error). */
  readonly onCheckpointFileError?: (error: Error) => void;
  /**
   * The verified snapshot (`<dataDir>/ledger-snapshot`, issue 17): written at close, used at the
   * next open when it fits the signed log, so only the events after it are replayed. Without it
   * every start replays the whole log.
   */
  readonly snapshotFile?: string;
  /** The domain version the snapshot's state belongs to (see writeLedgerSnapshot); default ''. */
  readonly snapshotVersion?: string;
  /**
   * Makes the map the committed entities live in (default: a Map of objects). The real domain's
   * writer keeps lots in columns (see ColumnStates): about 450 bytes a lot with its Merkle tree, measured at 1M lots.
   */
  readonly entities?: EntityMapFactory<Entity>;
  /** Makes the store of lot-chain heads (default: a Map; the real domain's writer uses LotHeads, 52 bytes a lot). */
  readonly heads?: HeadStoreFactory;
  /** Told when the background verification of the log before the snapshot fails; the writer has halted (default: console.error). */
  readonly onPrefixFailure?: (reason: string) => void;
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

  /** Keeps the checkpoint file at the latest signed checkpoint; set by open when there is a file. */
  private keptCheckpoint: CheckpointFileWriter | undefined;
  private state: CommittedState<Entity> | undefined;
  private snapshotFile: string | undefined;
  /** The signed size the last start resumed from (0: it replayed the whole log). */
  resumedFrom = 0;
  /** Settles once the log before the snapshot has been verified again in the background (at once without a snapshot). */
  prefixVerified: Promise<void> = Promise.resolve();
  private stateVerified = true;
  private snapshotVersion = '';
  private readonly verifying = new AbortController();
  /** Puts right a chunk of the tree's leaf file that fails its check; a log that does not fit it stops the writer. */
  private readonly leafRepair = new LeafRepair(
    { readFrom: (from, limit) => this.store.readFrom(from, limit) },
    () => this.tree,
    (position, detail) => this.sequencer.halt(`the stored log differs from the verified tree at position ${position}: ${detail}`),
  );

  /**
   * open replays and verifies the stored log, then starts the writer. It
   * refuses (throws) a log that fails verification (LogIntegrityError, at
   * the first bad position), events past the latest signed checkpoint
   * (UnsignedTailError), and a store that does not extend the checkpoint
   * kept in `checkpointFile` (StoreBehindSignedLogError). It signs nothing
   * but the empty tree of a brand-new log: every other checkpoint comes from
   * a batch this process sealed.
   */
  static async open<C, A, E, R>(options: OpenLedgerOptions<C, A, E, R>): Promise<Ledger<C, A, E, R>> {
    const makeEntities: EntityMapFactory<E> = options.entities ?? (() => new Map<string, E>());
    const makeHeads: HeadStoreFactory = options.heads ?? (() => new Map<string, string>());
    let state: CommittedState<E> | undefined;
    let recovered: Recovered | undefined;
    let resumed: Resumed | undefined;
    // With a snapshot file, the tree keeps its lower levels in a leaf file beside it (about 63 of its 64 bytes an event).
    const openLeaves = options.snapshotFile === undefined ? undefined : openLeavesOf(options.snapshotFile);
    if (options.snapshotFile !== undefined) {
      const snapshot = readLedgerSnapshot<E>(
        options.snapshotFile,
        options.key.skey,
        options.snapshotVersion,
        makeEntities,
        makeHeads,
        openLeaves,
      );
      if (!('refused' in snapshot)) {
        // Taken before the tail is appended to the snapshot's tree.
        const treeDigest = sha256Hex(snapshot.tree.serialize());
        // The snapshot's own maps become the live state (no copy); the file is read again to compare.
        const resuming = new CommittedState<E>(snapshot.entities, snapshot.heads);
        const fromSnapshot = await recoverFromSnapshot(options.store, options.key.vkey, options.domain, resuming, snapshot);
        if (fromSnapshot) {
          recovered = fromSnapshot;
          state = resuming;
          resumed = {
            size: fromSnapshot.resumedFrom,
            tree: treeDigest,
            file: options.snapshotFile,
            mac: snapshot.mac ?? '',
          };
        } else snapshot.tree.close();
      }
    }
    if (!state) {
      const entities = makeEntities();
      state = new CommittedState<E>(entities, makeHeads(entities));
    }
    recovered ??= await recover(
      options.store,
      options.key.vkey,
      options.domain,
      state,
      options.onProgress,
      openLeaves ? new MerkleTree(openLeaves()) : undefined,
    );
    const file = options.checkpointFile;
    // Checked before the empty tree is signed, so a wiped store is refused too.
    const kept = file === undefined ? undefined : checkKeptCheckpoint(file, recovered.tree, options.key.vkey);
    const note = recovered.checkpoint?.note ?? (await signEmptyLog(options.store, options.key));
    if (file !== undefined && note !== kept) writeCheckpointFile(file, note);
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
      onListenerError: options.onListenerError,
      settleAnswerMs: options.settleAnswerMs,
    });
    const ledger = new Ledger(options.store, options.key, recovered.tree, sequencer, cache);
    ledger.state = state;
    ledger.snapshotFile = options.snapshotFile;
    ledger.snapshotVersion = options.snapshotVersion ?? '';
    ledger.resumedFrom = resumed?.size ?? 0;
    // A snapshot is written at close only when the state is known to be the log's fold: after a
    // full replay, or once the background verification of the log before the snapshot passed.
    ledger.stateVerified = resumed === undefined;
    if (resumed) {
      const onFailure = options.onPrefixFailure ?? ((reason) => console.error(`suyuan: ${reason}`));
      const snapshotFile = options.snapshotFile!;
      const again = (pace: Pace) =>
        readLedgerSnapshotPaced<E>(
          snapshotFile,
          options.key.skey,
          options.snapshotVersion ?? '',
          makeEntities,
          makeHeads,
          openLeaves,
          pace,
        );
      ledger.prefixVerified = verifyPrefix(
        options.store,
        options.key.vkey,
        options.domain,
        resumed,
        recovered.tree,
        { entities: makeEntities, heads: makeHeads },
        again,
        ledger.verifying.signal,
      )
        .then((failure) => {
          if (failure === 'aborted') return;
          if (failure === undefined) {
            ledger.stateVerified = true;
            return;
          }
          const reason = `the log before the snapshot (size ${resumed.size}) does not verify: ${failure}; the writer takes no more commands`;
          sequencer.halt(reason);
          // Set aside, so that the next start replays the whole log instead of trusting it again.
          renameSync(snapshotFile, `${snapshotFile}.refused`);
          onFailure(reason);
        })
        .catch((error: unknown) => {
          sequencer.halt(`the background verification of the log before the snapshot failed: ${(error as Error).message}`);
          onFailure(`the background verification failed: ${(error as Error).message}`);
        });
    }
    if (file !== undefined) {
      const onError = options.onCheckpointFileError ?? ((error) => console.error(`suyuan: cannot update ${file}: ${error.message}`));
      const writer = new CheckpointFileWriter(file, onError);
      ledger.keptCheckpoint = writer;
      sequencer.onCommit(() => writer.offer(sequencer.checkpoint), 'signed-checkpoint file');
    }
    return ledger;
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

  /** The committed entities (the map `entities` made at open). */
  get entities(): EntityMap<Entity> {
    return this.sequencer.state.entities;
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
  async submit(command: Command, actor: Actor, idempotency?: Idempotency, vault: readonly VaultRow[] = []): Promise<Outcome<Rejection>> {
    if (!idempotency) return this.sequencer.submit(command, actor, undefined, vault);
    const request = idempotencyRequest(idempotency.principal, idempotency.key, idempotency.requestHash);
    if (!this.idempotency.has(request)) {
      const stored = await this.store.idempotency(request.principal, request.key);
      if (stored) this.idempotency.remember(stored);
    }
    return this.sequencer.submit(command, actor, request, vault);
  }

  /** onCommit calls `listener` after each commit; see Sequencer.onCommit for a listener that throws. `name` names it in health(). */
  onCommit(listener: CommitListener, name?: string): () => void {
    return this.sequencer.onCommit(listener, name);
  }

  /**
   * health says whether this writer takes commands: `{ ok: false, reason }`
   * after it stopped (closed, another writer, an unknown commit outcome),
   * while it reads a failed commit's outcome, while its PostgreSQL connection
   * is down or its lock lost, or once a commit listener failed. Cheap: call
   * it on every readiness probe.
   */
  health(): WriterHealth {
    return this.sequencer.health();
  }

  /** The commit listeners that threw and were detached, by name. */
  failedListeners(): readonly FailedListener[] {
    return this.sequencer.failedListeners();
  }

  /** root of the first `size` events (hex). Requires 0 <= size <= this.size. */
  root(size = this.size): string {
    return this.leafRepair.guard(() => toHex(this.tree.root(size)));
  }

  inclusionProof(index: number, size = this.size): string[] {
    return this.leafRepair.guard(() => this.tree.inclusionProof(index, size).map(toHex));
  }

  consistencyProof(from: number, to = this.size): string[] {
    return this.leafRepair.guard(() => this.tree.consistencyProof(from, to).map(toHex));
  }

  /** Why proofs fail now (a chunk of the leaf file being repaired from the log), or undefined. */
  get proofFailure(): string | undefined {
    return this.leafRepair.reason;
  }

  /** Chunks of the leaf file put right from the log since start. */
  get leafChunksRepaired(): number {
    return this.leafRepair.repaired;
  }

  /** close answers every queued command, then stops taking new ones. The store stays open (its owner closes it). */
  async close(): Promise<void> {
    // The background verification stops first: the store is closed after this.
    this.verifying.abort();
    await this.prefixVerified;
    await this.leafRepair.close();
    await this.sequencer.close();
    await this.keptCheckpoint?.flush();
    // Only a writer that stopped cleanly, with a state known to be its log's fold, writes a snapshot.
    const clean = this.sequencer.stoppedFor === undefined && this.stateVerified;
    try {
      if (this.snapshotFile !== undefined && this.state && clean && this.tree.size > 0) {
        writeLedgerSnapshot(
          this.snapshotFile,
          { size: this.tree.size, tree: this.tree, entities: this.state.entities, heads: this.state.heads },
          this.key.skey,
          this.snapshotVersion,
        );
      }
    } finally {
      this.tree.close();
    }
  }
}

/** What a start from a snapshot resumed from: its size, the digest of its tree, and its file. */
interface Resumed {
  readonly size: number;
  readonly tree: string;
  readonly file: string;
  /** The snapshot file's MAC at start: the file read again to compare must be that file. */
  readonly mac: string;
}

/**
 * verifyPrefix verifies the log's first `resumed.size` events again (src/verify/prefix.ts) and
 * folds them into a fresh entity map, then compares the tree, heads and state it reached with the
 * snapshot's, read again from its file (the live state has moved on): what failed, or undefined.
 * One extra state is held at a time.
 */
async function verifyPrefix<Entity>(
  store: EventStore,
  vkey: string,
  domain: Pick<LedgerDomain<unknown, unknown, Entity, unknown>, 'evolve'>,
  resumed: Resumed,
  served: MerkleTree,
  make: { readonly entities: EntityMapFactory<Entity>; readonly heads: HeadStoreFactory },
  readAgain: (pace: Pace) => ReturnType<typeof readLedgerSnapshotPaced<Entity>>,
  signal: AbortSignal,
): Promise<string | undefined | 'aborted'> {
  // Held through one reference each, dropped before the snapshot is read again: one extra state at a time.
  const folding: Folding<Entity> = { map: make.entities(), heads: undefined };
  folding.heads = make.heads(folding.map!);
  let verdict: PrefixAgainVerdict | undefined = await verifyPrefixAgain(store, {
    vkey,
    size: resumed.size,
    heads: folding.heads,
    // A resumed tree always keeps its lower levels beside the snapshot (open reads it so).
    leaves: { file: leavesFileOf(resumed.file), tree: served },
    signal,
    onEvent: (event) => foldEvent(folding.map!, domain, event),
  });
  if (verdict === 'aborted') return 'aborted';
  if (!verdict.ok) return verdict.detail;
  if (sha256Hex(verdict.tree.serialize()) !== resumed.tree) return "its Merkle tree is not the snapshot's";
  // The verdict holds the folded heads (which may hold the folded state): only `folding` does from here.
  verdict = undefined;
  try {
    return await compareWithSnapshot(folding, resumed, readAgain, signal);
  } catch (error) {
    // Closing stops the comparison (a pause throws): that says nothing of the log.
    if (signal.aborted) return 'aborted';
    throw error;
  }
}

/** The state and heads a background pass folds, each held by this one reference. */
interface Folding<Entity> {
  map: EntityMap<Entity> | undefined;
  heads: HeadList | undefined;
}

/** compareWithSnapshot: whether the heads and state the pass folded are the snapshot's, read again from its file. */
async function compareWithSnapshot<Entity>(
  folding: Folding<Entity>,
  resumed: Resumed,
  readAgain: (pace: Pace) => ReturnType<typeof readLedgerSnapshotPaced<Entity>>,
  signal: AbortSignal,
): Promise<string | undefined | 'aborted'> {
  // Digested a slice at a time (a million lots in one go held the event loop for seconds).
  const pace = { signal };
  const folded = { heads: await headsDigestPaced(folding.heads!, pace), entities: await stateDigestPaced(folding.map!, pace) };
  folding.map = undefined;
  folding.heads = undefined;
  await new Promise((next) => setImmediate(next));
  if (signal.aborted) return 'aborted';
  const snapshot = await readAgain(pace);
  if ('refused' in snapshot) return `the snapshot file cannot be read again: ${snapshot.refused}`;
  snapshot.tree.close();
  if (snapshot.size !== resumed.size) return `the snapshot file now holds size ${snapshot.size}, not ${resumed.size}`;
  if (snapshot.mac !== resumed.mac) return 'the snapshot file changed since the start';
  if ((await headsDigestPaced(snapshot.heads, pace)) !== folded.heads) return "its lot-chain heads are not the snapshot's";
  return (await stateDigestPaced(snapshot.entities, pace)) === folded.entities ? undefined : "the state it folds to is not the snapshot's";
}

/**
 * LogFollower: the signed log as a read-only API node sees it (DESIGN §10).
 * It verifies the stored log as the writer's recovery does (src/verify's
 * StoreVerifier: every event hash recomputed from its body, every `prev`
 * link, the Merkle root), follows the store, and moves its checkpoint
 * forward only to a checkpoint whose signature verifies with the log's vkey
 * and whose root is the root of the events it verified. Listeners hear only
 * of events so covered, and `verifiedStore` serves no others.
 *
 * With `snapshotFile` it starts as the writer does (issue 17): from the
 * tree and lot-chain heads it saved at its last clean stop, used only when
 * the tree's root is the root the log's key signed at that size, so only
 * the events after it are verified before it serves. The saved heads, which
 * nothing at start vouches for, are checked by verifying the older log
 * again in the background (src/verify/prefix.ts); if that fails the
 * follower refuses ('saved-prefix') and the file is set aside. Without it,
 * it verifies from position 0 at every start.
 *
 * It never adopts a log that is not an extension of what it verified: the
 * highest checkpoint it verified is kept in `checkpointFile`, and the store
 * must hold a signed log at least that long whose tree at that size has
 * that root. Otherwise it refuses: it keeps serving what it verified (or, at
 * a start on a store that contradicts the file, nothing), says why in
 * `refusal`, and stays refusing until it is restarted. Restarting is the
 * operator's act of recovery (restore the store, then restart the reader).
 */
import { MerkleTree, fromHex, openNote, parseCheckpoint, parseVerifierKey, sha256Hex, toHex } from '../../hash/index.js';
import { CorruptStoredEventError, type EventStore, type SealedEvent, type StoreHead, type StoredCheckpoint } from '../../store/index.js';
import { existsSync, renameSync } from 'node:fs';
import { LotHeads } from '../../projections/index.js';
import {
  CheckpointFileWriter,
  LeafRepair,
  LogIntegrityError,
  StoreVerifier,
  fitsSignedLog,
  headsDigestPaced,
  leavesFileOf,
  openLeavesOf,
  readCheckpointFile,
  readPrefixFile,
  readPrefixFilePaced,
  verifyPrefixAgain,
  writePrefixFile,
  type SavedPrefix,
  type StoreFailureReason,
} from '../../verify/index.js';
import type { LogPort } from './port.js';
import { verifiedStore } from './verifiedStore.js';

type Listener = (events: readonly SealedEvent[], size: number) => void;

/**
 * RefusalCode: why a follower refuses the stored log — an event or
 * checkpoint that fails verification (a StoreFailureReason), a store whose
 * signed log is shorter than what was verified ('rolled-back'), or one whose
 * tree at the verified size has another root ('not-an-extension').
 * 'store-read' here is a stored row that cannot be decoded.
 * 'saved-prefix' is a saved prefix whose heads the log, verified again, does not lead to.
 */
export type RefusalCode = StoreFailureReason | 'rolled-back' | 'not-an-extension' | 'saved-prefix';

/** Refusal: what the follower refuses and since when (ms since the epoch). */
export interface Refusal {
  readonly code: RefusalCode;
  readonly position: number;
  readonly detail: string;
  readonly since: number;
  readonly error: LogIntegrityError;
}

export interface FollowerOptions {
  readonly store: EventStore;
  readonly vkey: string;
  /** Where the highest verified checkpoint is kept across restarts (e.g. `<dataDir>/reader-checkpoint`); omitted, nothing is. */
  readonly checkpointFile?: string;
  /** How often follow() reads the store's head while no event arrives (default 1 s): an idle writer is still verified as current. */
  readonly headCheckMs?: number;
  /** Hears of failures that stop nothing (a checkpoint file that could not be saved). */
  readonly onError?: (error: Error) => void;
  /**
   * Where the verified prefix (tree and lot-chain heads) is saved at close() and read at the next
   * start (e.g. `<dataDir>/reader-prefix`); omitted, every start verifies the whole log.
   */
  readonly snapshotFile?: string;
}

export class LogFollower implements LogPort {
  readonly origin: string;
  readonly vkey: string;
  /** The store as this node may serve it: reads end at the verified checkpoint and every body is re-hashed. */
  readonly verifiedStore: EventStore;
  private note = '';
  private verified = 0;
  private pending: SealedEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly store: EventStore;
  private readonly verifier: StoreVerifier;
  private readonly checkpointFile: string | undefined;
  private readonly file: CheckpointFileWriter | undefined;
  /** The highest checkpoint ever verified (from the file at start): the store must extend it. */
  private memory: StoredCheckpoint | undefined;
  /** Whether the verified tree was checked against `memory` (true when there is none). */
  private anchored: boolean;
  private catching: Promise<void> | undefined;
  private refused: Refusal | undefined;
  private refusedCount = 0;
  private verifiedAt: number | undefined;
  private readonly headCheckMs: number;
  private readonly snapshotFile: string | undefined;
  private readonly heads: LotHeads;
  /** The size the last start resumed from (0: it verified the whole log). */
  resumedFrom = 0;
  /** Settles once the log before the saved prefix was verified again (at once without one). */
  prefixVerified: Promise<void> = Promise.resolve();
  private prefixTrusted = true;
  private readonly closing = new AbortController();
  /** Puts right a chunk of the tree's leaf file that fails its check; a log that does not fit it is refused. */
  private readonly leafRepair: LeafRepair;

  private constructor(options: FollowerOptions, resume?: SavedPrefix<LotHeads>) {
    this.store = options.store;
    this.vkey = options.vkey;
    this.origin = parseVerifierKey(options.vkey).name;
    this.headCheckMs = options.headCheckMs ?? 1000;
    this.snapshotFile = options.snapshotFile;
    this.heads = resume?.heads ?? new LotHeads();
    this.leafRepair = new LeafRepair(
      options.store,
      () => this.verifier.tree,
      (position, detail) => {
        try {
          this.refuse('hash-mismatch', new LogIntegrityError(position, detail));
        } catch {
          // refuse throws its error for callers that stop on it; here the refusal is what counts
        }
      },
    );
    this.verifier = new StoreVerifier(options.store, {
      vkey: options.vkey,
      // 52 bytes a lot instead of a Map's 150 (issue 17).
      chainHeads: this.heads,
      // With a prefix file, the tree keeps its lower levels in a leaf file beside it (about 63 of its 64 bytes an event).
      tree: resume?.tree ?? new MerkleTree(options.snapshotFile === undefined ? undefined : openLeavesOf(options.snapshotFile)()),
      onEvent: (event) => {
        if (this.listeners.size > 0) this.pending.push(event);
      },
    });
    this.checkpointFile = options.checkpointFile;
    this.file =
      options.checkpointFile === undefined ? undefined : new CheckpointFileWriter(options.checkpointFile, options.onError ?? (() => {}));
    this.memory = this.remembered(options.vkey);
    this.anchored = this.memory === undefined;
    this.verifiedStore = verifiedStore(options.store, {
      verifiedSize: () => this.verified,
      verifiedCheckpoint: () => this.verifiedCheckpoint(),
      verifyCheckpoint: (note) => {
        const verdict = this.leafRepair.guard(() => this.verifier.check(note));
        return verdict.ok && verdict.size <= this.verified ? { note, size: verdict.size, root: verdict.root } : undefined;
      },
      onCommit: (listener) => this.onCommit(listener),
      verifiedHash: (position, hash) => this.leafRepair.guard(() => this.verifier.tree.hasLeaf(position, fromHex(hash))),
      leavesRecovered: () => this.leafRepair.recovered(),
      distrust: (error) => {
        try {
          this.refuse('hash-mismatch', error);
        } catch {
          // The reader that found the edited body throws it; here it is only recorded.
        }
      },
    });
  }

  /**
   * start verifies the whole stored log against its latest checkpoint and
   * the checkpoint file, and returns the follower even when it refuses the
   * log (see `refusal`): a node that serves what it verified, or nothing,
   * and says why in /health/ready is easier to run than one that will not
   * start. Throws only when the store cannot be read.
   */
  static async start(options: FollowerOptions): Promise<LogFollower> {
    const resume = options.snapshotFile === undefined ? undefined : await resumable(options.store, options.vkey, options.snapshotFile);
    // The saved tree is the verifier's own from here on, and grows: its size now is the prefix's.
    const resumedFrom = resume?.tree.size ?? 0;
    // Taken before the tail is appended: the pass checks the saved tree, leaves and all, against the log.
    const saved = resume ? { size: resumedFrom, tree: sha256Hex(resume.tree.serialize()), digest: resume.digest ?? '' } : undefined;
    const follower = new LogFollower(options, resume);
    await follower.catchUp().catch((error: unknown) => {
      if (!(error instanceof LogIntegrityError)) throw error;
    });
    if (resume) {
      follower.resumedFrom = resumedFrom;
      follower.prefixTrusted = false;
      follower.prefixVerified = follower.verifyPrefix(saved!, options.snapshotFile!);
    }
    return follower;
  }

  /**
   * verifyPrefix verifies the log before the saved prefix again, in the background, and compares
   * the heads it leads to with the saved ones (read again from the file: the live heads moved on).
   */
  private async verifyPrefix(saved: { size: number; tree: string; digest: string }, file: string): Promise<void> {
    const { size } = saved;
    let failure: string | undefined;
    try {
      const verdict = await verifyPrefixAgain(this.store, {
        vkey: this.vkey,
        size,
        heads: new LotHeads(),
        // A resumed tree always keeps its lower levels beside the prefix file (resumable reads it so).
        leaves: { file: leavesFileOf(file), tree: this.verifier.tree },
        signal: this.closing.signal,
      });
      if (verdict === 'aborted') return;
      if (!verdict.ok) failure = verdict.detail;
      else if (sha256Hex(verdict.tree.serialize()) !== saved.tree) failure = "its Merkle tree is not the saved prefix's";
      else {
        // A slice at a time: a million heads digested (or the file read and hashed) in one go held the event loop for seconds.
        const pace = { signal: this.closing.signal };
        const again = await readPrefixFilePaced(file, this.vkey, () => new LotHeads(), openLeavesOf(file), pace);
        if (!('refused' in again)) again.tree.close();
        if ('refused' in again) failure = `the saved prefix cannot be read again: ${again.refused}`;
        else if (again.digest !== saved.digest) failure = 'the saved prefix file changed since the start';
        else {
          const savedHeads = await headsDigestPaced(again.heads, pace);
          if (savedHeads !== (await headsDigestPaced(verdict.heads, pace))) failure = "its lot-chain heads are not the saved prefix's";
        }
      }
    } catch (error) {
      // Closing stops the pass (a pause throws): that says nothing of the log.
      if (this.closing.signal.aborted) return;
      failure = `it could not be verified again: ${(error as Error).message}`;
    }
    if (failure === undefined) {
      this.prefixTrusted = true;
      return;
    }
    const detail = `the log before the saved prefix (size ${size}) does not verify: ${failure}; serving the ${this.verified} events verified, no more`;
    this.refused ??= { code: 'saved-prefix', position: 0, detail, since: Date.now(), error: new LogIntegrityError(0, detail) };
    this.refusedCount++;
    // Set aside, so that the next start verifies the whole log instead of trusting it again.
    try {
      if (existsSync(file)) renameSync(file, `${file}.refused`);
    } catch {
      // The refusal stands either way; a file that cannot be renamed is caught again at the next start.
    }
  }

  /**
   * close stops the background verification, saves the checkpoint file and, when every event it
   * verified is trusted and covered by a checkpoint, the verified prefix for the next start.
   */
  async close(): Promise<void> {
    this.closing.abort();
    await this.prefixVerified;
    await this.leafRepair.close();
    await this.flush();
    const file = this.snapshotFile;
    const saves = file !== undefined && !this.refused && this.prefixTrusted && this.verified > 0 && this.verifier.size === this.verified;
    try {
      if (saves) writePrefixFile(file, { tree: this.verifier.tree, heads: this.heads }, this.vkey);
    } finally {
      this.verifier.tree.close();
    }
  }

  /**
   * open is start for callers that must not go on with a refused log:
   * throws the refusal (LogIntegrityError), or an Error when the log holds
   * no signed checkpoint yet.
   */
  static async open(options: FollowerOptions): Promise<LogFollower> {
    const follower = await LogFollower.start(options);
    if (follower.refused) throw follower.refused.error;
    if (follower.note === '') throw new Error('the log holds no signed checkpoint yet: start the writer first');
    return follower;
  }

  /** The verified checkpoint's note; '' while nothing is verified. */
  get checkpoint(): string {
    return this.note;
  }

  /** Events covered by the verified checkpoint. */
  get size(): number {
    return this.verified;
  }

  /** Why the follower refuses the stored log, if it does. */
  get refusal(): Refusal | undefined {
    return this.refused;
  }

  /** Catch-ups refused since the follower started. */
  get refusals(): number {
    return this.refusedCount;
  }

  /** When (ms since the epoch) a catch-up last verified the store's latest checkpoint; undefined if none did. */
  get lastVerifiedAt(): number | undefined {
    return this.verifiedAt;
  }

  inclusionProof(index: number, size: number): string[] {
    if (size > this.verified) throw new RangeError(`size ${size} is past the verified log (${this.verified})`);
    return this.leafRepair.guard(() => this.verifier.tree.inclusionProof(index, size).map(toHex));
  }

  consistencyProof(from: number, to: number): string[] {
    if (to > this.verified) throw new RangeError(`size ${to} is past the verified log (${this.verified})`);
    return this.leafRepair.guard(() => this.verifier.tree.consistencyProof(from, to).map(toHex));
  }

  /** Why proofs fail now (a chunk of the leaf file being repaired from the log), or undefined. */
  get proofFailure(): string | undefined {
    return this.leafRepair.reason;
  }

  /** Chunks of the leaf file put right from the log since start (not counting the background pass's). */
  get leafChunksRepaired(): number {
    return this.leafRepair.repaired;
  }

  onCommit(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * catchUp verifies new events and advances to the store's latest
   * checkpoint. One at a time. When an event fails, it advances only as far
   * as a checkpoint within the events before it, then refuses: it throws the
   * refusal's LogIntegrityError, now and on every later call.
   */
  catchUp(): Promise<void> {
    this.catching ??= this.readNew().finally(() => (this.catching = undefined));
    return this.catching;
  }

  /** follow keeps catching up until `signal` aborts; failures are reported and retried with backoff. */
  async follow(signal: AbortSignal, onError: (error: Error) => void = () => {}): Promise<void> {
    let backoff = 100;
    while (!signal.aborted) {
      try {
        // Events read past the last checkpoint (its own read raced the commit, or a store that writes
        // them apart): look again shortly rather than wait for more events.
        if (this.verified < this.verifier.size) await new Promise((resolve) => setTimeout(resolve, 20));
        else await this.store.waitForEvents(this.verifier.size, AbortSignal.any([signal, AbortSignal.timeout(this.headCheckMs)]));
        if (signal.aborted) break;
        await this.catchUp();
        backoff = 100;
      } catch (error) {
        if (signal.aborted) break;
        onError(error as Error);
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  /** flush resolves once the checkpoint file holds the verified checkpoint (tests, shutdown). */
  flush(): Promise<void> {
    return this.file?.flush() ?? Promise.resolve();
  }

  private async readNew(): Promise<void> {
    if (this.refused) {
      this.refusedCount++;
      throw this.refused.error;
    }
    const head = await this.store.head();
    this.refuseRollback(head);
    const failure = await this.verifier.readTo(head.size);
    // A store that cannot read is retried; a row that cannot be decoded is refused like any edited row.
    if (failure?.reason === 'store-read' && !(failure.cause instanceof CorruptStoredEventError)) throw failure.cause;
    this.anchor();
    if (failure) {
      // Past a bad event, only a checkpoint inside the verified prefix may still be served.
      const within = await this.store.checkpointAt(this.verifier.size);
      if (within) this.advanceTo(within);
      this.refuse(failure.reason, LogIntegrityError.from(failure));
    }
    if (head.checkpoint) {
      this.advanceTo(head.checkpoint);
      if (this.verified === head.checkpoint.size) this.verifiedAt = Date.now();
    }
  }

  /** refuseRollback refuses a store that holds fewer events, or a shorter signed log, than were verified. */
  private refuseRollback(head: StoreHead): void {
    const signed = head.checkpoint?.size ?? 0;
    const vouched = Math.max(this.verified, this.memory?.size ?? 0);
    if (signed >= vouched && head.size >= this.verifier.size) return;
    const detail =
      `the store's signed log holds ${signed} events (${head.size} stored), fewer than the ${vouched} this node verified: ` +
      `it was rolled back or rewritten; serving the ${this.verified} verified events`;
    this.refuse('rolled-back', new LogIntegrityError(Math.min(signed, head.size), detail));
  }

  /** anchor checks, once the verified tree is long enough, that it has the remembered checkpoint's root. */
  private anchor(): void {
    if (this.anchored || !this.memory || this.verifier.size < this.memory.size) return;
    const verdict = this.leafRepair.guard(() => this.verifier.check(this.memory!.note));
    if (!verdict.ok) {
      const detail = `the stored log is not an extension of the checkpoint of ${this.memory.size} events this node verified (${verdict.detail}): a fork; serving nothing of it`;
      this.refuse('not-an-extension', new LogIntegrityError(verdict.position, detail));
    }
    this.anchored = true;
  }

  /** advanceTo moves the verified checkpoint to `checkpoint` if it is newer and verifies, then tells the listeners. */
  private advanceTo(checkpoint: StoredCheckpoint): void {
    // Below the remembered checkpoint nothing is served until the tree is shown to extend it.
    if (!this.anchored) return;
    const verdict = this.leafRepair.guard(() => this.verifier.check(checkpoint.note));
    if (!verdict.ok) {
      const error = new LogIntegrityError(verdict.position, `${verdict.detail}: refusing to serve past ${this.verified}`, verdict.reason);
      this.refuse(verdict.reason, error);
    }
    // The note's size is what is signed; a checkpoint older than the one served changes nothing.
    if (verdict.size <= this.verified && this.note !== '') return;
    this.note = checkpoint.note;
    this.verified = verdict.size;
    if (verdict.size >= (this.memory?.size ?? 0)) {
      this.memory = { note: checkpoint.note, size: verdict.size, root: verdict.root };
      this.file?.offer(checkpoint.note);
    }
    const covered = this.pending.filter((event) => event.position < verdict.size);
    this.pending = this.pending.filter((event) => event.position >= verdict.size);
    for (const listener of this.listeners) listener(covered, verdict.size);
  }

  /**
   * remembered reads the checkpoint file. A note that is not a checkpoint
   * signed by the log's key (edited, or another log's) is a memory the
   * follower cannot use: it refuses from the start rather than forget.
   */
  private remembered(vkey: string): StoredCheckpoint | undefined {
    const note = this.checkpointFile === undefined ? undefined : readCheckpointFile(this.checkpointFile);
    if (note === undefined) return undefined;
    try {
      const { size, root } = parseCheckpoint(openNote(note, [vkey]).text);
      return { note, size, root: toHex(root) };
    } catch (error) {
      const detail = `the saved checkpoint ${this.checkpointFile} does not verify with the log key (${(error as Error).message}): serving nothing`;
      const refusal = new LogIntegrityError(0, detail, 'checkpoint-signature');
      this.refused = { code: 'checkpoint-signature', position: 0, detail, since: Date.now(), error: refusal };
      return undefined;
    }
  }

  private verifiedCheckpoint(): StoredCheckpoint | undefined {
    if (this.note === '') return undefined;
    return { note: this.note, size: this.verified, root: toHex(this.leafRepair.guard(() => this.verifier.tree.root(this.verified))) };
  }

  /** refuse records the refusal (the first one stays), counts it and throws its error. */
  private refuse(code: RefusalCode, error: LogIntegrityError): never {
    this.refused ??= { code, position: error.position, detail: error.reason, since: Date.now(), error };
    this.refusedCount++;
    throw this.refused.error;
  }
}

/** resumable: the prefix saved in `file`, if it is the signed log's (its root signed at its size). */
async function resumable(store: EventStore, vkey: string, file: string): Promise<SavedPrefix<LotHeads> | undefined> {
  const saved = readPrefixFile(file, vkey, () => new LotHeads(), openLeavesOf(file));
  if ('refused' in saved) return undefined;
  if (await fitsSignedLog(store, vkey, saved.tree)) return saved;
  saved.tree.close();
  return undefined;
}

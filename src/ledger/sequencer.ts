import { formatCheckpoint, signNote, toHex, type MerkleTree } from '../hash/index.js';
import type { EventStore, IdempotencyRecord, VaultRow } from '../store/index.js';
import { type BatchOptions, DEFAULT_BATCH, type DecidedBatch, type Pending, type SignedBatch, type Waiting } from './batch.js';
import { commitFailureMessage, commitFailureOf, nothingWritten, stopsWriter } from './commitFailure.js';
import type { LedgerDomain } from './domainPort.js';
import type { IdempotencyCache, IdempotencyRequest } from './idempotency.js';
import { type CommitListener, CommitListeners, type FailedListener, type ListenerErrorHandler } from './listeners.js';
import { type CommittedState, Overlay, type StateReader } from './overlay.js';
import { type Outcome, receiptFor } from './receipt.js';
import { decideAndSeal } from './seal.js';
import { type Settled, settleCommit } from './settle.js';
import type { LogKey } from './signingKey.js';

export { DEFAULT_BATCH, type BatchOptions } from './batch.js';

/** What a Sequencer starts from: the store, the domain, the signing key and the recovered log. */
export interface SequencerOptions<Command, Actor, Entity, Rejection> {
  readonly store: EventStore;
  readonly domain: LedgerDomain<Command, Actor, Entity, Rejection>;
  readonly key: LogKey;
  /** The committed state; the sequencer updates it after each commit. */
  readonly state: CommittedState<Entity>;
  /** The Merkle tree of the stored log; the sequencer appends to it. */
  readonly tree: MerkleTree;
  /** The signed checkpoint note of `tree` as it stands. */
  readonly checkpoint: string;
  readonly idempotency: IdempotencyCache;
  readonly batch?: BatchOptions;
  readonly clock?: () => Date;
  /** Told when a commit listener throws (default: console.error); the listener is then detached. */
  readonly onListenerError?: ListenerErrorHandler;
  /**
   * How long the commands of a batch whose commit outcome is unknown wait
   * for the store to show it before they are told it is not known yet.
   * Default 10 s.
   */
  readonly settleAnswerMs?: number;
}

/** Whether the writer can take commands now, and if not, why. */
export type WriterHealth = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * How many decided batches may be unsettled at once: one in the store while the next is decided,
 * sealed and signed over it. The next waits for the first's outcome before its own append.
 */
const PIPELINE_DEPTH = 2;

/** A queue at least this long, with no batch in the store, is taken in two batches (Sequencer.batchSize). */
const SPLIT_AT = 32;

/** A decided batch not yet settled: the next batch decides over its overlay and waits for `done`. */
interface InFlight<Command, Actor, Entity, Rejection> {
  readonly decided: DecidedBatch<Command, Actor, Entity, Rejection>;
  /** True once the batch is the writer's state and its commands are answered; false if it was rolled back or queued again. */
  readonly done: Promise<boolean>;
}

/** An unanswered command that holds an idempotency key, and the outcomes of its batch. */
interface KeyHolder<Command, Actor, Rejection> {
  readonly first: Pending<Command, Actor, Rejection>;
  readonly outcomes: ReadonlyMap<Pending<Command, Actor, Rejection>, Outcome<Rejection>>;
}

/**
 * Sequencer is the single writer (DESIGN §3). Commands queue; a batch takes
 * what is queued, decides each command against the committed state plus the
 * batch's pending events, seals the accepted events (position, prev, hash,
 * Merkle leaf), signs a checkpoint, and commits events, checkpoint and
 * idempotency records in one store transaction. Only then is the state
 * updated and each command answered with its receipt. If the commit fails,
 * every accepted command of the batch fails and state is exactly as before;
 * if the append threw, the store is asked first whether the batch committed
 * anyway (settleCommit), so a committed batch is never reported as failed.
 * Batches commit strictly one after another, so positions have no gaps.
 *
 * Pipelined (PIPELINE_DEPTH): while one batch is in the store, the next is
 * decided, sealed and signed over its overlay, and appended once the first
 * committed. Nothing of the second is answered before then, rejections
 * included; if the first is rolled back, the second's commands are queued
 * again, ahead of the rest, and decided anew.
 */
export class Sequencer<Command, Actor, Entity, Rejection> {
  readonly state: CommittedState<Entity>;
  private readonly store: EventStore;
  private readonly domain: LedgerDomain<Command, Actor, Entity, Rejection>;
  private readonly key: LogKey;
  private readonly tree: MerkleTree;
  private readonly idempotency: IdempotencyCache;
  private readonly batch: BatchOptions;
  private readonly clock: () => Date;
  private checkpointNote: string;
  private queue: Pending<Command, Actor, Rejection>[] = [];
  /** A batch is taken and being decided (between schedule and the end of runBatch). */
  private deciding = false;
  /** Decided batches not yet settled, and the latest of them. */
  private inFlight = 0;
  private last: InFlight<Command, Actor, Entity, Rejection> | undefined;
  /** The idempotency keys of the commands decided and not yet answered. */
  private readonly unanswered = new Map<string, KeyHolder<Command, Actor, Rejection>>();
  private lingering: NodeJS.Timeout | undefined;
  private lastTime = '';
  private closed = false;
  /** Why this process stopped writing for good (another writer, an unknown outcome), if it did. */
  private stopReason: string | undefined;
  /** Set while the outcome of a failed append is being read from the store. */
  private settling: string | undefined;
  private readonly settleAnswerMs: number;
  private readonly listeners: CommitListeners;
  /** Called when a batch is decided or settled (close waits on them). */
  private wake: (() => void)[] = [];

  constructor(options: SequencerOptions<Command, Actor, Entity, Rejection>) {
    this.store = options.store;
    this.domain = options.domain;
    this.key = options.key;
    this.state = options.state;
    this.tree = options.tree;
    this.checkpointNote = options.checkpoint;
    this.idempotency = options.idempotency;
    this.batch = options.batch ?? DEFAULT_BATCH;
    this.clock = options.clock ?? (() => new Date());
    this.listeners = new CommitListeners(options.onListenerError);
    this.settleAnswerMs = options.settleAnswerMs ?? 10_000;
  }

  /** Log size: events committed so far. */
  get size(): number {
    return this.tree.size;
  }

  /** The latest signed checkpoint note. */
  get checkpoint(): string {
    return this.checkpointNote;
  }

  /**
   * onCommit calls `listener` after each commit with the batch's events, in
   * log order. One that throws is logged, detached and named by
   * failedListeners() and health(); the commit stands.
   */
  onCommit(listener: CommitListener, name?: string): () => void {
    return this.listeners.add(listener, name);
  }

  /** The commit listeners that threw and were detached. */
  failedListeners(): readonly FailedListener[] {
    return this.listeners.failed();
  }

  /**
   * health is ok while the writer takes commands: not after it stopped
   * (closed, another writer, an unknown commit outcome), not while it reads
   * the outcome of a failed append, not while the store cannot append (a
   * PostgreSQL writer reconnecting or without its lock), and not once a
   * commit listener failed.
   */
  health(): WriterHealth {
    if (this.closed) return { ok: false, reason: this.stopReason ?? 'the ledger is shutting down' };
    if (this.settling) return { ok: false, reason: this.settling };
    const store = this.store.health?.();
    if (store && !store.ok) return store;
    const listenerFailure = this.listeners.failureReason();
    return listenerFailure ? { ok: false, reason: listenerFailure } : { ok: true };
  }

  /** submit queues a command and resolves with its receipt or why it was refused. */
  submit(command: Command, actor: Actor, idempotency?: IdempotencyRequest, vault: readonly VaultRow[] = []): Promise<Outcome<Rejection>> {
    if (this.closed) return Promise.resolve({ ok: false, kind: 'unavailable', message: this.stopReason ?? 'the ledger is shutting down' });
    // A store that cannot append now (reconnecting, lock lost) says why at once rather than after a failed commit.
    const store = this.store.health?.();
    if (store && !store.ok) return Promise.resolve({ ok: false, kind: 'unavailable', message: store.reason });
    return new Promise((resolve) => {
      this.queue.push({ command, actor, idempotency, vault, resolve });
      this.schedule();
    });
  }

  /** close refuses new commands and waits for queued ones to be answered. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.deciding || this.inFlight > 0 || this.queue.length > 0) {
      const changed = new Promise<void>((resolve) => this.wake.push(resolve));
      this.schedule(true);
      await changed;
    }
  }

  private changed(): void {
    const wake = this.wake;
    this.wake = [];
    for (const resolve of wake) resolve();
  }

  private schedule(now = false): void {
    if (this.deciding || this.queue.length === 0 || this.inFlight >= PIPELINE_DEPTH) return;
    if (!now && this.queue.length < this.batch.maxCommands && this.batch.maxWaitMs > 0) {
      this.lingering ??= setTimeout(() => {
        this.lingering = undefined;
        this.schedule(true);
      }, this.batch.maxWaitMs);
      return;
    }
    if (this.lingering) clearTimeout(this.lingering);
    this.lingering = undefined;
    this.deciding = true;
    // setImmediate lets every submit of the current tick join this batch.
    setImmediate(() => this.runBatch());
  }

  private runBatch(): void {
    const size = this.batchSize();
    // What a split leaves behind is the second half of one batch: it does not linger for more.
    const split = size < Math.min(this.queue.length, this.batch.maxCommands);
    const taken = this.queue.splice(0, size);
    let started: InFlight<Command, Actor, Entity, Rejection> | undefined;
    try {
      started = this.startBatch(taken, this.last);
    } finally {
      this.deciding = false;
    }
    if (started) {
      const batch = started;
      this.inFlight++;
      this.last = batch;
      void batch.done.finally(() => {
        this.inFlight--;
        if (this.last === batch) this.last = undefined;
        this.changed();
        this.schedule(this.closed);
      });
    }
    this.changed();
    this.schedule(this.closed || split);
  }

  /**
   * How many queued commands the next batch takes. With nothing in the store, a long queue is
   * split in two so the second half is decided while the first commits: closed-loop submitters
   * then form two groups that take turns, and the pipeline stays full.
   */
  private batchSize(): number {
    const size = Math.min(this.queue.length, this.batch.maxCommands);
    return this.inFlight === 0 && size >= SPLIT_AT ? Math.ceil(size / 2) : size;
  }

  /**
   * startBatch decides and signs a batch over `previous` (the batch still in the store, if any)
   * and returns it in flight; undefined when it was answered at once (nothing to write, nothing before it).
   */
  private startBatch(
    taken: Pending<Command, Actor, Rejection>[],
    previous: InFlight<Command, Actor, Entity, Rejection> | undefined,
  ): InFlight<Command, Actor, Entity, Rejection> | undefined {
    const stopped = this.stopReason;
    // Commands queued before the writer stopped are not decided against a state that may no longer be the store's.
    if (stopped !== undefined) {
      for (const pending of taken) pending.resolve({ ok: false, kind: 'unavailable', message: stopped });
      return undefined;
    }
    const decided = this.decideBatch(taken, previous?.decided.overlay ?? this.state);
    if (previous === undefined) this.answerEarly(decided);
    if (decided.events.length === 0 && previous === undefined) {
      this.answerUnwritten(decided);
      return undefined;
    }
    const signed = decided.events.length > 0 ? this.sign(decided) : undefined;
    return { decided, done: this.commitBatch(decided, signed, previous) };
  }

  /**
   * commitBatch waits for the batch before (if any) and then persists the batch and applies it
   * (or rolls it back). Built over a batch that was rolled back, it is queued again instead.
   */
  private async commitBatch(
    decided: DecidedBatch<Command, Actor, Entity, Rejection>,
    signed: SignedBatch | undefined,
    previous: InFlight<Command, Actor, Entity, Rejection> | undefined,
  ): Promise<boolean> {
    if (previous !== undefined) {
      if (!(await previous.done)) {
        // Its tree leaves went with the batch before; its commands are decided again, in their order.
        this.forgetKeys(decided);
        this.queue.unshift(...decided.taken);
        return false;
      }
      // What the batch before wrote is in the committed state now.
      decided.overlay.rebase(this.state);
      this.answerEarly(decided);
      for (const repeat of decided.repeats) answerRepeat(repeat);
    }
    if (signed === undefined) {
      this.answerUnwritten(decided);
      return true;
    }
    const stopped = this.stopReason;
    if (stopped !== undefined) {
      this.rollBack(decided, stopped);
      return false;
    }
    const persisted = await this.persist(decided, signed);
    if (!persisted.committed) {
      const message = commitFailureMessage(persisted.failure);
      if (stopsWriter(persisted.failure)) this.stop(message);
      this.rollBack(decided, message);
      return false;
    }
    this.apply(decided, signed);
    if (persisted.laterSize !== undefined) {
      this.stop(commitFailureMessage({ kind: 'position-conflict', expected: signed.checkpoint.size, actual: persisted.laterSize }));
    }
    return true;
  }

  /**
   * decideBatch answers what needs no commit at once (idempotent replays and
   * conflicts, rejections) and decides and seals the rest, in queue order,
   * each against the committed state plus the batch's earlier events.
   */
  private decideBatch(
    taken: Pending<Command, Actor, Rejection>[],
    base: StateReader<Entity>,
  ): DecidedBatch<Command, Actor, Entity, Rejection> {
    const time = this.nextTime();
    const decided: DecidedBatch<Command, Actor, Entity, Rejection> = {
      taken,
      startSize: this.tree.size,
      overlay: new Overlay<Entity>(base),
      accepted: [],
      waiting: [],
      repeats: [],
      early: [],
      keyed: [],
      outcomes: new Map(),
      events: [],
      bodies: [],
      vault: [],
    };
    const seal = { domain: this.domain, tree: this.tree, time, batchOverlay: decided.overlay };
    for (const pending of taken) {
      const replay = this.checkIdempotency(pending);
      if (replay === 'conflict') {
        decided.early.push([
          pending,
          { ok: false, kind: 'idempotency-conflict', message: 'this Idempotency-Key was used with another request body' },
        ]);
        continue;
      }
      if (replay !== undefined) {
        if ('first' in replay)
          (replay.first.outcomes === decided.outcomes ? decided.waiting : decided.repeats).push({ pending, ...replay.first });
        else decided.early.push([pending, replay.outcome]);
        continue;
      }
      if (pending.idempotency) {
        this.unanswered.set(pending.idempotency.id, { first: pending, outcomes: decided.outcomes });
        decided.keyed.push(pending);
      }
      const sealed = decideAndSeal(seal, pending.command, pending.actor);
      if (!sealed.ok) {
        const outcome: Outcome<Rejection> = { ok: false, kind: 'rejected', rejection: sealed.rejection };
        decided.outcomes.set(pending, outcome);
        decided.early.push([pending, outcome]);
        continue;
      }
      decided.accepted.push({ pending, events: sealed.events });
      decided.events.push(...sealed.events);
      decided.bodies.push(...sealed.bodies);
      decided.vault.push(...pending.vault);
    }
    return decided;
  }

  /** sign signs a checkpoint of the tree with the batch's leaves, and makes each accepted command's receipt and idempotency record. */
  private sign(decided: DecidedBatch<Command, Actor, Entity, Rejection>): SignedBatch {
    const size = this.tree.size;
    const root = this.tree.root();
    const note = signNote(formatCheckpoint({ origin: this.key.origin, size, root }), this.key.skey);
    const records: IdempotencyRecord[] = [];
    const proofs = this.tree.hexProofs(size);
    for (const { pending, events } of decided.accepted) {
      const receipt = receiptFor(this.tree, events, size, note, proofs);
      decided.outcomes.set(pending, { ok: true, receipt, events, replayed: false });
      if (pending.idempotency) records.push(this.idempotency.record(pending.idempotency, receipt, events));
    }
    return { checkpoint: { size, root: toHex(root), note }, records };
  }

  /**
   * persist writes the batch in one store transaction and says whether it
   * committed. After an error that does not prove nothing was written
   * (nothingWritten), the store's settled head decides, never the error:
   * we always re-read rather than trust adapters to classify errors, since
   * errors are rare and only the store knows what it holds.
   */
  private async persist(decided: DecidedBatch<Command, Actor, Entity, Rejection>, signed: SignedBatch): Promise<Settled> {
    try {
      const result = await this.store.appendBatch({
        events: decided.events,
        bodies: decided.bodies,
        checkpoint: signed.checkpoint,
        idempotency: signed.records,
        ...(decided.vault.length > 0 ? { vault: decided.vault } : {}),
      });
      const failure = commitFailureOf(result);
      return failure ? { committed: false, failure } : { committed: true };
    } catch (error) {
      if (nothingWritten(error)) return { committed: false, failure: { kind: 'store-error', error } };
      return this.settle(decided, signed, error);
    }
  }

  /**
   * settle reads whether a batch whose append threw committed. Its commands
   * wait for the answer; after settleAnswerMs they are told it is not known
   * yet (a later resolve of the same promise is a no-op) while the writer
   * goes on waiting, so its state matches the store either way.
   */
  private async settle(decided: DecidedBatch<Command, Actor, Entity, Rejection>, signed: SignedBatch, error: unknown): Promise<Settled> {
    const start = decided.startSize;
    const cause = error instanceof Error ? error.message : String(error);
    this.settling = `reading from the store whether the batch at positions ${start}..${signed.checkpoint.size - 1} committed (its append failed: ${cause})`;
    const tell = (message: string): void => {
      for (const { pending } of [...decided.accepted, ...decided.waiting]) pending.resolve({ ok: false, kind: 'unavailable', message });
    };
    try {
      return await settleCommit(this.store, { start, checkpoint: signed.checkpoint, error }, { afterMs: this.settleAnswerMs, tell });
    } finally {
      this.settling = undefined;
    }
  }

  /** Why the writer stopped taking commands other than closing, if it did. */
  get stoppedFor(): string | undefined {
    return this.stopReason;
  }

  /** halt: refuse every further command from now on, saying why (a failed background verification). */
  halt(reason: string): void {
    this.stop(reason);
  }

  /** stop makes this process refuse every further command, saying why. */
  private stop(reason: string): void {
    this.stopReason ??= reason;
    this.closed = true;
  }

  /**
   * rollBack forgets the batch (the tree back to its start; the overlay is
   * dropped) and answers its commands `unavailable`. After a position
   * conflict another process writes the log, and after an unknown outcome
   * the tree may not match the store: this process stops taking commands.
   */
  private rollBack(decided: DecidedBatch<Command, Actor, Entity, Rejection>, message: string): void {
    this.tree.truncate(decided.startSize);
    this.forgetKeys(decided);
    for (const { pending } of decided.accepted) pending.resolve({ ok: false, kind: 'unavailable', message });
    for (const { pending } of decided.waiting) pending.resolve({ ok: false, kind: 'unavailable', message });
  }

  /** apply makes a committed batch the writer's state, answers its commands and tells the listeners. */
  private apply(decided: DecidedBatch<Command, Actor, Entity, Rejection>, signed: SignedBatch): void {
    decided.overlay.commitTo(this.state);
    const { entities } = this.state;
    if (entities.applied) for (const event of decided.events) entities.applied(event);
    this.checkpointNote = signed.checkpoint.note;
    for (const record of signed.records) this.idempotency.remember(record);
    this.forgetKeys(decided);
    for (const { pending } of decided.accepted) pending.resolve(decided.outcomes.get(pending)!);
    this.answerWaiting(decided);
    this.listeners.notify(decided.events, signed.checkpoint.size);
  }

  /**
   * checkIdempotency says whether a command repeats a key: the first of the
   * batch with that key to wait for, the remembered result to replay, or a
   * conflict (same key, another body); undefined for a fresh command.
   */
  private checkIdempotency(
    pending: Pending<Command, Actor, Rejection>,
  ): undefined | 'conflict' | { outcome: Outcome<Rejection> } | { first: KeyHolder<Command, Actor, Rejection> } {
    const request = pending.idempotency;
    if (!request) return undefined;
    const holder = this.unanswered.get(request.id);
    if (holder) return holder.first.idempotency!.requestHash === request.requestHash ? { first: holder } : 'conflict';
    const known = this.idempotency.lookup(request);
    if (known === undefined) return undefined;
    if (known === 'conflict') return 'conflict';
    return { outcome: { ok: true, receipt: known.receipt, events: known.events, replayed: true } };
  }

  /** answerWaiting gives each repeat of a key its first command's answer, as a replay when it succeeded. */
  private answerWaiting(decided: DecidedBatch<Command, Actor, Entity, Rejection>): void {
    for (const waiting of decided.waiting) answerRepeat(waiting);
  }

  /** answerUnwritten finishes a batch that has nothing to write: its repeats of a key get their first's answer. */
  private answerUnwritten(decided: DecidedBatch<Command, Actor, Entity, Rejection>): void {
    this.forgetKeys(decided);
    this.answerWaiting(decided);
  }

  /** answerEarly gives the answers known at deciding (rejections, conflicts, replays of stored keys). */
  private answerEarly(decided: DecidedBatch<Command, Actor, Entity, Rejection>): void {
    for (const [pending, outcome] of decided.early) pending.resolve(outcome);
  }

  /** forgetKeys releases the batch's idempotency keys once its commands are answered (or queued again). */
  private forgetKeys(decided: DecidedBatch<Command, Actor, Entity, Rejection>): void {
    for (const pending of decided.keyed) {
      const id = pending.idempotency!.id;
      if (this.unanswered.get(id)?.first === pending) this.unanswered.delete(id);
    }
  }

  /** The batch's timestamp: the clock, but never earlier than the previous batch's. */
  private nextTime(): string {
    const now = this.clock().toISOString();
    if (now > this.lastTime) this.lastTime = now;
    return this.lastTime;
  }
}

/**
 * answerRepeat answers a repeat of a key with its first command's outcome, as a replay when it
 * succeeded; the first's batch has settled by then (it is this batch or the one before it).
 */
function answerRepeat<Command, Actor, Rejection>({ pending, first, outcomes }: Waiting<Command, Actor, Rejection>): void {
  const outcome = outcomes.get(first);
  // The first's batch was rolled back before this one committed: then this one was queued again, never here.
  if (outcome === undefined) throw new Error('a repeated idempotency key is answered before its first command');
  pending.resolve(outcome.ok ? { ...outcome, replayed: true } : outcome);
}

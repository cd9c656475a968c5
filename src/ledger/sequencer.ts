import { LOT_TAG_PREFIX, computePrev, eventBody, formatCheckpoint, sha256Hex, signNote, toHex, type MerkleTree } from '../hash/index.js';
import { rememberBody, type EventStore, type IdempotencyRecord, type SealedEvent } from '../store/index.js';
import type { LedgerDomain } from './domainPort.js';
import type { IdempotencyCache, IdempotencyRequest } from './idempotency.js';
import { type CommittedState, Overlay } from './overlay.js';
import type { Outcome, Receipt } from './receipt.js';
import type { LogKey } from './signingKey.js';

export interface BatchOptions {
  /** A batch closes when it holds this many commands… */
  readonly maxCommands: number;
  /** …or this long after its first command arrived while the writer was idle. */
  readonly maxWaitMs: number;
}

export const DEFAULT_BATCH: BatchOptions = { maxCommands: 1024, maxWaitMs: 0 };

interface Pending<Command, Actor, Rejection> {
  readonly command: Command;
  readonly actor: Actor;
  readonly idempotency: IdempotencyRequest | undefined;
  readonly resolve: (outcome: Outcome<Rejection>) => void;
}

export type CommitListener = (events: readonly SealedEvent[], size: number) => void;

/**
 * Sequencer is the single writer (DESIGN §3). Commands queue; a batch takes
 * what is queued, decides each command against the committed state plus the
 * batch's pending events, seals the accepted events (position, prev, hash,
 * Merkle leaf), signs a checkpoint, and commits events, checkpoint and
 * idempotency records in one store transaction. Only then is the state
 * updated and each command answered with its receipt. If the commit fails,
 * every accepted command of the batch fails and state is exactly as before.
 * Batches commit strictly one after another, so positions have no gaps.
 */
export class Sequencer<Command, Actor, Entity, Rejection> {
  private queue: Pending<Command, Actor, Rejection>[] = [];
  private running = false;
  private lingering: NodeJS.Timeout | undefined;
  private lastTime = '';
  private closed = false;
  private readonly listeners = new Set<CommitListener>();
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};
  private checkpointNote: string;

  constructor(
    private readonly store: EventStore,
    private readonly domain: LedgerDomain<Command, Actor, Entity, Rejection>,
    private readonly key: LogKey,
    readonly state: CommittedState<Entity>,
    private readonly tree: MerkleTree,
    checkpointNote: string,
    private readonly idempotencyCache: IdempotencyCache,
    private readonly batch: BatchOptions = DEFAULT_BATCH,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.checkpointNote = checkpointNote;
  }

  /** Log size: events committed so far. */
  get size(): number {
    return this.tree.size;
  }

  /** The latest signed checkpoint note. */
  get checkpoint(): string {
    return this.checkpointNote;
  }

  /** Called after each commit with the batch's events, in log order. */
  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** submit queues a command and resolves with its receipt or why it was refused. */
  submit(command: Command, actor: Actor, idempotency?: IdempotencyRequest): Promise<Outcome<Rejection>> {
    if (this.closed) return Promise.resolve({ ok: false, kind: 'unavailable', message: 'the ledger is shutting down' });
    return new Promise((resolve) => {
      this.queue.push({ command, actor, idempotency, resolve });
      this.schedule();
    });
  }

  /** close refuses new commands and waits for queued ones to be answered. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.running || this.queue.length > 0) {
      this.schedule(true);
      await this.idle;
    }
  }

  private schedule(now = false): void {
    if (this.running || this.queue.length === 0) return;
    if (!now && this.queue.length < this.batch.maxCommands && this.batch.maxWaitMs > 0) {
      this.lingering ??= setTimeout(() => {
        this.lingering = undefined;
        this.schedule(true);
      }, this.batch.maxWaitMs);
      return;
    }
    if (this.lingering) clearTimeout(this.lingering);
    this.lingering = undefined;
    this.running = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    // setImmediate lets every submit of the current tick join this batch.
    setImmediate(() => void this.runBatch());
  }

  private async runBatch(): Promise<void> {
    const taken = this.queue.splice(0, this.batch.maxCommands);
    try {
      await this.commitBatch(taken);
    } finally {
      this.running = false;
      this.markIdle();
      this.schedule(this.closed);
    }
  }

  private async commitBatch(taken: Pending<Command, Actor, Rejection>[]): Promise<void> {
    const startSize = this.tree.size;
    const overlay = new Overlay<Entity>(this.state);
    const time = this.nextTime();
    const accepted: { pending: Pending<Command, Actor, Rejection>; events: SealedEvent[] }[] = [];
    const sealed: SealedEvent[] = [];
    const records: IdempotencyRecord[] = [];
    const waiting: { pending: Pending<Command, Actor, Rejection>; first: Pending<Command, Actor, Rejection> }[] = [];
    const batchKeys = new Map<string, Pending<Command, Actor, Rejection>>();
    const outcomes = new Map<Pending<Command, Actor, Rejection>, Outcome<Rejection>>();

    for (const pending of taken) {
      const replay = this.checkIdempotency(pending, batchKeys);
      if (replay === 'conflict') {
        pending.resolve({ ok: false, kind: 'idempotency-conflict', message: 'this Idempotency-Key was used with another request body' });
        continue;
      }
      if (replay !== undefined) {
        if ('first' in replay) waiting.push({ pending, first: replay.first });
        else pending.resolve(replay.outcome);
        continue;
      }
      if (pending.idempotency) batchKeys.set(pending.idempotency.cacheKey, pending);
      const events = this.decideAndSeal(pending, time, overlay);
      if (!Array.isArray(events)) {
        outcomes.set(pending, events);
        pending.resolve(events);
        continue;
      }
      accepted.push({ pending, events });
      sealed.push(...events);
    }

    if (sealed.length === 0) {
      this.answerWaiting(waiting, outcomes);
      return;
    }

    const size = this.tree.size;
    const root = this.tree.root();
    const note = signNote(formatCheckpoint({ origin: this.key.origin, size, root }), this.key.skey);
    for (const { pending, events } of accepted) {
      const receipt = this.receiptFor(events, size, note);
      const outcome: Outcome<Rejection> = { ok: true, receipt, events, replayed: false };
      outcomes.set(pending, outcome);
      if (pending.idempotency) records.push(this.idempotencyCache.record(pending.idempotency, receipt, events));
    }

    let failure: string | undefined;
    try {
      const result = await this.store.appendBatch({
        events: sealed,
        checkpoint: { size, root: Buffer.from(root).toString('hex'), note },
        idempotency: records,
      });
      if (!result.ok)
        failure = `another writer appended to the log (expected size ${result.expected}, found ${result.actual}); this process is no longer the writer`;
    } catch (error) {
      failure = `the store did not commit the batch: ${(error as Error).message}`;
    }

    if (failure !== undefined) {
      this.tree.truncate(startSize);
      for (const { pending } of accepted) pending.resolve({ ok: false, kind: 'unavailable', message: failure });
      for (const { pending } of waiting) pending.resolve({ ok: false, kind: 'unavailable', message: failure });
      if (failure.startsWith('another writer')) this.closed = true;
      return;
    }

    overlay.commitTo(this.state);
    this.checkpointNote = note;
    for (const record of records) this.idempotencyCache.remember(record);
    for (const { pending } of accepted) pending.resolve(outcomes.get(pending)!);
    this.answerWaiting(waiting, outcomes);
    for (const listener of this.listeners) listener(sealed, size);
  }

  /** Decides one command in its own overlay and seals its events, or returns why not. */
  private decideAndSeal(
    pending: Pending<Command, Actor, Rejection>,
    time: string,
    batchOverlay: Overlay<Entity>,
  ): SealedEvent[] | Outcome<Rejection> {
    const view = new Overlay<Entity>(batchOverlay);
    const decision = this.domain.decide(pending.command, { time, actor: pending.actor }, view);
    if (!decision.ok) return { ok: false, kind: 'rejected', rejection: decision.rejection };
    const startSize = this.tree.size;
    const actor = this.domain.actorId(pending.actor);
    const events: SealedEvent[] = [];
    try {
      for (const draft of decision.events) {
        const body = {
          v: 1 as const,
          position: this.tree.size,
          type: draft.type,
          time,
          actor,
          tags: [...draft.tags],
          data: draft.data,
          prev: computePrev(draft.tags, (tag) => view.head(tag)),
        };
        const text = eventBody(body);
        const hash = sha256Hex(text);
        const event: SealedEvent = { ...body, hash };
        rememberBody(event, text);
        for (const tag of draft.tags) {
          if (tag.startsWith(LOT_TAG_PREFIX)) view.setHead(tag, hash);
          const next = this.domain.evolve(tag, view.get(tag), event);
          if (next !== undefined) view.set(tag, next);
        }
        this.tree.append(Buffer.from(hash, 'hex'));
        events.push(event);
      }
    } catch (error) {
      this.tree.truncate(startSize);
      return { ok: false, kind: 'rejected', rejection: this.domain.invalidEvent((error as Error).message) };
    }
    batchOverlay.merge(view);
    return events;
  }

  private checkIdempotency(
    pending: Pending<Command, Actor, Rejection>,
    batchKeys: Map<string, Pending<Command, Actor, Rejection>>,
  ): undefined | 'conflict' | { outcome: Outcome<Rejection> } | { first: Pending<Command, Actor, Rejection> } {
    const request = pending.idempotency;
    if (!request) return undefined;
    const inBatch = batchKeys.get(request.cacheKey);
    if (inBatch) return inBatch.idempotency!.requestHash === request.requestHash ? { first: inBatch } : 'conflict';
    const known = this.idempotencyCache.lookup(request);
    if (known === undefined) return undefined;
    if (known === 'conflict') return 'conflict';
    return { outcome: { ok: true, receipt: known.receipt, events: known.events, replayed: true } };
  }

  private answerWaiting(
    waiting: { pending: Pending<Command, Actor, Rejection>; first: Pending<Command, Actor, Rejection> }[],
    outcomes: Map<Pending<Command, Actor, Rejection>, Outcome<Rejection>>,
  ): void {
    for (const { pending, first } of waiting) {
      const outcome = outcomes.get(first)!;
      pending.resolve(outcome.ok ? { ...outcome, replayed: true } : outcome);
    }
  }

  private receiptFor(events: readonly SealedEvent[], size: number, checkpoint: string): Receipt {
    return {
      size,
      checkpoint,
      events: events.map((event) => ({
        position: event.position,
        hash: event.hash,
        inclusion: this.tree.inclusionProof(event.position, size).map(toHex),
      })),
    };
  }

  /** The batch's timestamp: the clock, but never earlier than the previous batch's. */
  private nextTime(): string {
    const now = this.clock().toISOString();
    if (now > this.lastTime) this.lastTime = now;
    return this.lastTime;
  }
}

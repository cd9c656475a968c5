import type { IdempotencyRecord, SealedEvent, StoredCheckpoint, VaultRow } from '../store/index.js';
import type { IdempotencyRequest } from './idempotency.js';
import type { Overlay } from './overlay.js';
import type { Outcome } from './receipt.js';

/** How the Sequencer groups commands into batches, and what a batch carries from deciding to answering. */

export interface BatchOptions {
  /** A batch closes when it holds this many commands… */
  readonly maxCommands: number;
  /** …or this long after its first command arrived while the writer was idle. */
  readonly maxWaitMs: number;
}

export const DEFAULT_BATCH: BatchOptions = { maxCommands: 1024, maxWaitMs: 0 };

/** A queued command and how to answer it. */
export interface Pending<Command, Actor, Rejection> {
  readonly command: Command;
  readonly actor: Actor;
  readonly idempotency: IdempotencyRequest | undefined;
  /** Personal-data rows the command's events commit to: written with the batch only if the command is accepted. */
  readonly vault: readonly VaultRow[];
  readonly resolve: (outcome: Outcome<Rejection>) => void;
}

/** A command repeating an idempotency key of a command not yet answered: it gets that one's answer. */
export interface Waiting<Command, Actor, Rejection> {
  readonly pending: Pending<Command, Actor, Rejection>;
  readonly first: Pending<Command, Actor, Rejection>;
  /** The outcomes of the batch that holds `first`. */
  readonly outcomes: ReadonlyMap<Pending<Command, Actor, Rejection>, Outcome<Rejection>>;
}

/** A batch after deciding: what to write, and who waits for the answer. */
export interface DecidedBatch<Command, Actor, Entity, Rejection> {
  /** The commands the batch took, in queue order: queued again if the batch it was decided over is rolled back. */
  readonly taken: readonly Pending<Command, Actor, Rejection>[];
  /** The tree size before the batch, to roll back to if the commit fails. */
  readonly startSize: number;
  readonly overlay: Overlay<Entity>;
  readonly accepted: { readonly pending: Pending<Command, Actor, Rejection>; readonly events: readonly SealedEvent[] }[];
  /** Repeats of an idempotency key held by an earlier command of this batch: answered with the batch. */
  readonly waiting: Waiting<Command, Actor, Rejection>[];
  /** Repeats of a key held by a command of the batch before, still in the store: answered once it committed. */
  readonly repeats: Waiting<Command, Actor, Rejection>[];
  /** Answers known at deciding (rejections, conflicts): given at once, or once the batch before commits. */
  readonly early: [Pending<Command, Actor, Rejection>, Outcome<Rejection>][];
  /** The commands that hold an idempotency key while the batch is undecided in the store. */
  readonly keyed: Pending<Command, Actor, Rejection>[];
  /** Each decided command's answer once known (rejections at deciding, receipts when signed). */
  readonly outcomes: Map<Pending<Command, Actor, Rejection>, Outcome<Rejection>>;
  readonly events: SealedEvent[];
  /** bodies[i] is the canonical text events[i] was hashed from, handed to the store as-is. */
  readonly bodies: string[];
  /** The vault rows of the accepted commands, written in the batch's transaction. */
  readonly vault: VaultRow[];
}

/** What signing adds to a decided batch: the checkpoint and the idempotency records to store with it. */
export interface SignedBatch {
  readonly checkpoint: StoredCheckpoint;
  readonly records: IdempotencyRecord[];
}

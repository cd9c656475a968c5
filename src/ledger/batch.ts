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

/** A batch after deciding: what to write, and who waits for the answer. */
export interface DecidedBatch<Command, Actor, Entity, Rejection> {
  /** The tree size before the batch, to roll back to if the commit fails. */
  readonly startSize: number;
  readonly overlay: Overlay<Entity>;
  readonly accepted: { readonly pending: Pending<Command, Actor, Rejection>; readonly events: readonly SealedEvent[] }[];
  /** Repeats of an idempotency key already in this batch: they get the first one's answer. */
  readonly waiting: { readonly pending: Pending<Command, Actor, Rejection>; readonly first: Pending<Command, Actor, Rejection> }[];
  /** Each decided command's answer once known (rejections at once, receipts when signed). */
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

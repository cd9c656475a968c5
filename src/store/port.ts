import type { LoggedEvent } from '../hash/index.js';

/**
 * The event-store port: the ledger's only storage API. Adapters (memory,
 * sqlite, postgres, kurrentdb) implement it without business rules; one
 * contract suite (test/store/contract.ts) runs against each of them.
 */

/**
 * An event as stored and as hashed (DESIGN §4), plus its hash (hex): the
 * fields and their hashing are defined once, in src/hash (LoggedEvent).
 */
export interface SealedEvent extends LoggedEvent {
  readonly v: 1 | 2;
}

/** A signed checkpoint: C2SP tlog-checkpoint body signed as a signed note. */
export interface StoredCheckpoint {
  readonly size: number;
  /** Root hash of the first `size` leaves, lower-case hex. */
  readonly root: string;
  /** The whole signed note text, as served at /v1/log/checkpoint. */
  readonly note: string;
}

/**
 * The remembered outcome of an idempotent command. Its identity is
 * (principal, key), as idempotencyId joins them; adapters store and look up
 * the two fields as they are. Uniqueness rule: a store holds at most one
 * record per (principal, key). A batch carrying a record
 * whose (principal, key) is already stored, or appears twice in the batch,
 * is refused whole: appendBatch throws DuplicateIdempotencyKeyError and
 * nothing of the batch is written. (The contract suite uses this to test
 * atomicity of a failed batch on every adapter.)
 */
export interface IdempotencyRecord {
  readonly principal: string;
  readonly key: string;
  /** Hash of the request body, to refuse the same key with another body. */
  readonly requestHash: string;
  /** The original response (JSON text), returned again on a retry. */
  readonly response: string;
}

/**
 * What one group commit writes, all or nothing. The batch starts at
 * `checkpoint.size - events.length`; events carry consecutive positions from
 * there. A batch may have no events (re-signing the current tree): its
 * checkpoint then replaces any stored one of the same size.
 */
export interface AppendBatch {
  /** Consecutive positions starting at the store's current size. */
  readonly events: readonly SealedEvent[];
  /**
   * bodies[i], when present, is the canonical JSON of events[i] without its
   * hash, as the writer hashed it; adapters store it as-is instead of
   * serialising the event again (see codec.ts). It must parse to exactly the
   * event's fields other than `hash`. Requires bodies.length = events.length.
   * The text rides beside the events rather than on them, so an event never
   * carries a body that could disagree with its fields or leak into answers.
   */
  readonly bodies?: readonly string[];
  /** Covers the whole log after this batch: size = start + events.length. */
  readonly checkpoint: StoredCheckpoint;
  readonly idempotency: readonly IdempotencyRecord[];
  /**
   * Personal-data rows written in the same transaction as the events that
   * commit to them, so an event never points at a missing row and a refused
   * batch leaves none. A row whose ref is already stored (erased ones
   * included) or appears twice in the batch refuses the batch whole:
   * appendBatch throws DuplicateVaultRefError. Absent or empty, the append
   * runs exactly as before.
   */
  readonly vault?: readonly VaultRow[];
}

/**
 * A personal-data row of the vault: the data of a natural person kept
 * beside the log, never in it. The log's event holds only `ref` and the
 * commitment SHA-256(salt ‖ JCS(data)) (src/hash personalCommitment).
 * Adapters store every field as given and check nothing about them.
 */
export interface VaultRow {
  /** The reference an event names; unique in the store for ever, even after erasure. */
  readonly ref: string;
  /** The 32-byte salt of the commitment, lower-case hex. */
  readonly salt: string;
  /** The personal data as JSON text, stored and returned byte for byte. */
  readonly data: string;
  /** The principal that recorded it (who may read and erase it is decided above the store). */
  readonly recordedBy: string;
  /** The region code of the lot or operator it belongs to, for regulators' access. */
  readonly region: string;
  readonly createdAt: string;
}

/**
 * What readPersonal finds under a ref. Erasure keeps a tombstone: the row
 * without its data and salt, plus when it was erased. Why a tombstone rather
 * than deleting the row: a read can answer 已删除 (erased) apart from
 * "never existed" without scanning the log for the erasure event; the
 * tombstone still names recordedBy and region, so the same access rules
 * decide who may learn that it was erased; and the ref stays taken, so no
 * later row can reuse it and pair new data with an old event's commitment.
 * The tombstone holds no personal data (a ref must not be made of any).
 */
export type PersonalEntry =
  | (VaultRow & { readonly erased: false })
  | (Omit<VaultRow, 'salt' | 'data'> & { readonly erased: true; readonly erasedAt: string });

/** The outcome of erasePersonal: a value, as conflicts are. */
export type EraseOutcome = 'erased' | 'already-erased' | 'unknown-ref';

/** A read of personal data, as the API records it: who read which ref, why and when. */
export interface AccessRecord {
  readonly ref: string;
  readonly principal: string;
  /** The purpose the caller gave. */
  readonly purpose: string;
  readonly at: string;
}

/** An access record as stored: `seq` orders the records and is the paging cursor. */
export interface StoredAccessRecord extends AccessRecord {
  readonly seq: number;
}

export interface AccessQuery {
  /** Only the records of this ref. */
  readonly ref?: string;
  /** Only records with seq > after (the last seq of the previous page). */
  readonly after?: number;
  readonly limit: number;
}

/**
 * PersonalVault is the mutable side of a store: personal-data rows and the
 * record of who read them. It is not part of the verified log: nothing in
 * it is hashed, signed or copied to followers by the log.
 */
export interface PersonalVault {
  readPersonal(ref: string): Promise<PersonalEntry | undefined>;
  /**
   * erasePersonal deletes the data and salt under `ref`, keeping the
   * tombstone (PersonalEntry) stamped `erasedAt`; the writer only. On
   * sqlite the deleted bytes are overwritten (secure_delete) and the WAL is
   * checkpointed and truncated right after, retried shortly while readers
   * hold it; on PostgreSQL the table is vacuumed (see postgres/vault.ts for
   * what that does and does not remove).
   */
  erasePersonal(ref: string, erasedAt: string): Promise<EraseOutcome>;
  /** recordAccess appends an access record; readers may record too (a node serving a read records it). */
  recordAccess(record: AccessRecord): Promise<void>;
  /** Access records in seq order, at most `limit`, filtered by ref and after a seq. */
  accessRecords(query: AccessQuery): Promise<StoredAccessRecord[]>;
}

export type AppendResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'position-conflict'; readonly expected: number; readonly actual: number };

export interface StoreHead {
  readonly size: number;
  readonly checkpoint?: StoredCheckpoint;
}

/** Whether a store can take appends now, and if not, why (said to operators and to refused commands). */
export type StoreHealth = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * AppendFaults are test hooks for the durability suites, never set in
 * production. insideTransaction runs inside appendBatch's transaction after
 * the batch's events are written and before it commits; a throw rolls the
 * whole batch back and reaches the caller.
 */
export interface AppendFaults {
  readonly insideTransaction?: (batch: AppendBatch) => void;
  /**
   * sqlite's append worker (workerAppend.ts) ends its thread for this batch: before writing it,
   * or after committing it and before answering, as a crash of the worker would.
   */
  readonly workerExit?: (batch: AppendBatch) => 'before' | 'after' | undefined;
}

export interface EventStore {
  /** Human name of the adapter ("sqlite", "postgres", …) for logs and metrics. */
  readonly kind: string;
  /**
   * Appends a batch atomically. A batch whose first position is not the
   * current size is refused with a position conflict (another writer got
   * there first; `expected` is the batch's start, `actual` the store's size).
   * Throws, writing nothing, MalformedBatchError for a batch that breaks
   * the AppendBatch shape, DuplicateIdempotencyKeyError (see
   * IdempotencyRecord) and StoreUnavailableError before anything reaches the
   * database (closed, a reader, a writer without its connection or lock).
   * Any other throw leaves the outcome unknown: see settledHead. An
   * event's stored body is its entry in `bodies` when given, else
   * encodeBody(event).
   */
  appendBatch(batch: AppendBatch): Promise<AppendResult>;
  /**
   * Events with position >= from, in order, at most `limit` of them. Reads
   * throw CorruptStoredEventError, naming the position, for a stored event
   * that cannot be decoded.
   */
  readFrom(from: number, limit: number): Promise<SealedEvent[]>;
  /** Events carrying `tag`, in position order, with position >= from (default 0; no limit by default). */
  readByTag(tag: string, from?: number, limit?: number): Promise<SealedEvent[]>;
  head(): Promise<StoreHead>;
  /**
   * settledHead is head() once every append this store began has settled,
   * committed or certainly not. An append that throws may still have
   * committed (the connection dropped while COMMIT was in flight), so the
   * writer calls this after any failed append and trusts only what it shows
   * (never the error). It may wait, e.g. for the PostgreSQL writer to
   * reconnect and re-take its lock, which proves its old session, and so the
   * old transaction, is over; it rejects when the store is closed meanwhile.
   * Absent where an append has settled by the time it throws (memory,
   * sqlite: one in-process connection): head() is used instead.
   */
  settledHead?(): Promise<StoreHead>;
  /**
   * health says whether appendBatch can commit now (e.g. not while the
   * PostgreSQL writer reconnects, nor after another writer took its lock).
   * Absent means always. Cheap and synchronous: the writer asks it per command.
   */
  health?(): StoreHealth;
  /** The latest stored checkpoint whose size is <= size, if any. */
  checkpointAt(size: number): Promise<StoredCheckpoint | undefined>;
  idempotency(principal: string, key: string): Promise<IdempotencyRecord | undefined>;
  /**
   * Resolves once the store holds more than `size` events (or at once if it
   * already does), or when `signal` aborts. Readers call readFrom afterwards:
   * a wake-up is a hint, the table is the truth. Rejects with
   * StoreUnavailableError when the store is closed meanwhile.
   */
  waitForEvents(size: number, signal?: AbortSignal): Promise<void>;
  /**
   * dropFrom removes every event at position >= `position`, with its tag
   * rows, and returns how many it removed: the repair of an unsigned tail
   * (`suyuan repair --drop-unsigned`), never a normal write. Signed events
   * are never dropped: it throws SignedEventsError, removing nothing, when a
   * stored checkpoint covers more than `position` events. Idempotency records
   * are kept (only a sealed batch writes them, with its checkpoint).
   * Every adapter has it (KurrentDB throws: unsupported); optional so that
   * read-only views of a store need not.
   */
  dropFrom?(position: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * VaultStore is what every adapter's factory returns: the log and its
 * vault in one store, so a batch and its vault rows share a transaction.
 * EventStore alone stays the type of read-only and decorated views, which
 * need no vault.
 */
export type VaultStore = EventStore & PersonalVault;

/**
 * Errors the store adapters throw. Conflicts are values (AppendResult); these
 * are the failures a caller may want to tell apart from plain I/O errors.
 */

/** A stored event could not be decoded: its body was altered or damaged. */
export class CorruptStoredEventError extends Error {
  override readonly name = 'CorruptStoredEventError';
  constructor(
    readonly position: number,
    reason: string,
  ) {
    super(`stored event at position ${position} is corrupt: ${reason}`);
  }
}

/**
 * An idempotency record repeats a (principal, key) that is already stored or
 * appears twice in the batch. The batch is refused as a whole.
 */
export class DuplicateIdempotencyKeyError extends Error {
  override readonly name = 'DuplicateIdempotencyKeyError';
  constructor(
    readonly principal: string,
    readonly key: string,
  ) {
    super(`idempotency key ${JSON.stringify(key)} of ${JSON.stringify(principal)} is already stored`);
  }
}

/**
 * A vault row of the batch repeats a ref that is already stored (erased or
 * not) or appears twice in the batch. The batch is refused as a whole.
 */
export class DuplicateVaultRefError extends Error {
  override readonly name = 'DuplicateVaultRefError';
  constructor(readonly ref: string) {
    super(`personal-data ref ${JSON.stringify(ref)} is already stored`);
  }
}

/** The adapter keeps no personal-data vault (KurrentDB): use sqlite or PostgreSQL for data of natural persons. */
export class VaultUnsupportedError extends Error {
  override readonly name = 'VaultUnsupportedError';
  constructor(adapter: string) {
    super(`the ${adapter} store has no personal-data vault: keep personal data on sqlite or PostgreSQL`);
  }
}

/** A batch that breaks the port's shape rules (a caller bug, not a conflict). */
export class MalformedBatchError extends Error {
  override readonly name = 'MalformedBatchError';
}

/** Another process holds the writer lock on the same log. */
export class WriterLockedError extends Error {
  override readonly name = 'WriterLockedError';
  constructor(readonly log: string) {
    super(`another Suyuan writer holds the lock on ${log}`);
  }
}

/** The store was closed, or lost what it needs to write (e.g. its lock). */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/** dropFrom was asked to remove events that a stored checkpoint signs. */
export class SignedEventsError extends Error {
  override readonly name = 'SignedEventsError';
  constructor(
    readonly position: number,
    readonly signedSize: number,
  ) {
    super(`refusing to drop events from position ${position}: a stored checkpoint signs ${signedSize} events`);
  }
}

import type { StoreFailure, StoreFailureReason } from './storeVerifier.js';

/** LogIntegrityError is thrown where a stored log that fails verification must stop the process (start-up, a follower). */
export class LogIntegrityError extends Error {
  override name = 'LogIntegrityError';
  constructor(
    readonly position: number,
    /** What failed, for people. */
    readonly reason: string,
    /** What failed, for programs. */
    readonly code?: StoreFailureReason,
  ) {
    super(`the stored log fails verification at position ${position}: ${reason}`);
  }

  /** from turns a verifier's failure into the error. */
  static from(failure: StoreFailure): LogIntegrityError {
    return new LogIntegrityError(failure.position, failure.detail, failure.reason);
  }
}

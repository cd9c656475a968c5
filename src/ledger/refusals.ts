/**
 * Why the writer refuses to start on a store it cannot vouch for. It signs
 * only trees it built from batches it sealed itself, so neither refusal is
 * ever cured by signing what the store holds.
 */

/**
 * UnsignedTailError: the store holds events past its latest signed
 * checkpoint. A batch and its checkpoint commit together, so only tampering
 * or a broken restore leaves such events.
 */
export class UnsignedTailError extends Error {
  override readonly name = 'UnsignedTailError';
  readonly code = 'UnsignedTail';
  constructor(
    /** The first unsigned position: the size the latest checkpoint signs. */
    readonly position: number,
    /** How many events follow it unsigned. */
    readonly count: number,
  ) {
    super(
      `UnsignedTail: the store holds ${count} event${count === 1 ? '' : 's'} past its latest signed checkpoint, ` +
        `from position ${position} (signed size ${position}, stored size ${position + count}). The writer seals every batch ` +
        'with its checkpoint in one commit, so these were written by someone else (tampering, or a broken restore); ' +
        'it will not sign them. Inspect and remove them with `suyuan repair --drop-unsigned`, or restore the log from a follower.',
    );
  }
}

/**
 * StoreBehindSignedLogError: this writer signed a checkpoint (kept outside
 * the store) that the store's log does not extend: the store was restored
 * from an older copy or rolled back ('behind'), or rewritten ('fork').
 */
export class StoreBehindSignedLogError extends Error {
  override readonly name = 'StoreBehindSignedLogError';
  readonly code = 'StoreBehindSignedLog';
  constructor(
    readonly reason: 'behind' | 'fork',
    /** The size of the checkpoint this writer signed. */
    readonly signedSize: number,
    /** The store's signed size. */
    readonly storeSize: number,
    /** Where the signed checkpoint is kept. */
    readonly file: string,
    detail: string,
  ) {
    super(
      `StoreBehindSignedLog: this log already signed a checkpoint of size ${signedSize} (kept in ${file}), ` +
        `but the store's signed log has size ${storeSize}: ${detail}. Starting would sign checkpoints that contradict ` +
        'published ones. Bring back the missing events from a follower or read-only node with ' +
        '`suyuan restore --from URL`, or check the store against a checkpoint held elsewhere with ' +
        '`suyuan verify --checkpoint FILE_OR_URL`.',
    );
  }
}

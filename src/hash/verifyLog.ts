import { parseCheckpoint } from './checkpoint.js';
import { ChainHeads, eventHash, type HeadMap, type LoggedEvent } from './event.js';
import { isSha256Hex } from './hex.js';
import { equalBytes } from './merkle/hasher.js';
import { MerkleTree } from './merkle/tree.js';
import { openNote } from './note/note.js';

/**
 * LogFailureReason says what failed at the verdict's position: the event's
 * shape ('not-object', 'position', 'hash-format', 'tags', 'prev-format'), its
 * hash ('canonical': it cannot be canonicalised, 'hash-mismatch'), its `prev`
 * links ('prev-mismatch'), or the checkpoint ('checkpoint-signature': not a
 * checkpoint signed by the key, 'checkpoint-size': it covers more events than
 * the log holds, 'root-mismatch').
 */
export type LogFailureReason =
  | 'not-object'
  | 'position'
  | 'hash-format'
  | 'tags'
  | 'prev-format'
  | 'canonical'
  | 'hash-mismatch'
  | 'prev-mismatch'
  | 'checkpoint-signature'
  | 'checkpoint-size'
  | 'root-mismatch';

/** LogVerdict: the size and root a checkpoint signed, or the first bad position, why (a code) and a sentence for people. */
export type LogVerdict =
  | { readonly ok: true; readonly size: number; readonly root: string }
  | { readonly ok: false; readonly position: number; readonly reason: LogFailureReason; readonly detail: string };

type EventFailure = { readonly reason: LogFailureReason; readonly detail: string };

/**
 * LogVerifier checks a log one event at a time, so a whole stored log can be
 * verified in one streaming pass: each event's position, recomputed hash and
 * `prev` links, then the Merkle root against a signed checkpoint.
 * After the first failure it stays failed and keeps that first verdict.
 */
export class LogVerifier {
  private readonly tree: MerkleTree;
  private readonly heads: ChainHeads;
  private failure: LogVerdict | undefined;

  /**
   * chainHeads, if given, receives the head hash of every lot chain as events pass. `tree` and
   * chainHeads together may resume a verification: the tree and heads of a verified prefix (a
   * snapshot whose root was checked against a signed checkpoint); the next event pushed is then
   * position tree.size.
   */
  constructor(chainHeads?: HeadMap, tree: MerkleTree = new MerkleTree()) {
    this.heads = new ChainHeads(chainHeads);
    this.tree = tree;
  }

  /** size is the number of events accepted so far. */
  get size(): number {
    return this.tree.size;
  }

  get failed(): LogVerdict | undefined {
    return this.failure;
  }

  /** push checks the next event; it returns false (and remembers why) at the first bad one. */
  push(event: LoggedEvent): boolean {
    if (this.failure) return false;
    const position = this.tree.size;
    const failure = this.check(event, position);
    if (failure !== undefined) {
      this.failure = { ok: false, position, ...failure };
      return false;
    }
    this.heads.advance(event.tags, event.hash);
    this.tree.append(Buffer.from(event.hash, 'hex'));
    return true;
  }

  /**
   * finish checks that `checkpointNote` is signed by `vkey` and that its root
   * is the root of the first checkpoint-size events pushed; after a failed
   * push it answers that failure.
   */
  finish(checkpointNote: string, vkey: string): LogVerdict {
    return this.failure ?? this.checkCheckpoint(checkpointNote, vkey);
  }

  /**
   * checkCheckpoint checks `checkpointNote` against the events accepted so
   * far, even after a later push failed: a checkpoint inside the accepted
   * prefix still verifies (a follower may serve up to it).
   */
  checkCheckpoint(checkpointNote: string, vkey: string): LogVerdict {
    let size: number;
    let root: Uint8Array;
    try {
      ({ size, root } = parseCheckpoint(openNote(checkpointNote, [vkey]).text));
    } catch (error) {
      return { ok: false, position: this.tree.size, reason: 'checkpoint-signature', detail: `checkpoint: ${(error as Error).message}` };
    }
    if (size > this.tree.size) {
      return {
        ok: false,
        position: this.tree.size,
        reason: 'checkpoint-size',
        detail: `checkpoint covers ${size} events but the log has ${this.tree.size}`,
      };
    }
    if (!equalBytes(this.tree.root(size), root)) {
      return {
        ok: false,
        position: size === 0 ? 0 : size - 1,
        reason: 'root-mismatch',
        detail: `Merkle root of the first ${size} events differs from the signed checkpoint`,
      };
    }
    return { ok: true, size, root: Buffer.from(root).toString('hex') };
  }

  /** The Merkle tree built so far (for a verifier that goes on to build proofs). */
  merkleTree(): MerkleTree {
    return this.tree;
  }

  private check(event: LoggedEvent, position: number): EventFailure | undefined {
    const fail = (reason: LogFailureReason, detail: string): EventFailure => ({ reason, detail });
    if (event === null || typeof event !== 'object') return fail('not-object', 'event is not an object');
    if (event.position !== position) return fail('position', `position is ${String(event.position)}, expected ${position}`);
    if (!isSha256Hex(event.hash)) return fail('hash-format', 'hash is not 64 lower-case hex digits');
    if (!Array.isArray(event.tags) || !event.tags.every((t) => typeof t === 'string'))
      return fail('tags', 'tags are not a list of strings');
    if (!Array.isArray(event.prev)) return fail('prev-format', 'prev is not a list');
    let recomputed: string;
    try {
      recomputed = eventHash(event);
    } catch (error) {
      return fail('canonical', `event cannot be canonicalised: ${(error as Error).message}`);
    }
    if (recomputed !== event.hash) return fail('hash-mismatch', `hash mismatch: stored ${event.hash}, recomputed ${recomputed}`);
    const expectedPrev = this.heads.prevFor(event.tags);
    if (expectedPrev.length !== event.prev.length || expectedPrev.some((h, i) => h !== event.prev[i])) {
      return fail('prev-mismatch', `prev does not link to the previous events of its lots (expected [${expectedPrev.join(', ')}])`);
    }
    return undefined;
  }
}

/**
 * verifyLog recomputes every event hash and `prev` link of a whole log and its
 * Merkle root, and checks the checkpoint signature with `vkey`. It reports
 * the first bad position and why. (A stored log: verifyStore in src/verify.)
 */
export function verifyLog(events: Iterable<LoggedEvent>, checkpointNote: string, vkey: string): LogVerdict {
  const verifier = new LogVerifier();
  for (const event of events) if (!verifier.push(event)) break;
  return verifier.finish(checkpointNote, vkey);
}

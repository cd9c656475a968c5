import { parseCheckpoint } from './checkpoint.js';
import { ChainHeads, eventHash, type LoggedEvent } from './event.js';
import { equalBytes } from './merkle/hasher.js';
import { MerkleTree } from './merkle/tree.js';
import { openNote } from './note/note.js';

export type LogVerdict =
  | { readonly ok: true; readonly size: number; readonly root: string }
  | { readonly ok: false; readonly position: number; readonly reason: string };

/**
 * LogVerifier checks a log one event at a time, so a whole stored log can be
 * verified in one streaming pass: each event's position, recomputed hash and
 * `prev` links, then the Merkle root against a signed checkpoint.
 * After the first failure it stays failed and keeps that first verdict.
 */
export class LogVerifier {
  private readonly tree = new MerkleTree();
  private readonly heads: ChainHeads;
  private failure: LogVerdict | undefined;

  /** chainHeads, if given, receives the head hash of every lot chain as events pass. */
  constructor(chainHeads?: Map<string, string>) {
    this.heads = new ChainHeads(chainHeads);
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
    const reason = this.check(event, position);
    if (reason !== undefined) {
      this.failure = { ok: false, position, reason };
      return false;
    }
    this.heads.advance(event.tags, event.hash);
    this.tree.append(Buffer.from(event.hash, 'hex'));
    return true;
  }

  /**
   * finish checks that `checkpointNote` is signed by `vkey` and that its root
   * is the root of the first checkpoint-size events pushed.
   */
  finish(checkpointNote: string, vkey: string): LogVerdict {
    if (this.failure) return this.failure;
    let size: number;
    let root: Uint8Array;
    try {
      ({ size, root } = parseCheckpoint(openNote(checkpointNote, [vkey]).text));
    } catch (error) {
      return { ok: false, position: this.tree.size, reason: `checkpoint: ${(error as Error).message}` };
    }
    if (size > this.tree.size) {
      return { ok: false, position: this.tree.size, reason: `checkpoint covers ${size} events but the log has ${this.tree.size}` };
    }
    if (!equalBytes(this.tree.root(size), root)) {
      return {
        ok: false,
        position: size === 0 ? 0 : size - 1,
        reason: `Merkle root of the first ${size} events differs from the signed checkpoint`,
      };
    }
    return { ok: true, size, root: Buffer.from(root).toString('hex') };
  }

  /** The Merkle tree built so far (for a verifier that goes on to build proofs). */
  merkleTree(): MerkleTree {
    return this.tree;
  }

  private check(event: LoggedEvent, position: number): string | undefined {
    if (event === null || typeof event !== 'object') return 'event is not an object';
    if (event.position !== position) return `position is ${String(event.position)}, expected ${position}`;
    if (typeof event.hash !== 'string' || !/^[0-9a-f]{64}$/.test(event.hash)) return 'hash is not 64 lower-case hex digits';
    if (!Array.isArray(event.tags) || !event.tags.every((t) => typeof t === 'string')) return 'tags are not a list of strings';
    if (!Array.isArray(event.prev)) return 'prev is not a list';
    let recomputed: string;
    try {
      recomputed = eventHash(event);
    } catch (error) {
      return `event cannot be canonicalised: ${(error as Error).message}`;
    }
    if (recomputed !== event.hash) return `hash mismatch: stored ${event.hash}, recomputed ${recomputed}`;
    const expectedPrev = this.heads.prevFor(event.tags);
    if (expectedPrev.length !== event.prev.length || expectedPrev.some((h, i) => h !== event.prev[i])) {
      return `prev does not link to the previous events of its lots (expected [${expectedPrev.join(', ')}])`;
    }
    return undefined;
  }
}

/**
 * verifyLog recomputes every event hash and `prev` link of a whole log and its
 * Merkle root, and checks the checkpoint signature with `vkey`. It reports
 * the first bad position and why.
 */
export function verifyLog(events: Iterable<LoggedEvent>, checkpointNote: string, vkey: string): LogVerdict {
  const verifier = new LogVerifier();
  for (const event of events) if (!verifier.push(event)) break;
  return verifier.finish(checkpointNote, vkey);
}

/**
 * LotHeads: the head hash of every lot chain (the `prev` link the next event tagging the lot
 * must carry), as 32 bytes per lot in one array beside a code index: about 52 bytes a lot,
 * against about 150 for a Map of 64-character strings (issue 17: 10M lots in 4 GB). Tags the
 * columns cannot hold (a code that is not 20 digits, a hash that is not 64 lowercase hex
 * digits) are kept in a Map as they are, so every value reads back exactly as it was set.
 *
 * Given the code index of the writer's lot columns (ColumnStates), it numbers lots by that index
 * instead of keeping one of its own (about 20 bytes a lot less), and never adds codes to it: a
 * head set before its lot is in the columns (the log's verifier advances heads before the state
 * is folded) waits in a small map until the lot is, or goes to the exact Map after a few events.
 */
import { LOT_TAG_PREFIX } from '../../domain/index.js';
import { isSha256Hex } from '../../hash/index.js';
import { CodeIndex } from '../store/codeIndex.js';
import { grown, nextCapacity, restoredCapacity, withCapacity } from '../store/typed.js';

const HASH_BYTES = 32;
/**
 * Events (runs of writes of one hash: an event sets the head of each lot it tags to its own hash)
 * after which a head still waiting for its lot's column is kept in the exact Map for good. A
 * processing step of a hundred outputs sets a hundred heads before its lots are folded.
 */
const PENDING_EVENTS = 4;

interface LotHeadsImage {
  /** Absent when the index is shared: the lot columns' image carries it. */
  readonly index?: ReturnType<CodeIndex['exportArrays']>;
  readonly hashes: Uint8Array;
  /** With a shared index: which lot ids have a head in the column (1) or not (0). */
  readonly written?: Uint8Array;
  readonly others: [string, string][];
  readonly pending?: [string, string][];
}

export class LotHeads {
  private own = new CodeIndex();
  private hashes: Uint8Array = new Uint8Array(HASH_BYTES * 1024);
  private view = Buffer.from(this.hashes.buffer);
  /** With a shared index: 1 where the column holds the lot's head (a lot may be indexed before its head is set). */
  private written: Uint8Array = new Uint8Array(1024);
  private readonly others = new Map<string, string>();
  /** Heads of lots not in the shared index yet, with the write count when they were set. */
  private readonly pending = new Map<string, { hash: string; at: number }>();
  private events = 0;
  private lastHash = '';

  /** `sharedIndex` returns the lot columns' code index (read each time: restoring the columns replaces it). */
  constructor(private readonly sharedIndex?: () => CodeIndex) {}

  private get index(): CodeIndex {
    return this.sharedIndex ? this.sharedIndex() : this.own;
  }

  get size(): number {
    if (!this.sharedIndex) return this.own.size + this.others.size;
    let count = this.pending.size + this.others.size;
    const lots = Math.min(this.index.size, this.written.length);
    for (let id = 0; id < lots; id++) count += this.written[id]!;
    return count;
  }

  get(tag: string): string | undefined {
    if (this.others.size > 0 && this.others.has(tag)) return this.others.get(tag);
    if (this.pending.size > 0) {
      const waiting = this.pending.get(tag);
      if (waiting) return waiting.hash;
    }
    const id = this.idOf(tag);
    if (id < 0 || (this.sharedIndex && this.written[id] !== 1)) return undefined;
    return this.view.toString('hex', id * HASH_BYTES, (id + 1) * HASH_BYTES);
  }

  set(tag: string, hash: string): this {
    if (hash !== this.lastHash) {
      this.events++;
      this.lastHash = hash;
    }
    if (this.pending.size > 0) this.settlePending(tag);
    if (this.others.size > 0 && this.others.has(tag)) {
      this.others.set(tag, hash);
      return this;
    }
    const code = tag.startsWith(LOT_TAG_PREFIX) ? tag.slice(LOT_TAG_PREFIX.length) : '';
    let id = this.idOf(tag);
    if (id < 0 || !isSha256Hex(hash)) {
      if (!tag.startsWith(LOT_TAG_PREFIX) || !CodeIndex.holds(code) || !isSha256Hex(hash)) {
        if (id >= 0 && this.has(id)) {
          // Cannot happen for a hash this ledger computed; kept exact all the same.
          throw new RangeError(`LotHeads: ${tag} has a column already, and ${JSON.stringify(hash)} is not a SHA-256 in hex`);
        }
        this.pending.delete(tag);
        this.others.set(tag, hash);
        return this;
      }
      if (this.sharedIndex) {
        this.pending.set(tag, { hash, at: this.events });
        return this;
      }
      id = this.own.add(code);
    }
    if (this.pending.size > 0) this.pending.delete(tag);
    this.writeColumn(id, hash);
    return this;
  }

  *keys(): IterableIterator<string> {
    const index = this.index;
    for (let id = 0; id < index.size; id++) {
      if (!this.has(id)) continue;
      const tag = `${LOT_TAG_PREFIX}${index.codeOf(id)}`;
      if (this.others.size === 0 || !this.others.has(tag)) yield tag;
    }
    yield* this.pending.keys();
    yield* this.others.keys();
  }

  exportImage(): LotHeadsImage {
    const lots = this.index.size;
    // Exactly a hash a lot: with a shared index, the last lots may have none yet.
    const hashes = new Uint8Array(lots * HASH_BYTES);
    hashes.set(this.hashes.subarray(0, Math.min(hashes.length, this.hashes.length)));
    const others = [...this.others];
    if (this.sharedIndex) {
      const written = new Uint8Array(lots);
      written.set(this.written.subarray(0, Math.min(lots, this.written.length)));
      return { hashes, written, others, pending: [...this.pending].map(([tag, { hash }]) => [tag, hash]) };
    }
    const { heads, tails } = this.own.exportArrays();
    return { index: { heads: heads.slice(), tails: tails.slice() }, hashes, others };
  }

  importImage(image: unknown): void {
    const { index, hashes, written, others, pending } = image as LotHeadsImage;
    if (this.size > 0) throw new Error('LotHeads: an image loads into empty heads only');
    if ((index === undefined) !== (this.sharedIndex !== undefined)) {
      throw new Error(
        `LotHeads: an image ${index ? 'with' : 'without'} its own code index loads into heads ${index ? 'with' : 'without'} one`,
      );
    }
    if (index) {
      this.own = new CodeIndex();
      this.own.importArrays(index.heads, index.tails);
    }
    const lots = index ? this.own.size : (written?.length ?? 0);
    if (hashes.length !== lots * HASH_BYTES || lots > this.index.size) throw new Error('LotHeads: the image has not one hash per code');
    this.hashes = withCapacity(hashes, lots * HASH_BYTES, restoredCapacity(lots) * HASH_BYTES);
    this.view = Buffer.from(this.hashes.buffer, this.hashes.byteOffset, this.hashes.byteLength);
    if (written) this.written = withCapacity(written, lots, restoredCapacity(lots));
    for (const [tag, hash] of others) this.others.set(tag, hash);
    for (const [tag, hash] of pending ?? []) this.pending.set(tag, { hash, at: this.events });
  }

  /** Bytes allocated (hashes, and the code index unless it is shared). */
  get bytes(): number {
    return this.hashes.byteLength + (this.sharedIndex ? this.written.byteLength : this.own.bytes);
  }

  private has(id: number): boolean {
    return !this.sharedIndex || this.written[id] === 1;
  }

  private writeColumn(id: number, hash: string): void {
    if ((id + 1) * HASH_BYTES > this.hashes.length) {
      this.hashes = grown(this.hashes, nextCapacity(this.hashes.length / HASH_BYTES, id + 1) * HASH_BYTES);
      this.view = Buffer.from(this.hashes.buffer);
    }
    if (this.sharedIndex) {
      if (id >= this.written.length) this.written = grown(this.written, nextCapacity(this.written.length, id + 1));
      this.written[id] = 1;
    }
    this.view.write(hash, id * HASH_BYTES, HASH_BYTES, 'hex');
  }

  /**
   * settlePending moves waiting heads whose lots are now in the columns there (all but `except`,
   * which the caller is about to set), and those that waited too long to the exact Map.
   */
  private settlePending(except: string): void {
    for (const [tag, { hash, at }] of this.pending) {
      if (tag === except) continue;
      const id = this.idOf(tag);
      if (id >= 0) {
        this.pending.delete(tag);
        this.writeColumn(id, hash);
      } else if (this.events - at > PENDING_EVENTS) {
        this.pending.delete(tag);
        this.others.set(tag, hash);
      }
    }
  }

  private idOf(tag: string): number {
    return tag.startsWith(LOT_TAG_PREFIX) ? this.index.idOf(tag.slice(LOT_TAG_PREFIX.length)) : -1;
  }
}

/**
 * LotHeads: the head hash of every lot chain (the `prev` link the next event tagging the lot
 * must carry), as 32 bytes per lot in one array beside a code index: about 52 bytes a lot,
 * against about 150 for a Map of 64-character strings (issue 17: 10M lots in 4 GB). Tags the
 * columns cannot hold (a code that is not 20 digits, a hash that is not 64 lowercase hex
 * digits) are kept in a Map as they are, so every value reads back exactly as it was set.
 */
import { LOT_TAG_PREFIX } from '../../domain/index.js';
import { isSha256Hex } from '../../hash/index.js';
import { CodeIndex } from '../store/codeIndex.js';
import { grown, nextCapacity, restoredCapacity, withCapacity } from '../store/typed.js';

const HASH_BYTES = 32;

interface LotHeadsImage {
  readonly index: ReturnType<CodeIndex['exportArrays']>;
  readonly hashes: Uint8Array;
  readonly others: [string, string][];
}

export class LotHeads {
  private index = new CodeIndex();
  private hashes: Uint8Array = new Uint8Array(HASH_BYTES * 1024);
  private view = Buffer.from(this.hashes.buffer);
  private readonly others = new Map<string, string>();

  get size(): number {
    return this.index.size + this.others.size;
  }

  get(tag: string): string | undefined {
    const id = this.idOf(tag);
    if (id < 0) return this.others.get(tag);
    return this.view.toString('hex', id * HASH_BYTES, (id + 1) * HASH_BYTES);
  }

  set(tag: string, hash: string): this {
    let id = this.idOf(tag);
    if (id < 0) {
      const code = tag.slice(LOT_TAG_PREFIX.length);
      if (!tag.startsWith(LOT_TAG_PREFIX) || !CodeIndex.holds(code) || !isSha256Hex(hash) || this.others.has(tag)) {
        this.others.set(tag, hash);
        return this;
      }
      id = this.index.add(code);
      if ((id + 1) * HASH_BYTES > this.hashes.length) {
        this.hashes = grown(this.hashes, nextCapacity(this.hashes.length / HASH_BYTES, id + 1) * HASH_BYTES);
        this.view = Buffer.from(this.hashes.buffer);
      }
    } else if (!isSha256Hex(hash)) {
      // Cannot happen for a hash this ledger computed; kept exact all the same.
      throw new RangeError(`LotHeads: ${tag} has a column already, and ${JSON.stringify(hash)} is not a SHA-256 in hex`);
    }
    this.view.write(hash, id * HASH_BYTES, HASH_BYTES, 'hex');
    return this;
  }

  *keys(): IterableIterator<string> {
    for (let id = 0; id < this.index.size; id++) yield `${LOT_TAG_PREFIX}${this.index.codeOf(id)}`;
    yield* this.others.keys();
  }

  exportImage(): LotHeadsImage {
    const { heads, tails } = this.index.exportArrays();
    return {
      index: { heads: heads.slice(), tails: tails.slice() },
      hashes: this.hashes.slice(0, this.index.size * HASH_BYTES),
      others: [...this.others],
    };
  }

  importImage(image: unknown): void {
    const { index, hashes, others } = image as LotHeadsImage;
    if (this.size > 0) throw new Error('LotHeads: an image loads into empty heads only');
    if (hashes.length !== index.heads.length * HASH_BYTES) throw new Error('LotHeads: the image has not one hash per code');
    this.index = new CodeIndex();
    this.index.importArrays(index.heads, index.tails);
    const lots = this.index.size;
    this.hashes = withCapacity(hashes, lots * HASH_BYTES, restoredCapacity(lots) * HASH_BYTES);
    this.view = Buffer.from(this.hashes.buffer, this.hashes.byteOffset, this.hashes.byteLength);
    for (const [tag, hash] of others) this.others.set(tag, hash);
  }

  /** Bytes allocated (hashes and code index). */
  get bytes(): number {
    return this.hashes.byteLength + this.index.bytes;
  }

  private idOf(tag: string): number {
    return tag.startsWith(LOT_TAG_PREFIX) ? this.index.idOf(tag.slice(LOT_TAG_PREFIX.length)) : -1;
  }
}

import { HASH_SIZE, emptyRoot, equalBytes, leafHash, nodeHash, sha256Into } from './hasher.js';
import { largestPowerOfTwoBelow } from './range.js';

const MAGIC = 0x53594d4c; // "SYML"
const FORMAT_VERSION = 1;
const HEADER_SIZE = 16;

/**
 * MerkleTree is the RFC 9162 tree of an append-only log, kept compactly.
 *
 * Level k holds, in one contiguous growable buffer, the hashes of the complete
 * aligned subtrees of 2^k leaves (level 0: leaf hashes), so level k has
 * floor(size / 2^k) entries and the whole structure takes about 64 bytes a
 * leaf, with no object per node. An append hashes the leaf and then one node
 * for each level it completes: two hashes a leaf amortised, O(log n) at worst.
 * Every subtree a root or proof needs at any size <= n is a run of stored
 * complete subtrees, so roots and proofs cost O(log n) hashes.
 */
export class MerkleTree {
  private levels: Buffer[] = [];
  private count = 0;
  // Scratch inputs reused on every append: 0x00 ‖ leaf and 0x01 ‖ left ‖ right.
  private readonly leafInput = Buffer.alloc(1 + HASH_SIZE);
  private readonly nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);

  constructor() {
    this.nodeInput[0] = 0x01;
  }

  /** size is the number of leaves appended so far. */
  get size(): number {
    return this.count;
  }

  /**
   * hasLeaf tells whether leaf `index` was appended with input `leaf` (the 32
   * bytes of an event hash), comparing against the stored leaf hash. Requires
   * 0 <= index < size.
   */
  hasLeaf(index: number, leaf: Uint8Array): boolean {
    if (!Number.isInteger(index) || index < 0 || index >= this.count)
      throw new RangeError(`leaf ${index} is outside a tree of ${this.count}`);
    const stored = this.levels[0]!.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
    return equalBytes(stored, leafHash(leaf));
  }

  /**
   * append adds a leaf whose input is `leaf` (for Suyuan, the 32 raw bytes of
   * an event hash; any length is allowed) and returns its index.
   */
  append(leaf: Uint8Array): number {
    const index = this.count;
    if (leaf.length === HASH_SIZE) {
      this.leafInput.set(leaf, 1);
      sha256Into(this.leafInput, this.slot(0, index), index * HASH_SIZE);
    } else {
      this.slot(0, index).set(leafHash(leaf), index * HASH_SIZE);
    }
    // Leaf `index` completes one subtree for each trailing one bit of index.
    let level = 0;
    let position = index;
    while (position % 2 === 1) {
      const offset = (position - 1) * HASH_SIZE;
      this.levels[level]!.copy(this.nodeInput, 1, offset, offset + 2 * HASH_SIZE);
      position = (position - 1) / 2;
      level++;
      sha256Into(this.nodeInput, this.slot(level, position), position * HASH_SIZE);
    }
    this.count = index + 1;
    return index;
  }

  /**
   * truncate forgets every leaf from `size` on, as if they had never been
   * appended (a sequencer undoes a batch whose commit failed). Level counts
   * derive from the size, so later appends overwrite the forgotten hashes.
   * Requires 0 <= size <= this.size.
   */
  truncate(size: number): void {
    this.checkSize(size);
    this.count = size;
  }

  /** root returns the tree head of the first `size` leaves. Requires 0 <= size <= this.size. */
  root(size: number = this.count): Uint8Array {
    this.checkSize(size);
    return size === 0 ? emptyRoot() : this.subtreeHash(0, size);
  }

  /**
   * inclusionProof returns the audit path of leaf `index` in the tree of
   * `size` leaves (RFC 9162 §2.1.3.1), leaf side first.
   * Requires 0 <= index < size <= this.size.
   */
  inclusionProof(index: number, size: number = this.count): Uint8Array[] {
    this.checkSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new RangeError(`index ${index} is outside a tree of ${size} leaves`);
    }
    const proof: Uint8Array[] = [];
    let start = 0;
    let end = size;
    let m = index;
    const siblings: Uint8Array[] = [];
    while (end - start > 1) {
      const k = largestPowerOfTwoBelow(end - start);
      if (m < k) {
        siblings.push(this.subtreeHash(start + k, end));
        end = start + k;
      } else {
        siblings.push(this.subtreeHash(start, start + k));
        start += k;
        m -= k;
      }
    }
    // Collected root side first; the proof lists them leaf side first.
    for (let i = siblings.length - 1; i >= 0; i--) proof.push(siblings[i]!);
    return proof;
  }

  /**
   * consistencyProof returns the proof that the tree of size1 leaves is a
   * prefix of the tree of size2 leaves (RFC 9162 §2.1.4.1).
   * Requires 0 < size1 <= size2 <= this.size; equal sizes give an empty proof.
   */
  consistencyProof(size1: number, size2: number = this.count): Uint8Array[] {
    this.checkSize(size2);
    if (!Number.isSafeInteger(size1) || size1 < 1 || size1 > size2) {
      throw new RangeError(`cannot prove consistency from size ${size1} to size ${size2}`);
    }
    const collected: Uint8Array[] = [];
    let start = 0;
    let end = size2;
    let m = size1;
    let isWholeOldTree = true;
    while (m !== end - start) {
      const k = largestPowerOfTwoBelow(end - start);
      if (m <= k) {
        collected.push(this.subtreeHash(start + k, end));
        end = start + k;
      } else {
        collected.push(this.subtreeHash(start, start + k));
        start += k;
        m -= k;
        isWholeOldTree = false;
      }
    }
    if (!isWholeOldTree) collected.push(this.subtreeHash(start, end));
    return collected.reverse();
  }

  /** serialize returns the level hashes in a compact, versioned binary form. */
  serialize(): Uint8Array {
    let total = HEADER_SIZE;
    for (let level = 0; level < this.levels.length; level++) total += this.levelCount(level) * HASH_SIZE;
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    view.setUint32(0, MAGIC);
    view.setUint32(4, FORMAT_VERSION);
    view.setUint32(8, Math.floor(this.count / 2 ** 32));
    view.setUint32(12, this.count % 2 ** 32);
    let offset = HEADER_SIZE;
    for (let level = 0; level < this.levels.length; level++) {
      const length = this.levelCount(level) * HASH_SIZE;
      out.set(this.levels[level]!.subarray(0, length), offset);
      offset += length;
    }
    return out;
  }

  /** deserialize restores a tree written by serialize, checking its shape (not its hashes). */
  static deserialize(bytes: Uint8Array): MerkleTree {
    if (bytes.length < HEADER_SIZE) throw new RangeError('serialised tree is shorter than its header');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0) !== MAGIC || view.getUint32(4) !== FORMAT_VERSION) {
      throw new RangeError('not a serialised Suyuan Merkle tree (bad magic or version)');
    }
    const size = view.getUint32(8) * 2 ** 32 + view.getUint32(12);
    const tree = new MerkleTree();
    tree.count = size;
    let offset = HEADER_SIZE;
    for (let level = 0; Math.floor(size / 2 ** level) > 0; level++) {
      const length = Math.floor(size / 2 ** level) * HASH_SIZE;
      if (offset + length > bytes.length) throw new RangeError(`serialised tree is truncated at level ${level}`);
      tree.levels.push(Buffer.from(bytes.subarray(offset, offset + length)));
      offset += length;
    }
    if (offset !== bytes.length) throw new RangeError('serialised tree has trailing bytes');
    return tree;
  }

  /**
   * MTH(D[start:end]). Requires start to be a multiple of the largest power of
   * two not above end - start, as every range a root or proof asks for is, so
   * the range is the run of stored complete subtrees given by the binary digits
   * of its length, largest first; they fold from the right.
   */
  private subtreeHash(start: number, end: number): Uint8Array {
    const length = end - start;
    let level = Math.floor(Math.log2(length));
    if (2 ** level > length) level--; // guard against log2 rounding up just below a power of two
    // A complete subtree is one stored node: the common case in proofs.
    if (2 ** level === length) return this.stored(level, start / length);
    const parts: Uint8Array[] = [];
    let position = start;
    for (; level >= 0; level--) {
      const width = 2 ** level;
      if (position + width <= end) {
        parts.push(this.stored(level, position / width));
        position += width;
      }
    }
    let hash = parts[parts.length - 1]!;
    for (let i = parts.length - 2; i >= 0; i--) hash = nodeHash(parts[i]!, hash);
    return hash;
  }

  private stored(level: number, index: number): Uint8Array {
    const offset = index * HASH_SIZE;
    return new Uint8Array(this.levels[level]!.subarray(offset, offset + HASH_SIZE));
  }

  private levelCount(level: number): number {
    return Math.floor(this.count / 2 ** level);
  }

  /** slot returns level's buffer, grown (doubling) so that entry `index` fits. */
  private slot(level: number, index: number): Buffer {
    const buffer = this.levels[level];
    const end = (index + 1) * HASH_SIZE;
    if (buffer !== undefined && end <= buffer.length) return buffer;
    // Half again, not double: a level of a 30M-event log is 960 MB, and doubling would leave up to half unused.
    const grown = Buffer.alloc(Math.max(64 * HASH_SIZE, Math.ceil(((buffer?.length ?? 0) * 1.5) / HASH_SIZE) * HASH_SIZE, end));
    if (buffer) buffer.copy(grown);
    this.levels[level] = grown;
    return grown;
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.count) {
      throw new RangeError(`size ${size} is outside 0..${this.count}`);
    }
  }
}

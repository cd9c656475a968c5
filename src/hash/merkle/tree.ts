import { HASH_SIZE, emptyRoot, equalBytes, leafHash, nodeHash, sha256Into } from './hasher.js';
import type { LeafFile } from './leafFile.js';
import { toHex } from '../hex.js';
import { largestPowerOfTwoBelow } from './range.js';

const MAGIC = 0x53594d4c; // "SYML"
/** Version 1: every level. Version 2: a tree whose lower levels live in a leaf file (no leaves). */
const FORMAT_VERSION = 1;
const SPILLED_VERSION = 2;
const HEADER_SIZE = 16;

/**
 * A tree with a leaf file keeps in memory only the levels from CHUNK_LEVELS up (one node per
 * chunk of 64 leaves and above: about one byte a leaf) and the current, incomplete chunk.
 */
export const CHUNK_LEVELS = 6;
const CHUNK = 2 ** CHUNK_LEVELS;
const CHUNK_BYTES = CHUNK * HASH_SIZE;
/** Where level k (< CHUNK_LEVELS) of a chunk starts in a chunk's buffer, in entries: 64 leaves, then 32, 16, … 2. */
const CHUNK_OFFSET: readonly number[] = Array.from({ length: CHUNK_LEVELS + 1 }, (_, k) => 2 * CHUNK - 2 ** (CHUNK_LEVELS + 1 - k));
const CHUNK_ENTRIES = CHUNK_OFFSET[CHUNK_LEVELS]!;
/** Complete chunks kept rebuilt (about 4 KB each): proofs of recent events, and of popular lots, read none. */
const CHUNK_CACHE = 1024;

/** MerkleIntegrityError: the leaf file does not hold what this tree wrote there (edited, swapped or cut short). */
export class MerkleIntegrityError extends Error {
  override name = 'MerkleIntegrityError';
  /** The chunk (of CHUNK leaves) that failed its check, when one did: repairChunk puts it right. */
  readonly chunk: number | undefined;
  constructor(message: string, chunk?: number) {
    super(message);
    this.chunk = chunk;
  }
}

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
 *
 * Given a LeafFile (a long-lived node's tree, issue 17), the levels below CHUNK_LEVELS are not
 * kept: each complete chunk of 64 leaf hashes is written to the file, and a proof or root that
 * needs a node inside an older chunk reads the chunk back, rebuilds its 63 nodes and checks them
 * against the chunk's node one level up, which stays in memory. The file is thus never trusted:
 * an edited, swapped or short file throws MerkleIntegrityError instead of giving a wrong proof.
 * This takes the tree from 64 bytes a leaf to about one (a disk read is cheaper than hashing the
 * leaves from the store again, and keeps every call synchronous).
 */
export class MerkleTree {
  private levels: Buffer[] = [];
  private count = 0;
  // Scratch inputs reused on every append: 0x00 ‖ leaf and 0x01 ‖ left ‖ right.
  private readonly leafInput = Buffer.alloc(1 + HASH_SIZE);
  private readonly nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);
  /** Levels kept only for the current chunk (0: all levels in memory). */
  private readonly low: number;
  /** The current chunk's lower levels (laid out as CHUNK_OFFSET says), when there is a leaf file. */
  private readonly tail: Buffer;
  /** Complete chunks rebuilt from the file and checked, most recently used last. */
  private readonly chunks = new Map<number, Buffer>();
  /** Complete chunks whose write to the file failed (a full disk): kept in memory, written again at the next flush. */
  private readonly unwritten = new Map<number, Buffer>();

  constructor(private readonly leaves?: LeafFile) {
    this.nodeInput[0] = 0x01;
    this.low = leaves ? CHUNK_LEVELS : 0;
    this.tail = Buffer.alloc(leaves ? CHUNK_ENTRIES * HASH_SIZE : 0);
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
    return equalBytes(this.stored(0, index), leafHash(leaf));
  }

  /**
   * append adds a leaf whose input is `leaf` (for Suyuan, the 32 raw bytes of
   * an event hash; any length is allowed) and returns its index.
   */
  append(leaf: Uint8Array): number {
    const index = this.count;
    if (leaf.length === HASH_SIZE) {
      this.leafInput.set(leaf, 1);
      sha256Into(this.leafInput, this.slot(0, index), this.offset(0, index));
    } else {
      this.slot(0, index).set(leafHash(leaf), this.offset(0, index));
    }
    // Leaf `index` completes one subtree for each trailing one bit of index.
    let level = 0;
    let position = index;
    while (position % 2 === 1) {
      const offset = this.offset(level, position - 1);
      this.slot(level, position).copy(this.nodeInput, 1, offset, offset + 2 * HASH_SIZE);
      position = (position - 1) / 2;
      level++;
      sha256Into(this.nodeInput, this.slot(level, position), this.offset(level, position));
    }
    this.count = index + 1;
    if (this.leaves && this.count % CHUNK === 0) this.flushChunk(this.count / CHUNK - 1);
    return index;
  }

  /**
   * sync makes the leaf file durable (before a snapshot that relies on it is written); it throws
   * if a chunk could still not be written.
   */
  sync(): void {
    if (!this.leaves) return;
    this.writeUnwritten();
    if (this.unwritten.size > 0) throw new Error(`${this.unwritten.size} chunks of the Merkle tree could not be written to its leaf file`);
    this.leaves.sync();
  }

  /**
   * chunkFits: whether `leafHashes` (the 64 leaf hashes of complete chunk `chunk`) build the
   * chunk's node this tree holds. A background pass rebuilding the tree from the log puts right a
   * chunk of the file only when the log's chunk fits the tree being served.
   */
  chunkFits(chunk: number, leafHashes: Uint8Array): boolean {
    if (!this.leaves || leafHashes.length !== CHUNK_BYTES || chunk < 0 || (chunk + 1) * CHUNK > this.count) return false;
    return equalBytes(this.chunkTop(Buffer.from(leafHashes.buffer, leafHashes.byteOffset, leafHashes.length)), this.chunkNode(chunk));
  }

  /**
   * repairChunk puts right complete chunk `chunk` of the leaf file from `leafHashes` (its 64 leaf
   * hashes, read again from the log) if they build the chunk's node this tree holds, and says
   * whether they did: a proof that read an edited or torn chunk thus works again without a
   * restart, and hashes that do not fit (the log changed too) write nothing.
   */
  repairChunk(chunk: number, leafHashes: Uint8Array): boolean {
    if (!this.chunkFits(chunk, leafHashes)) return false;
    const levels = Buffer.alloc(CHUNK_ENTRIES * HASH_SIZE);
    levels.set(leafHashes);
    this.chunkTop(levels);
    this.remember(chunk, levels);
    this.unwritten.set(chunk, levels);
    this.writeUnwritten();
    return true;
  }

  /** close closes the leaf file; the tree must not be used after. */
  close(): void {
    this.leaves?.close();
  }

  /**
   * truncate forgets every leaf from `size` on, as if they had never been
   * appended (a sequencer undoes a batch whose commit failed). Level counts
   * derive from the size, so later appends overwrite the forgotten hashes.
   * Requires 0 <= size <= this.size.
   */
  truncate(size: number): void {
    this.checkSize(size);
    if (this.leaves) {
      const chunk = Math.floor(size / CHUNK);
      // The chunk the size falls in was written out complete: its lower levels become the tail again.
      if (chunk < Math.floor(this.count / CHUNK) && size % CHUNK !== 0) this.chunkTree(chunk).copy(this.tail);
      for (const cached of this.chunks.keys()) if (cached >= chunk) this.chunks.delete(cached);
      for (const pending of this.unwritten.keys()) if (pending >= chunk) this.unwritten.delete(pending);
    }
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
    return this.auditPath(index, size, (start, end) => this.subtreeHash(start, end));
  }

  /**
   * hexProofs returns a writer of audit paths in the tree of `size` leaves as hex, for many
   * leaves at once (a batch's receipts): a node that several paths share is hashed and written
   * out once. Valid while the tree keeps those `size` leaves.
   */
  hexProofs(size: number = this.count): (index: number) => string[] {
    this.checkSize(size);
    // Every range of a path either ends at `size` (keyed by its start) or is a complete subtree
    // inside one that does (keyed by its start and height): a range [start, start + k) splits off
    // complete subtrees only.
    const tails = new Map<number, string>();
    const complete = new Map<number, string>();
    const node = (start: number, end: number): string => {
      const map = end === size ? tails : complete;
      const key = end === size ? start : start * 64 + Math.log2(end - start);
      let hex = map.get(key);
      if (hex === undefined) {
        hex = toHex(this.subtreeHash(start, end));
        map.set(key, hex);
      }
      return hex;
    };
    return (index) => this.auditPath(index, size, node);
  }

  /** auditPath walks the RFC 9162 audit path of leaf `index` at `size`, asking `node` for each sibling range; leaf side first. */
  private auditPath<T>(index: number, size: number, node: (start: number, end: number) => T): T[] {
    this.checkSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new RangeError(`index ${index} is outside a tree of ${size} leaves`);
    }
    let start = 0;
    let end = size;
    let m = index;
    const siblings: T[] = [];
    while (end - start > 1) {
      const k = largestPowerOfTwoBelow(end - start);
      if (m < k) {
        siblings.push(node(start + k, end));
        end = start + k;
      } else {
        siblings.push(node(start, start + k));
        start += k;
        m -= k;
      }
    }
    // Collected root side first; the proof lists them leaf side first.
    return siblings.reverse();
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

  /**
   * serialize returns the level hashes in a compact, versioned binary form. A tree with a leaf
   * file writes the levels it keeps in memory (the current chunk's, then those from CHUNK_LEVELS
   * up): the same bytes for two such trees of one log, whatever their files hold.
   */
  serialize(): Uint8Array {
    const parts: Uint8Array[] = [];
    const inChunk = this.count % CHUNK;
    if (this.leaves) {
      for (let level = 0; level < this.low; level++) {
        const start = CHUNK_OFFSET[level]! * HASH_SIZE;
        parts.push(this.tail.subarray(start, start + (inChunk >> level) * HASH_SIZE));
      }
    }
    for (let level = this.low; this.levelCount(level) > 0; level++) {
      parts.push(this.levels[level]!.subarray(0, this.levelCount(level) * HASH_SIZE));
    }
    const out = new Uint8Array(HEADER_SIZE + parts.reduce((sum, part) => sum + part.length, 0));
    const view = new DataView(out.buffer);
    view.setUint32(0, MAGIC);
    view.setUint32(4, this.leaves ? SPILLED_VERSION : FORMAT_VERSION);
    view.setUint32(8, Math.floor(this.count / 2 ** 32));
    view.setUint32(12, this.count % 2 ** 32);
    let offset = HEADER_SIZE;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  /**
   * deserialize restores a tree written by serialize, checking its shape (not its hashes). A tree
   * serialised with a leaf file needs one (`leaves`) that holds at least its complete chunks; its
   * first and last complete chunks are checked at once, the others when they are read.
   */
  static deserialize(bytes: Uint8Array, leaves?: LeafFile): MerkleTree {
    if (bytes.length < HEADER_SIZE) throw new RangeError('serialised tree is shorter than its header');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = view.getUint32(4);
    if (view.getUint32(0) !== MAGIC || (version !== FORMAT_VERSION && version !== SPILLED_VERSION)) {
      throw new RangeError('not a serialised Suyuan Merkle tree (bad magic or version)');
    }
    if ((version === SPILLED_VERSION) !== (leaves !== undefined)) {
      throw new RangeError(
        version === SPILLED_VERSION ? 'this serialised tree needs its leaf file' : 'this serialised tree keeps every level itself',
      );
    }
    const size = view.getUint32(8) * 2 ** 32 + view.getUint32(12);
    const tree = new MerkleTree(leaves);
    tree.count = size;
    let offset = HEADER_SIZE;
    const take = (length: number, level: number): Uint8Array => {
      if (offset + length > bytes.length) throw new RangeError(`serialised tree is truncated at level ${level}`);
      offset += length;
      return bytes.subarray(offset - length, offset);
    };
    for (let level = 0; level < tree.low; level++) {
      tree.tail.set(take(((size % CHUNK) >> level) * HASH_SIZE, level), CHUNK_OFFSET[level]! * HASH_SIZE);
    }
    for (let level = tree.low; tree.levelCount(level) > 0; level++) {
      tree.levels[level] = Buffer.from(take(tree.levelCount(level) * HASH_SIZE, level));
    }
    if (offset !== bytes.length) throw new RangeError('serialised tree has trailing bytes');
    const complete = Math.floor(size / CHUNK);
    if (leaves && complete > 0) {
      if (leaves.length() < complete * CHUNK_BYTES) {
        throw new MerkleIntegrityError(`the leaf file holds ${Math.floor(leaves.length() / CHUNK_BYTES)} chunks, the tree ${complete}`);
      }
      tree.chunkTree(0);
      tree.chunkTree(complete - 1);
    }
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
    if (level < this.low) {
      const chunk = Math.floor((index * 2 ** level) / CHUNK);
      if (chunk === Math.floor(this.count / CHUNK)) {
        const offset = this.offset(level, index);
        return new Uint8Array(this.tail.subarray(offset, offset + HASH_SIZE));
      }
      const offset = (CHUNK_OFFSET[level]! + index - chunk * (CHUNK >> level)) * HASH_SIZE;
      return new Uint8Array(this.chunkTree(chunk).subarray(offset, offset + HASH_SIZE));
    }
    const offset = index * HASH_SIZE;
    return new Uint8Array(this.levels[level]!.subarray(offset, offset + HASH_SIZE));
  }

  private levelCount(level: number): number {
    return Math.floor(this.count / 2 ** level);
  }

  /** offset: where entry `index` of `level` is in the buffer slot() gives (the tail's below `low`). */
  private offset(level: number, index: number): number {
    if (level >= this.low) return index * HASH_SIZE;
    return (CHUNK_OFFSET[level]! + (index % (CHUNK >> level))) * HASH_SIZE;
  }

  /**
   * flushChunk keeps complete chunk `chunk`'s levels as recently used and writes its leaf hashes to
   * the file. A write that fails (a full disk) does not fail the append, which the store, not this
   * file, makes durable: the chunk stays in memory and is written again at the next flush.
   */
  private flushChunk(chunk: number): void {
    const levels = Buffer.from(this.tail);
    this.remember(chunk, levels);
    this.unwritten.set(chunk, levels);
    this.writeUnwritten();
  }

  private writeUnwritten(): void {
    for (const [chunk, levels] of this.unwritten) {
      try {
        this.leaves!.write(chunk * CHUNK_BYTES, levels.subarray(0, CHUNK_BYTES));
      } catch {
        return;
      }
      this.unwritten.delete(chunk);
    }
  }

  /**
   * chunkTree returns complete chunk `chunk`'s lower levels: from the cache, or read from the
   * leaf file, rebuilt and checked against the chunk's node at CHUNK_LEVELS.
   */
  private chunkTree(chunk: number): Buffer {
    const cached = this.chunks.get(chunk) ?? this.unwritten.get(chunk);
    if (cached) {
      this.chunks.delete(chunk);
      this.chunks.set(chunk, cached);
      return cached;
    }
    const built = Buffer.alloc(CHUNK_ENTRIES * HASH_SIZE);
    const read = this.leaves!.read(chunk * CHUNK_BYTES, built.subarray(0, CHUNK_BYTES));
    if (read !== CHUNK_BYTES) throw new MerkleIntegrityError(`the leaf file is cut short at chunk ${chunk}`, chunk);
    if (!equalBytes(this.chunkTop(built), this.chunkNode(chunk))) {
      throw new MerkleIntegrityError(
        `the leaf file's chunk ${chunk} (leaves ${chunk * CHUNK} to ${(chunk + 1) * CHUNK - 1}) is not this tree's`,
        chunk,
      );
    }
    this.remember(chunk, built);
    return built;
  }

  /**
   * chunkTop fills the lower levels of a chunk buffer whose first 64 entries are its leaf hashes
   * (when it has room for them; else it only computes) and returns the chunk's node one level up.
   */
  private chunkTop(chunk: Buffer): Uint8Array {
    let levels = chunk;
    if (chunk.length < CHUNK_ENTRIES * HASH_SIZE) {
      levels = Buffer.alloc(CHUNK_ENTRIES * HASH_SIZE);
      chunk.copy(levels, 0, 0, CHUNK_BYTES);
    }
    for (let level = 1; level < CHUNK_LEVELS; level++) {
      for (let i = 0; i < CHUNK >> level; i++) {
        const children = (CHUNK_OFFSET[level - 1]! + 2 * i) * HASH_SIZE;
        levels.copy(this.nodeInput, 1, children, children + 2 * HASH_SIZE);
        sha256Into(this.nodeInput, levels, (CHUNK_OFFSET[level]! + i) * HASH_SIZE);
      }
    }
    const pair = CHUNK_OFFSET[CHUNK_LEVELS - 1]! * HASH_SIZE;
    return nodeHash(levels.subarray(pair, pair + HASH_SIZE), levels.subarray(pair + HASH_SIZE, pair + 2 * HASH_SIZE));
  }

  /** chunkNode: the in-memory node of complete chunk `chunk` (level CHUNK_LEVELS). */
  private chunkNode(chunk: number): Uint8Array {
    return this.levels[CHUNK_LEVELS]!.subarray(chunk * HASH_SIZE, (chunk + 1) * HASH_SIZE);
  }

  private remember(chunk: number, levels: Buffer): void {
    this.chunks.delete(chunk);
    this.chunks.set(chunk, levels);
    if (this.chunks.size > CHUNK_CACHE) this.chunks.delete(this.chunks.keys().next().value!);
  }

  /** slot returns level's buffer (the tail below `low`), grown so that entry `index` fits. */
  private slot(level: number, index: number): Buffer {
    if (level < this.low) return this.tail;
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

/**
 * CodeIndex numbers trace codes: the first code added is lot 0, the next lot
 * 1, and so on. A code has 20 digits, more than a double holds exactly, so it
 * is kept in two parts: the head (kind + region, 7 digits, a Uint32) and the
 * tail (11 random + 2 check digits, 13 digits < 2^53, a Float64). Lookup is an
 * open-addressing hash table of lot ids over an Int32Array (linear probing,
 * load at most 0.7). Per lot: 12 bytes of code and 5.7–8.6 bytes of table,
 * against 80–100 for a Map<string, number>.
 */
import { grown, nextCapacity, restoredCapacity, withCapacity } from './typed.js';

const EMPTY = -1;
const MAX_LOAD = 0.7;
const TAIL_SPLIT = 4294967296;

export class CodeIndex {
  private heads: Uint32Array = new Uint32Array(1024);
  private tails: Float64Array = new Float64Array(1024);
  private table: Int32Array = new Int32Array(2048).fill(EMPTY);
  private mask = 2047;
  private count = 0;

  /** Number of codes (lots) indexed; ids run from 0 to size − 1. */
  get size(): number {
    return this.count;
  }

  /** holds: whether `code` is a code an index can number (exactly 20 digits). */
  static holds(code: string): boolean {
    return parseHead(code) >= 0 && parseTail(code) >= 0;
  }

  /** idOf returns the lot id of a canonical 20-digit code, or -1 if unknown or malformed. */
  idOf(code: string): number {
    const head = parseHead(code);
    if (head < 0) return -1;
    const tail = parseTail(code);
    if (tail < 0) return -1;
    return this.find(head, tail);
  }

  /** add numbers a new code and returns its id. Requires a canonical code not indexed yet. */
  add(code: string): number {
    const head = parseHead(code);
    const tail = parseTail(code);
    if (head < 0 || tail < 0) throw new RangeError(`not a 20-digit trace code: ${JSON.stringify(code)}`);
    if (this.find(head, tail) >= 0) throw new RangeError(`trace code ${code} is indexed already`);
    const id = this.count;
    if (id === this.heads.length) {
      const capacity = nextCapacity(this.heads.length, id + 1);
      this.heads = grown(this.heads, capacity);
      this.tails = grown(this.tails, capacity);
    }
    this.heads[id] = head;
    this.tails[id] = tail;
    this.count = id + 1;
    if (this.count > this.table.length * MAX_LOAD) this.rehash(this.table.length * 2);
    else this.insert(id);
    return id;
  }

  /** codeOf returns the 20-digit code of a lot id. Requires 0 <= id < size. */
  codeOf(id: number): string {
    // Two small integers convert to text faster than one 13-digit double.
    const tail = this.tails[id]!;
    const high = Math.floor(tail / 1e7);
    const highText = String(high);
    const lowText = String(tail - high * 1e7);
    // A trace code's kind digit is never 0, but a code index holds any 20 digits.
    const headText = String(this.heads[id]!);
    return (
      (headText.length === 7 ? headText : headText.padStart(7, '0')) +
      (highText.length === 6 ? highText : highText.padStart(6, '0')) +
      (lowText.length === 7 ? lowText : lowText.padStart(7, '0'))
    );
  }

  /** The 7-digit head (kind digit and issuing region) of a lot id. */
  headOf(id: number): number {
    return this.heads[id]!;
  }

  /** Bytes held by the index (arrays allocated, used or not). */
  get bytes(): number {
    return this.heads.byteLength + this.tails.byteLength + this.table.byteLength;
  }

  /** The arrays a snapshot needs: heads and tails in id order (the table is rebuilt). */
  exportArrays(): { heads: Uint32Array; tails: Float64Array } {
    return { heads: this.heads.subarray(0, this.count), tails: this.tails.subarray(0, this.count) };
  }

  /** importArrays replaces the index with `count` codes from a snapshot. */
  importArrays(heads: Uint32Array, tails: Float64Array): void {
    const count = heads.length;
    if (tails.length !== count) throw new Error('code index snapshot: heads and tails differ in length');
    const capacity = restoredCapacity(count);
    this.heads = withCapacity(heads, count, capacity);
    this.tails = withCapacity(tails, count, capacity);
    this.count = count;
    let tableSize = 2048;
    while (count > tableSize * MAX_LOAD) tableSize *= 2;
    this.rehash(tableSize);
  }

  private find(head: number, tail: number): number {
    const table = this.table;
    const mask = this.mask;
    for (let slot = hash(head, tail) & mask; ; slot = (slot + 1) & mask) {
      const id = table[slot]!;
      if (id === EMPTY) return -1;
      if (this.tails[id] === tail && this.heads[id] === head) return id;
    }
  }

  private insert(id: number): void {
    const table = this.table;
    const mask = this.mask;
    let slot = hash(this.heads[id]!, this.tails[id]!) & mask;
    while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
    table[slot] = id;
  }

  private rehash(size: number): void {
    this.table = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
    for (let id = 0; id < this.count; id++) this.insert(id);
  }
}

function hash(head: number, tail: number): number {
  const low = tail >>> 0;
  const high = (tail / TAIL_SPLIT) >>> 0;
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(head, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/** The first 7 digits as a number, or -1 unless `code` is exactly 20 digits. */
function parseHead(code: string): number {
  if (code.length !== 20) return -1;
  let head = 0;
  for (let i = 0; i < 7; i++) {
    const digit = code.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    head = head * 10 + digit;
  }
  return head;
}

/** The last 13 digits as a number, or -1 if one is not a digit. */
function parseTail(code: string): number {
  let tail = 0;
  for (let i = 7; i < 20; i++) {
    const digit = code.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    tail = tail * 10 + digit;
  }
  return tail;
}

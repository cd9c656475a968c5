/**
 * Growable typed arrays: the storage of every compact projection. A column
 * is a plain typed array that the owner replaces with a larger copy when it
 * runs out of room, so hot loops index a typed array directly.
 */
export type TypedArray = Int32Array | Uint32Array | Float64Array | Uint8Array | Uint16Array;

/** The element types a snapshot can hold, by name. */
export type TypedArrayType = 'Int32' | 'Uint32' | 'Float64' | 'Uint8' | 'Uint16';

/** Grow by half again: doubling would leave up to half of a 10M-lot table unused. */
const GROWTH = 1.5;
const MIN_CAPACITY = 256;

/** nextCapacity is the capacity to allocate when `needed` elements no longer fit in `current`. */
export function nextCapacity(current: number, needed: number): number {
  return Math.max(needed, MIN_CAPACITY, Math.ceil(current * GROWTH));
}

/** grown returns a copy of `array` with room for `capacity` elements (new elements are 0). */
export function grown<T extends TypedArray>(array: T, capacity: number): T {
  const Constructor = array.constructor as new (length: number) => T;
  const larger = new Constructor(capacity);
  larger.set(array);
  return larger;
}

/** A column of small ids or counts: Uint8 or Uint16 while its values fit, Int32 after. */
export type NarrowArray = Uint8Array | Uint16Array | Int32Array;

/**
 * widenedFor returns `column`, or an Int32 copy of it when `value` (>= 0) does not fit its type:
 * the 65,536th product, say, widens the whole column once.
 */
export function widenedFor(column: NarrowArray, value: number): NarrowArray {
  const limit = column instanceof Uint8Array ? 0xff : column instanceof Uint16Array ? 0xffff : 0x7fff_ffff;
  if (value <= limit || column instanceof Int32Array) return column;
  const wide = new Int32Array(column.length);
  wide.set(column);
  return wide;
}

/**
 * restoredCapacity is the room given to an array restored from a snapshot:
 * a little headroom, not the usual growth, so a restored projection's
 * memory is what it holds (the first growth after that is the usual one).
 */
export function restoredCapacity(length: number): number {
  return length + Math.max(MIN_CAPACITY, length >> 5);
}

export function typedArrayType(array: TypedArray): TypedArrayType {
  if (array instanceof Int32Array) return 'Int32';
  if (array instanceof Uint32Array) return 'Uint32';
  if (array instanceof Float64Array) return 'Float64';
  if (array instanceof Uint16Array) return 'Uint16';
  return 'Uint8';
}

const CONSTRUCTORS = {
  Int32: Int32Array,
  Uint32: Uint32Array,
  Float64: Float64Array,
  Uint8: Uint8Array,
  Uint16: Uint16Array,
} as const;

/** typedArrayOf makes an array of a named type; with `source` bytes, a copy of them. */
export function typedArrayOf(type: TypedArrayType, length: number): TypedArray {
  const Constructor = CONSTRUCTORS[type];
  if (!Constructor) throw new Error(`unknown typed array type ${String(type)}`);
  return new Constructor(length);
}

/**
 * withCapacity copies the first `length` elements of `source` into a new
 * array of the same type with room for `capacity`. The rest stays zero and
 * untouched: owners initialise entries as they come into use, so the pages
 * of unused room never become resident.
 */
export function withCapacity<T extends TypedArray>(source: T, length: number, capacity: number): T {
  const Constructor = source.constructor as new (length: number) => T;
  const array = new Constructor(Math.max(capacity, length));
  array.set(source.subarray(0, length));
  return array;
}

/**
 * IntList is a growable list of 32-bit integers (a queue or result buffer
 * reused across queries).
 */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = MIN_CAPACITY) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.data = grown(this.data, nextCapacity(this.data.length, this.length + 1));
    this.data[this.length++] = value;
  }

  clear(): void {
    this.length = 0;
  }
}

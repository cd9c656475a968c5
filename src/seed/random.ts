/**
 * A seeded pseudo-random generator (sfc32, a small fast counter generator
 * with a 2^128 state) so a synthetic chain is the same for the same seed:
 * trace-code serials, operator ids, amounts and choices all come from it.
 * Not for secrets: real codes take their serials from a CSPRNG at the edge.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A generator for `seed`; `stream` gives independent generators from one seed. */
  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88 ^ stream;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `count` decimal digits. */
  digits(count: number): string {
    let text = '';
    for (let i = 0; i < count; i++) text += String(this.nextUint32() % 10);
    return text;
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

const SERIALS = 100_000_000_000;
const HALF = 316_228; // HALF² > 10^11

/**
 * SerialPermutation turns a counter into 11 random-looking digits, a
 * different value for each counter: a keyed four-round Feistel network over
 * [0, 316228²), walking the cycle until the value is below 10^11. So a
 * synthetic chain of any size never draws the same trace code twice.
 */
export class SerialPermutation {
  private readonly keys: readonly number[];

  constructor(random: Random) {
    this.keys = [random.nextUint32(), random.nextUint32(), random.nextUint32(), random.nextUint32()];
  }

  /** serial returns the 11 digits for counter `n`. Requires 0 <= n < 10^11. */
  serial(n: number): string {
    let value = n;
    do value = this.permute(value);
    while (value >= SERIALS);
    return String(value).padStart(11, '0');
  }

  private permute(value: number): number {
    let left = Math.floor(value / HALF);
    let right = value % HALF;
    for (const key of this.keys) {
      const mixed = (left + round(right, key)) % HALF;
      left = right;
      right = mixed;
    }
    return left * HALF + right;
  }
}

function round(value: number, key: number): number {
  let h = Math.imul(value ^ key, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) % HALF;
}

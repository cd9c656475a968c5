/**
 * ActivityIndex: one entry per counted act — a lot made or received, a
 * hand-off, an inspection, a sample, a failed sample, a case, a penalty —
 * with its time and the acting operator's region, for the activity report.
 * Entries are two parallel typed arrays (issue 17: about 6 bytes an entry,
 * against 12 before): the time as a Uint32 of ms after its block's first
 * time (a Float64 a block of 4,096 entries; a time that does not fit, out
 * of order or 49 days past the block's first, is kept exactly in a map),
 * and the region's interned id shifted left 3 bits with the kind in the low
 * 3, in a Uint16 that widens to Int32 past 8,192 regions. A report reads
 * the entries of its time range (a binary search while times arrive in
 * order, as a single writer stamps them; a scan otherwise), folding each
 * region id to its report row once per query.
 */
import { ACTIVITY_COUNTS, type ActivityCount } from './views.js';
import { grown, nextCapacity, restoredCapacity, widenedFor, withCapacity } from '../store/typed.js';

const KIND_BITS = 3;
/** Never a zero-length buffer: node's zlib.crc32 drops its running value for a view of one, and snapshots checksum these arrays. */
const INITIAL = 256;
const KIND_MASK = (1 << KIND_BITS) - 1;
const BLOCK_BITS = 12;
/** The offset that says "the exact time is in wideTimes". */
const WIDE = 0xffff_ffff;
export const ACTIVITY_KIND: Readonly<Record<ActivityCount, number>> = Object.fromEntries(
  ACTIVITY_COUNTS.map((count, index) => [count, index]),
) as Record<ActivityCount, number>;

/** Counts per report row, in ACTIVITY_COUNTS order. */
export type ActivityCounts = number[];

/** What save() gives and load() takes. */
export interface SavedActivity {
  readonly arrays: { readonly offsets: Uint32Array; readonly bases: Float64Array; readonly entries: Uint16Array | Int32Array };
  readonly value: { readonly regions: string[]; readonly ordered: boolean; readonly wide: [number, number][] };
}

export class ActivityIndex {
  private offsets: Uint32Array = new Uint32Array(INITIAL);
  /** The time of each block's first entry. */
  private bases: Float64Array = new Float64Array(16);
  private readonly wideTimes = new Map<number, number>();
  private entries: Uint16Array | Int32Array = new Uint16Array(INITIAL);
  private count = 0;
  /** Whether every time added so far is at or after the one before (then a range is a binary search). */
  private ordered = true;
  private regions: string[] = [];
  private regionIds = new Map<string, number>();

  get size(): number {
    return this.count;
  }

  /** Bytes of typed arrays held (capacity, not only the entries in use). */
  get bytes(): number {
    return this.offsets.byteLength + this.bases.byteLength + this.entries.byteLength;
  }

  add(timeMs: number, region: string, kind: ActivityCount, times = 1): void {
    if (!Number.isFinite(timeMs)) return;
    let regionId = this.regionIds.get(region);
    if (regionId === undefined) {
      regionId = this.regions.length;
      this.regions.push(region);
      this.regionIds.set(region, regionId);
    }
    const entry = (regionId << KIND_BITS) | ACTIVITY_KIND[kind];
    this.entries = widenedFor(this.entries, entry) as Uint16Array | Int32Array;
    for (let i = 0; i < times; i++) {
      const at = this.count;
      if (at === this.offsets.length) {
        const capacity = nextCapacity(this.offsets.length, at + 1);
        this.offsets = grown(this.offsets, capacity);
        this.entries = grown(this.entries, capacity);
      }
      if (at > 0 && timeMs < this.timeAt(at - 1)) this.ordered = false;
      const block = at >>> BLOCK_BITS;
      if ((at & ((1 << BLOCK_BITS) - 1)) === 0) {
        if (block === this.bases.length) this.bases = grown(this.bases, nextCapacity(this.bases.length, block + 1));
        this.bases[block] = timeMs;
      }
      const base = this.bases[block]!;
      const offset = timeMs - base;
      // The sum must give the time back exactly (it may not when the base has a fraction: never from Date.parse).
      if (Number.isInteger(offset) && offset >= 0 && offset < WIDE && base + offset === timeMs) this.offsets[at] = offset;
      else {
        this.offsets[at] = WIDE;
        this.wideTimes.set(at, timeMs);
      }
      this.entries[at] = entry;
      this.count = at + 1;
    }
  }

  /** The time (ms) of entry `i`. */
  private timeAt(i: number): number {
    const offset = this.offsets[i]!;
    return offset === WIDE ? this.wideTimes.get(i)! : this.bases[i >>> BLOCK_BITS]! + offset;
  }

  /**
   * countRows counts the entries of [fromMs, toMs] whose region starts with
   * `prefix`, per row: the region's first `rowLength` digits.
   */
  countRows(prefix: string, rowLength: number, fromMs: number, toMs: number): Map<string, ActivityCounts> {
    const rowOf = this.regions.map((region) => (region.startsWith(prefix) ? region.slice(0, rowLength) : undefined));
    const rows = new Map<string, ActivityCounts>();
    const countsOf = new Array<ActivityCounts | undefined>(this.regions.length);
    const [start, end] = this.ordered ? [this.lowerBound(fromMs), this.upperBound(toMs)] : [0, this.count];
    for (let i = start; i < end; i++) {
      const time = this.timeAt(i);
      if (time < fromMs || time > toMs) continue;
      const entry = this.entries[i]!;
      const regionId = entry >>> KIND_BITS;
      let counts = countsOf[regionId];
      if (counts === undefined) {
        const row = rowOf[regionId];
        if (row === undefined) continue;
        counts = rows.get(row);
        if (!counts) {
          counts = ACTIVITY_COUNTS.map(() => 0);
          rows.set(row, counts);
        }
        countsOf[regionId] = counts;
      }
      counts[entry & KIND_MASK]!++;
    }
    return rows;
  }

  private lowerBound(timeMs: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.timeAt(mid) < timeMs) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private upperBound(timeMs: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.timeAt(mid) <= timeMs) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  save(): SavedActivity {
    const blocks = Math.ceil(this.count / (1 << BLOCK_BITS));
    return {
      arrays: {
        offsets: this.offsets.subarray(0, this.count),
        // At least one element: see INITIAL.
        bases: this.bases.subarray(0, Math.max(1, blocks)),
        entries: this.entries.subarray(0, this.count),
      },
      value: { regions: this.regions, ordered: this.ordered, wide: [...this.wideTimes] },
    };
  }

  load(saved: SavedActivity): void {
    const { offsets, bases, entries } = saved.arrays;
    if (entries.length !== offsets.length || bases.length < Math.ceil(offsets.length / (1 << BLOCK_BITS))) {
      throw new Error('activity index snapshot: arrays differ in length');
    }
    this.count = offsets.length;
    this.offsets = withCapacity(offsets, this.count, restoredCapacity(this.count));
    this.entries = withCapacity(entries, this.count, restoredCapacity(this.count));
    this.bases = withCapacity(bases, bases.length, restoredCapacity(bases.length));
    this.wideTimes.clear();
    for (const [at, time] of saved.value.wide) this.wideTimes.set(at, time);
    this.regions = [...saved.value.regions];
    this.regionIds = new Map(this.regions.map((region, id) => [region, id]));
    this.ordered = saved.value.ordered;
  }
}

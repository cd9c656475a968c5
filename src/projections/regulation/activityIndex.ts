/**
 * ActivityIndex: one entry per counted act — a lot made or received, a
 * hand-off, an inspection, a sample, a failed sample, a case, a penalty —
 * with its time and the acting operator's region, for the activity report.
 * Entries are two parallel typed arrays: the time in ms (Float64) and the
 * region's interned id shifted left 3 bits with the kind in the low 3
 * (Int32): 12 bytes an entry, up to 18 with growth headroom. A report reads
 * the entries of its time range (a binary search while times arrive in
 * order, as a single writer stamps them; a scan otherwise), folding each
 * region id to its report row once per query.
 */
import { ACTIVITY_COUNTS, type ActivityCount } from './views.js';
import { grown, nextCapacity, restoredCapacity, withCapacity } from '../store/typed.js';

const KIND_BITS = 3;
/** Never a zero-length buffer: node's zlib.crc32 drops its running value for a view of one, and snapshots checksum these arrays. */
const INITIAL = 256;
const KIND_MASK = (1 << KIND_BITS) - 1;
export const ACTIVITY_KIND: Readonly<Record<ActivityCount, number>> = Object.fromEntries(
  ACTIVITY_COUNTS.map((count, index) => [count, index]),
) as Record<ActivityCount, number>;

/** Counts per report row, in ACTIVITY_COUNTS order. */
export type ActivityCounts = number[];

export class ActivityIndex {
  private times: Float64Array = new Float64Array(INITIAL);
  private entries: Int32Array = new Int32Array(INITIAL);
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
    return this.times.byteLength + this.entries.byteLength;
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
    for (let i = 0; i < times; i++) {
      if (this.count === this.times.length) {
        const capacity = nextCapacity(this.times.length, this.count + 1);
        this.times = grown(this.times, capacity);
        this.entries = grown(this.entries, capacity);
      }
      if (this.count > 0 && timeMs < this.times[this.count - 1]!) this.ordered = false;
      this.times[this.count] = timeMs;
      this.entries[this.count++] = entry;
    }
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
      const time = this.times[i]!;
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
      if (this.times[mid]! < timeMs) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private upperBound(timeMs: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.times[mid]! <= timeMs) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  save(): { arrays: { times: Float64Array; entries: Int32Array }; value: { regions: string[]; ordered: boolean } } {
    return {
      arrays: { times: this.times.subarray(0, this.count), entries: this.entries.subarray(0, this.count) },
      value: { regions: this.regions, ordered: this.ordered },
    };
  }

  load(times: Float64Array, entries: Int32Array, value: { regions: string[]; ordered: boolean }): void {
    this.count = times.length;
    this.times = withCapacity(times, this.count, restoredCapacity(this.count));
    this.entries = withCapacity(entries, this.count, restoredCapacity(this.count));
    this.regions = [...value.regions];
    this.regionIds = new Map(this.regions.map((region, id) => [region, id]));
    this.ordered = value.ordered;
  }
}

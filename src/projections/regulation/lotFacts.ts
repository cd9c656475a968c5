/**
 * LotFacts: what the lot rules need about a lot, kept only for lots that have
 * some: the instant after which it is safe to move (the latest appliedAt +
 * pre-harvest interval of an input recorded on it or inherited from a
 * parent) with the event that set it, and the certifications it claims.
 * Compact: a CodeIndex (about 20 bytes a lot) and three typed columns (16
 * bytes a lot); claim sets are interned.
 */
import { CodeIndex } from '../store/codeIndex.js';
import { grown, nextCapacity, restoredCapacity, withCapacity } from '../store/typed.js';

const TRACE_CODE = /^\d{20}$/;
/** Never a zero-length buffer: node's zlib.crc32 drops its running value for a view of one, and snapshots checksum these arrays. */
const INITIAL = 256;

/** The "safe after" instant of a lot and the input record that set it. */
export interface SafeAfter {
  readonly atMs: number;
  /** Position of the lot.recorded event. */
  readonly position: number;
  /** The lot the record was made on (the lot itself or an ancestor). */
  readonly recordLot: string;
}

export class LotFacts {
  private index = new CodeIndex();
  /** Safe-after instant in ms; 0 = none. */
  private safeAfterMs: Float64Array = new Float64Array(INITIAL);
  /** Position + 1 of the record that set it; 0 = none. */
  private recordPosition: Int32Array = new Int32Array(INITIAL);
  /** Id + 1 of the lot the record is on; 0 = none. */
  private recordLot: Int32Array = new Int32Array(INITIAL);
  /** Id + 1 of the lot's interned claim set; 0 = no claims. */
  private claimSet: Int32Array = new Int32Array(INITIAL);
  private claimSets: string[][] = [];
  private claimSetIds = new Map<string, number>();

  get size(): number {
    return this.index.size;
  }

  safeAfter(code: string): SafeAfter | undefined {
    const id = this.index.idOf(code);
    if (id < 0 || this.recordPosition[id] === 0) return undefined;
    return {
      atMs: this.safeAfterMs[id]!,
      position: this.recordPosition[id]! - 1,
      recordLot: this.index.codeOf(this.recordLot[id]! - 1),
    };
  }

  /** raiseSafeAfter sets the lot's safe-after instant to `safe` if that is later than the one it has. */
  raiseSafeAfter(code: string, safe: SafeAfter): void {
    const current = this.safeAfter(code);
    if (current && current.atMs >= safe.atMs) return;
    const id = this.idFor(code);
    const recordLot = this.idFor(safe.recordLot);
    if (id < 0 || recordLot < 0) return;
    this.safeAfterMs[id] = safe.atMs;
    this.recordPosition[id] = safe.position + 1;
    this.recordLot[id] = recordLot + 1;
  }

  /** claims: the certification keys (type:number) the lot claims. */
  claims(code: string): readonly string[] {
    const id = this.index.idOf(code);
    const set = id < 0 ? 0 : this.claimSet[id]!;
    return set === 0 ? [] : this.claimSets[set - 1]!;
  }

  setClaims(code: string, keys: readonly string[]): void {
    if (keys.length === 0) return;
    const id = this.idFor(code);
    if (id < 0) return;
    const key = keys.join('|');
    let set = this.claimSetIds.get(key);
    if (set === undefined) {
      this.claimSets.push([...keys]);
      set = this.claimSets.length;
      this.claimSetIds.set(key, set);
    }
    this.claimSet[id] = set;
  }

  /** idFor: the lot's id, adding it if new; -1 for a malformed code (logs of other platforms). */
  private idFor(code: string): number {
    const known = this.index.idOf(code);
    if (known >= 0) return known;
    if (!TRACE_CODE.test(code)) return -1;
    const id = this.index.add(code);
    if (id >= this.safeAfterMs.length) {
      const capacity = nextCapacity(this.safeAfterMs.length, id + 1);
      this.safeAfterMs = grown(this.safeAfterMs, capacity);
      this.recordPosition = grown(this.recordPosition, capacity);
      this.recordLot = grown(this.recordLot, capacity);
      this.claimSet = grown(this.claimSet, capacity);
    }
    return id;
  }

  save(): { arrays: Record<string, Float64Array | Int32Array | Uint32Array>; value: { claimSets: string[][] } } {
    const { heads, tails } = this.index.exportArrays();
    const size = this.index.size;
    return {
      arrays: {
        heads,
        tails,
        safeAfterMs: this.safeAfterMs.subarray(0, size),
        recordPosition: this.recordPosition.subarray(0, size),
        recordLot: this.recordLot.subarray(0, size),
        claimSet: this.claimSet.subarray(0, size),
      },
      value: { claimSets: this.claimSets },
    };
  }

  load(arrays: Readonly<Record<string, unknown>>, value: { claimSets: string[][] }): void {
    this.index = new CodeIndex();
    this.index.importArrays(arrays.heads as Uint32Array, arrays.tails as Float64Array);
    const size = this.index.size;
    const capacity = restoredCapacity(size);
    this.safeAfterMs = withCapacity(arrays.safeAfterMs as Float64Array, size, capacity);
    this.recordPosition = withCapacity(arrays.recordPosition as Int32Array, size, capacity);
    this.recordLot = withCapacity(arrays.recordLot as Int32Array, size, capacity);
    this.claimSet = withCapacity(arrays.claimSet as Int32Array, size, capacity);
    this.claimSets = value.claimSets.map((set) => [...set]);
    this.claimSetIds = new Map(this.claimSets.map((set, index) => [set.join('|'), index + 1]));
  }
}

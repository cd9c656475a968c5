/**
 * TraceCounts: what the trace hook (追溯挂钩) counts. Per operator, the
 * times (ms, ascending) of its lots — commissioned, made by processing,
 * received (accepted) — and of its hand-offs — shipments sent, receipts
 * accepted — so that a window's count is two binary searches. Per
 * certification (type:number), the number of lots commissioned claiming it
 * (children made by shipping inherit the claim but are not new lots of it).
 * For the showcase (在线展示): per operator its newest lots (code, product,
 * category) and the product categories it has traced, as a bitmask.
 */
import { PRODUCT_CATEGORIES, type ProductCategory } from '../../domain/index.js';

const DAY_MS = 86_400_000;
/** Newest lots kept per operator for the showcase. */
export const RECENT_LOTS = 3;

/** A lot an operator made or received, as the showcase lists it. */
export interface MadeLot {
  readonly code: string;
  readonly product: string;
  readonly category: ProductCategory;
}

const categoryBit = (category: ProductCategory): number => 1 << PRODUCT_CATEGORIES.indexOf(category);

interface OperatorTimes {
  lots: number[];
  handOffs: number[];
}

/**
 * What a snapshot keeps: the operators' times as two typed arrays each (every operator's times in
 * turn, and how many each has), which at 10M lots would be hundreds of MB of JSON numbers.
 */
export interface SavedTraceCounts {
  readonly value: SavedTraceValues;
  readonly arrays: SavedTraceArrays;
}

export interface SavedTraceArrays {
  readonly lotTimes: Float64Array;
  readonly lotCounts: Uint32Array;
  readonly handOffTimes: Float64Array;
  readonly handOffCounts: Uint32Array;
}

interface SavedTraceValues {
  /** The operators whose times the arrays hold, in their order. */
  readonly operators: string[];
  readonly claims: [string, number][];
  readonly recent: [string, MadeLot[]][];
  readonly categories: [string, number][];
  readonly pending: [string, MadeLot][];
}

export interface WindowCounts {
  readonly lots: number;
  readonly handOffs: number;
  /** The latest lot or hand-off at or before the window's end, in ms; undefined if none. */
  readonly lastActivity: number | undefined;
}

export class TraceCounts {
  private operators = new Map<string, OperatorTimes>();
  private claims = new Map<string, number>();
  private recent = new Map<string, MadeLot[]>();
  private categories = new Map<string, number>();
  /** Lots shipped to an operator and not yet accepted or refused: what each will be once received. */
  private pending = new Map<string, MadeLot>();

  /** lotMade counts `count` lots the operator made or received at `timeMs`, `made` being those whose product is known. */
  lotMade(operatorId: string, timeMs: number, made: readonly MadeLot[], count = made.length): void {
    const list = this.timesOf(operatorId).lots;
    for (let i = 0; i < count; i++) insertSorted(list, timeMs);
    if (made.length === 0) return;
    const recent = [...(this.recent.get(operatorId) ?? []), ...made].slice(-RECENT_LOTS);
    this.recent.set(operatorId, recent);
    let bits = this.categories.get(operatorId) ?? 0;
    for (const lot of made) bits |= categoryBit(lot.category);
    this.categories.set(operatorId, bits);
  }

  /** shipping remembers what a lot in transit to an operator is, for when it is received. */
  shipping(lot: MadeLot): void {
    this.pending.set(lot.code, lot);
  }

  /** received: the lot in transit `code` was accepted or refused; what it is, if it was shipped to an operator. */
  received(code: string): MadeLot | undefined {
    const lot = this.pending.get(code);
    this.pending.delete(code);
    return lot;
  }

  /** The operator's newest lots, oldest first. */
  recentLots(operatorId: string): readonly MadeLot[] {
    return this.recent.get(operatorId) ?? [];
  }

  /** tracesCategory: the operator has made or received a lot of `category`. */
  tracesCategory(operatorId: string, category: ProductCategory): boolean {
    return ((this.categories.get(operatorId) ?? 0) & categoryBit(category)) !== 0;
  }

  handedOff(operatorId: string, timeMs: number): void {
    insertSorted(this.timesOf(operatorId).handOffs, timeMs);
  }

  claimed(key: string): void {
    this.claims.set(key, (this.claims.get(key) ?? 0) + 1);
  }

  /** Lots commissioned claiming the certification `type:number`. */
  claimCount(key: string): number {
    return this.claims.get(key) ?? 0;
  }

  /** window counts the operator's lots and hand-offs in the `days` before `nowMs` (inclusive at both ends). */
  window(operatorId: string, days: number, nowMs: number): WindowCounts {
    const times = this.operators.get(operatorId);
    if (!times) return { lots: 0, handOffs: 0, lastActivity: undefined };
    const fromMs = nowMs - days * DAY_MS;
    return {
      lots: countIn(times.lots, fromMs, nowMs),
      handOffs: countIn(times.handOffs, fromMs, nowMs),
      lastActivity: latestAtOrBefore([times.lots, times.handOffs], nowMs),
    };
  }

  private timesOf(operatorId: string): OperatorTimes {
    let times = this.operators.get(operatorId);
    if (!times) {
      times = { lots: [], handOffs: [] };
      this.operators.set(operatorId, times);
    }
    return times;
  }

  save(): SavedTraceCounts {
    const all = [...this.operators.values()];
    return {
      value: {
        operators: [...this.operators.keys()],
        claims: [...this.claims],
        recent: [...this.recent],
        categories: [...this.categories],
        pending: [...this.pending],
      },
      arrays: {
        lotTimes: joined(all.map((times) => times.lots)),
        lotCounts: Uint32Array.from(all, (times) => times.lots.length),
        handOffTimes: joined(all.map((times) => times.handOffs)),
        handOffCounts: Uint32Array.from(all, (times) => times.handOffs.length),
      },
    };
  }

  load({ value: saved, arrays }: SavedTraceCounts): void {
    const { operators } = saved;
    const { lotTimes, lotCounts, handOffTimes, handOffCounts } = arrays;
    const typed = lotTimes instanceof Float64Array && handOffTimes instanceof Float64Array;
    if (!typed || !(lotCounts instanceof Uint32Array) || !(handOffCounts instanceof Uint32Array)) {
      throw new Error("trace counts snapshot: the operators' times are missing or not typed arrays of their kind");
    }
    if (lotCounts.length !== operators.length || handOffCounts.length !== operators.length) {
      throw new Error('trace counts snapshot: the times name another number of operators');
    }
    const lots = splitter(lotTimes, lotCounts);
    const handOffs = splitter(handOffTimes, handOffCounts);
    this.operators = new Map(operators.map((operatorId, at) => [operatorId, { lots: lots(at), handOffs: handOffs(at) }]));
    this.claims = new Map(saved.claims);
    this.recent = new Map(saved.recent);
    this.categories = new Map(saved.categories);
    this.pending = new Map(saved.pending);
  }
}

/** joined: the lists one after the other, in one typed array. */
function joined(lists: readonly (readonly number[])[]): Float64Array {
  const all = new Float64Array(lists.reduce((sum, list) => sum + list.length, 0));
  let at = 0;
  for (const list of lists) {
    all.set(list, at);
    at += list.length;
  }
  return all;
}

/** splitter reads list `at` of the lists that `counts` cut `times` into, in order (each asked once, in turn). */
function splitter(times: Float64Array, counts: Uint32Array): (at: number) => number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total !== times.length) throw new Error(`trace counts snapshot: ${times.length} times where the counts say ${total}`);
  let start = 0;
  return (at) => {
    const end = start + counts[at]!;
    // A plain loop: Array.from goes through the iterator, several times slower on a typed array.
    const list: number[] = [];
    for (let i = start; i < end; i++) list.push(times[i]!);
    start = end;
    return list;
  };
}

/** insertSorted appends `value` (the usual case: times arrive in order) or inserts it in place. */
function insertSorted(list: number[], value: number): void {
  if (!Number.isFinite(value)) return;
  if (list.length === 0 || list[list.length - 1]! <= value) {
    list.push(value);
    return;
  }
  list.splice(firstAbove(list, value), 0, value);
}

/** firstAbove: the index of the first element greater than `value`. */
function firstAbove(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** firstAtOrAbove: the index of the first element at least `value`. */
function firstAtOrAbove(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function countIn(list: readonly number[], fromMs: number, toMs: number): number {
  return Math.max(0, firstAbove(list, toMs) - firstAtOrAbove(list, fromMs));
}

function latestAtOrBefore(lists: readonly (readonly number[])[], nowMs: number): number | undefined {
  let latest: number | undefined;
  for (const list of lists) {
    const index = firstAbove(list, nowMs) - 1;
    if (index >= 0 && (latest === undefined || list[index]! > latest)) latest = list[index]!;
  }
  return latest;
}

/**
 * TraceCounts: what the trace hook (追溯挂钩) counts. Per operator, the
 * times (ms, ascending) of its lots — commissioned, made by processing,
 * received (accepted) — and of its hand-offs — shipments sent, receipts
 * accepted — so that a window's count is two binary searches. Per
 * certification (type:number), the number of lots commissioned claiming it
 * (children made by shipping inherit the claim but are not new lots of it).
 */
const DAY_MS = 86_400_000;

interface OperatorTimes {
  lots: number[];
  handOffs: number[];
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

  lotMade(operatorId: string, timeMs: number, times = 1): void {
    const list = this.timesOf(operatorId).lots;
    for (let i = 0; i < times; i++) insertSorted(list, timeMs);
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

  save(): { operators: [string, OperatorTimes][]; claims: [string, number][] } {
    return { operators: [...this.operators], claims: [...this.claims] };
  }

  load(saved: { operators: [string, OperatorTimes][]; claims: [string, number][] }): void {
    this.operators = new Map(saved.operators);
    this.claims = new Map(saved.claims);
  }
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

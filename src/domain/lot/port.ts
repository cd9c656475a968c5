/**
 * LotPort: what the lot rules (evolve.ts) read of one lot, and the changes they make to it, as
 * verbs. The rules are written once against it; a backend decides how a change is kept:
 * - ObjectLot (here): the domain's immutable LotState, copied once per event on first write —
 *   what evolve returns to deciders, the batch overlay and the given/when/then tests;
 * - the projections' column backend (src/projections/lots/lotRow.ts), which writes the change in
 *   place into a lot's row of typed arrays, so a rebuild folds the log without an object per lot.
 * test/projections/lotPort.prop.test.ts folds random histories through both and compares every lot.
 */
import { addAmounts, subtractAmounts } from '../values/index.js';
import type { ChildLink, FrozenInfo, LotState, UnfrozenStatus } from './state.js';
import { withChildren } from './state.js';

/** The counters an amount moves between (quantity = available + held + shipped + sold + processed). */
export type LotCounter = 'available' | 'held' | 'shipped' | 'sold' | 'processed';

/** The fields the rules read (of the lot's state as it is after the verbs called so far). */
export type LotReads = Pick<LotState, 'status' | 'frozen' | 'madeBy' | 'available' | 'held'>;

export interface LotPort extends LotReads {
  /** Whether the lot exists (the reads and every verb but create require it). */
  readonly exists: boolean;
  /** create makes the lot: `lot` is its whole first state (parents named; no children yet). */
  create(lot: LotState): void;
  /** move takes `amount` from one counter and adds it to another. */
  move(amount: number, from: LotCounter, into: LotCounter): void;
  /** addChildren records lots made from this one (their own parents name it too). */
  addChildren(links: readonly ChildLink[]): void;
  /** setStatus sets the status, or, while the lot is frozen, the status it resumes. */
  setStatus(status: UnfrozenStatus): void;
  setHolder(operatorId: string): void;
  /** empty sets available to zero without moving it anywhere (a refused lot went back to its parent). */
  empty(): void;
  freeze(info: FrozenInfo): void;
  /** release ends a freeze: the lot resumes the status its freeze kept. */
  release(): void;
  /** countRecord adds one to the lot's count of production records. */
  countRecord(): void;
}

type Draft = { -readonly [K in keyof LotState]: LotState[K] };

/**
 * ObjectLot: the copy-on-write backend. Reads see the verbs applied so far; the first write
 * copies the state given to the constructor (which is never changed), later writes change the copy.
 */
export class ObjectLot implements LotPort {
  private draft: Draft | undefined;

  constructor(private current: LotState | undefined) {}

  /** The lot's state after the verbs (the state given, if none wrote). */
  get state(): LotState | undefined {
    return this.current;
  }

  get exists(): boolean {
    return this.current !== undefined;
  }
  get status() {
    return this.lot.status;
  }
  get frozen() {
    return this.lot.frozen;
  }
  get madeBy() {
    return this.lot.madeBy;
  }
  get available() {
    return this.lot.available;
  }
  get held() {
    return this.lot.held;
  }

  create(lot: LotState): void {
    this.current = lot;
    this.draft = undefined;
  }

  move(amount: number, from: LotCounter, into: LotCounter): void {
    const lot = this.write();
    lot[from] = subtractAmounts(lot[from], amount);
    lot[into] = addAmounts(lot[into], amount);
  }

  addChildren(links: readonly ChildLink[]): void {
    const lot = this.write();
    const { childLog, childCount } = withChildren(lot, links);
    lot.childLog = childLog;
    lot.childCount = childCount;
  }

  setStatus(status: UnfrozenStatus): void {
    const { frozen } = this.lot;
    if (frozen) {
      if (frozen.resumeStatus !== status) this.write().frozen = { ...frozen, resumeStatus: status };
    } else if (this.lot.status !== status) this.write().status = status;
  }

  setHolder(operatorId: string): void {
    this.write().holder = operatorId;
  }

  empty(): void {
    this.write().available = 0;
  }

  freeze(info: FrozenInfo): void {
    const lot = this.write();
    lot.status = 'frozen';
    lot.frozen = info;
  }

  release(): void {
    // Cleared, not deleted: every lot state keeps one shape (see newLot in evolve.ts).
    const lot = this.write();
    lot.status = lot.frozen!.resumeStatus;
    lot.frozen = undefined;
  }

  countRecord(): void {
    this.write().records += 1;
  }

  private get lot(): LotState {
    return this.current!;
  }

  private write(): Draft {
    if (!this.draft) this.current = this.draft = { ...this.lot };
    return this.draft;
  }
}

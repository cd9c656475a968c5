/**
 * LotRow: the column backend of the domain's lot port (src/domain/lot/port.ts). The domain's
 * rules (applyLot) read one lot's row and write their changes into it in place, so a projection
 * folds an event without materializing the lot as an object, copying it and storing it back.
 * It holds no rule: each verb is one write (LotTable's), and whose stock lists the lot is the
 * domain's keeperOf, asked before and after an event whose verbs touched what it reads (status,
 * freeze, holder: amounts and record counts never move a lot between stocks).
 *
 * Children are not written here: every child is a new lot whose parents name this one, and the
 * trace graph is made of new lots' parents (LotProjection.putNew), so addChildren has nothing to add.
 */
import {
  LOT_ORIGINS,
  LOT_STATUSES,
  baseStatus,
  type ChildLink,
  type FrozenInfo,
  type LotCounter,
  type LotPort,
  type LotState,
  type UnfrozenStatus,
} from '../../domain/index.js';
import type { LotTable } from './lotTable.js';

/** What a LotRow writes through besides the table: new lots, and the holdings a change moves. */
export interface LotRows {
  readonly table: LotTable;
  /** putNew stores a new lot (its row, its edges, its holdings) and returns its id. */
  putNew(code: string, lot: LotState): number;
  /** ownerOf: the operator (pool id) whose holdings list lot `id`, or -1. */
  ownerOf(id: number): number;
  /** moveHolding moves lot `id` from `was`'s holdings (-1: none) to its owner's now. */
  moveHolding(id: number, was: number): void;
}

const UNREAD = -2;

export class LotRow implements LotPort {
  private code = '';
  private lot = -1;
  /** The owner before this event's first change that may move it (UNREAD: none made yet). */
  private ownerBefore = UNREAD;

  constructor(private readonly rows: LotRows) {}

  /** at points the row at lot `code`, whose id is `id` (-1: not created yet), for one event. */
  at(code: string, id: number): this {
    this.code = code;
    this.lot = id;
    this.ownerBefore = UNREAD;
    return this;
  }

  /** The lot's id (after create, the new one). */
  get id(): number {
    return this.lot;
  }

  /** done finishes the event: the lot's holdings follow a change of its keeper. */
  done(): void {
    const was = this.ownerBefore;
    this.ownerBefore = UNREAD;
    if (was !== UNREAD && this.rows.ownerOf(this.lot) !== was) this.rows.moveHolding(this.lot, was);
  }

  get exists(): boolean {
    return this.lot >= 0;
  }
  get status() {
    return LOT_STATUSES[this.table.status[this.lot]!]!;
  }
  get frozen() {
    return this.table.frozen.get(this.lot);
  }
  get madeBy() {
    return LOT_ORIGINS[this.table.madeBy[this.lot]!]!;
  }
  get available() {
    return this.table.availableOf(this.lot);
  }
  get held() {
    return this.table.counter(this.lot, 'held');
  }

  create(lot: LotState): void {
    this.lot = this.rows.putNew(this.code, lot);
  }

  move(amount: number, from: LotCounter, into: LotCounter): void {
    this.table.moveAmount(this.lot, amount, from, into);
  }

  addChildren(_links: readonly ChildLink[]): void {
    // The children's own rows name this lot as their parent (see the file's comment).
  }

  setStatus(status: UnfrozenStatus): void {
    if (baseStatus(this) === status) return;
    this.keeperMayMove();
    this.table.setBaseStatus(this.lot, status);
  }

  setHolder(operatorId: string): void {
    this.keeperMayMove();
    this.table.setHolder(this.lot, operatorId);
  }

  empty(): void {
    this.table.setAvailable(this.lot, 0);
  }

  freeze(info: FrozenInfo): void {
    this.keeperMayMove();
    this.table.freeze(this.lot, info);
  }

  release(): void {
    this.keeperMayMove();
    this.table.release(this.lot);
  }

  countRecord(): void {
    this.table.countRecord(this.lot);
  }

  private get table(): LotTable {
    return this.rows.table;
  }

  private keeperMayMove(): void {
    if (this.ownerBefore === UNREAD) this.ownerBefore = this.rows.ownerOf(this.lot);
  }
}

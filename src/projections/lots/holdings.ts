/**
 * HoldingsIndex lists, per operator, the lots it holds or that are on their
 * way to it and still live (open, received or in transit, frozen or not):
 * one doubly linked list per operator over typed arrays (8 bytes per lot).
 * Lots leave their list when depleted, merged or rejected, so listing an
 * operator's holdings costs what it holds now, not everything it ever held.
 */
import { nextCapacity, restoredCapacity, withCapacity } from '../store/typed.js';

const NONE = -1;

export class HoldingsIndex {
  private previous: Int32Array = new Int32Array(1024);
  private following: Int32Array = new Int32Array(1024);
  private first: Int32Array = new Int32Array(64);
  private last: Int32Array = new Int32Array(64);
  private lots = 0;
  private owners = 0;

  ensure(lots: number, owners: number): void {
    if (lots > this.lots) {
      if (lots > this.previous.length) {
        const capacity = nextCapacity(this.previous.length, lots);
        this.previous = withCapacity(this.previous, this.lots, capacity);
        this.following = withCapacity(this.following, this.lots, capacity);
      }
      this.previous.fill(NONE, this.lots, lots);
      this.following.fill(NONE, this.lots, lots);
      this.lots = lots;
    }
    if (owners > this.owners) {
      if (owners > this.first.length) {
        const capacity = nextCapacity(this.first.length, owners);
        this.first = withCapacity(this.first, this.owners, capacity);
        this.last = withCapacity(this.last, this.owners, capacity);
      }
      this.first.fill(NONE, this.owners, owners);
      this.last.fill(NONE, this.owners, owners);
      this.owners = owners;
    }
  }

  /** add appends lot to the owner's list. Requires the lot not listed. */
  add(owner: number, lot: number): void {
    const tail = this.last[owner]!;
    this.previous[lot] = tail;
    this.following[lot] = NONE;
    if (tail === NONE) this.first[owner] = lot;
    else this.following[tail] = lot;
    this.last[owner] = lot;
  }

  /** remove takes lot out of the owner's list. Requires the lot listed there. */
  remove(owner: number, lot: number): void {
    const before = this.previous[lot]!;
    const after = this.following[lot]!;
    if (before === NONE) this.first[owner] = after;
    else this.following[before] = after;
    if (after === NONE) this.last[owner] = before;
    else this.previous[after] = before;
    this.previous[lot] = NONE;
    this.following[lot] = NONE;
  }

  /** The owner's lots in the order they joined, from the lot after `afterLot` (or the first), at most `limit`. */
  list(owner: number, limit = Number.POSITIVE_INFINITY, afterLot = NONE): number[] {
    const lots: number[] = [];
    if (owner < 0 || owner >= this.owners) return lots;
    let lot = afterLot === NONE ? this.first[owner]! : this.following[afterLot]!;
    for (; lot !== NONE && lots.length < limit; lot = this.following[lot]!) lots.push(lot);
    return lots;
  }

  get bytes(): number {
    return this.previous.byteLength * 2 + this.first.byteLength * 2;
  }

  exportArrays() {
    return {
      previous: this.previous.subarray(0, this.lots),
      following: this.following.subarray(0, this.lots),
      first: this.first.subarray(0, this.owners),
      last: this.last.subarray(0, this.owners),
    };
  }

  importArrays(arrays: ReturnType<HoldingsIndex['exportArrays']>): void {
    const lots = arrays.previous.length;
    const owners = arrays.first.length;
    if (arrays.following.length !== lots || arrays.last.length !== owners) {
      throw new Error('holdings snapshot: arrays differ in length');
    }
    this.previous = withCapacity(arrays.previous, lots, restoredCapacity(lots));
    this.following = withCapacity(arrays.following, lots, restoredCapacity(lots));
    this.first = withCapacity(arrays.first, owners, restoredCapacity(owners));
    this.last = withCapacity(arrays.last, owners, restoredCapacity(owners));
    this.lots = lots;
    this.owners = owners;
  }
}

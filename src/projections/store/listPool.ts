/**
 * ListPool keeps a short list of integers per owner (a lot's production
 * records, a lot's event positions) as linked lists over typed arrays: one
 * head per owner, and a value and a link per entry (8 bytes).
 */
import { grown, nextCapacity, restoredCapacity, withCapacity } from './typed.js';

const NONE = -1;

export class ListPool {
  private heads: Int32Array = new Int32Array(1024);
  private values: Int32Array = new Int32Array(1024);
  private links: Int32Array = new Int32Array(1024);
  private owners = 0;
  private entries = 0;

  /** ensureOwners makes room for owners below `count`, with empty lists. */
  ensureOwners(count: number): void {
    if (count <= this.owners) return;
    if (count > this.heads.length) this.heads = withCapacity(this.heads, this.owners, nextCapacity(this.heads.length, count));
    this.heads.fill(NONE, this.owners, count);
    this.owners = count;
  }

  /** add appends `value` to the owner's list. Requires owner < the ensured count and a 32-bit value. */
  add(owner: number, value: number): void {
    const entry = this.entries;
    if (entry === this.values.length) {
      const capacity = nextCapacity(entry, entry + 1);
      this.values = grown(this.values, capacity);
      this.links = grown(this.links, capacity);
    }
    this.values[entry] = value;
    this.links[entry] = this.heads[owner]!;
    this.heads[owner] = entry;
    this.entries = entry + 1;
  }

  /** The owner's values, oldest first. */
  list(owner: number): number[] {
    const values: number[] = [];
    if (owner >= this.owners) return values;
    for (let entry = this.heads[owner]!; entry !== NONE; entry = this.links[entry]!) values.push(this.values[entry]!);
    return values.reverse();
  }

  count(owner: number): number {
    let count = 0;
    if (owner >= this.owners) return 0;
    for (let entry = this.heads[owner]!; entry !== NONE; entry = this.links[entry]!) count++;
    return count;
  }

  get bytes(): number {
    return this.heads.byteLength + this.values.byteLength + this.links.byteLength;
  }

  exportArrays() {
    return {
      heads: this.heads.subarray(0, this.owners),
      values: this.values.subarray(0, this.entries),
      links: this.links.subarray(0, this.entries),
    };
  }

  importArrays(arrays: ReturnType<ListPool['exportArrays']>): void {
    const owners = arrays.heads.length;
    const entries = arrays.values.length;
    if (arrays.links.length !== entries) throw new Error('list snapshot: values and links differ in length');
    this.heads = withCapacity(arrays.heads, owners, restoredCapacity(owners));
    this.values = withCapacity(arrays.values, entries, restoredCapacity(entries));
    this.links = withCapacity(arrays.links, entries, restoredCapacity(entries));
    this.owners = owners;
    this.entries = entries;
  }
}

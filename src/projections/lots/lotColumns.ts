/**
 * LotColumns: one typed array per lot attribute, indexed by lot id, grown
 * together. Ids stand for interned values (see LotTable); amounts are
 * thousandths in Uint32 (store/amounts.ts: the domain's decimals have three
 * places; a value that does not fit is kept exactly beside the columns).
 * 64 bytes per lot.
 */
import { grown, nextCapacity, restoredCapacity, withCapacity, type TypedArray } from '../store/typed.js';

const COLUMNS = {
  status: Uint8Array,
  madeBy: Uint8Array,
  unit: Uint8Array,
  /** Who holds the lot: none, the issuer, the recipient, or another operator (LotTable.otherHolders). */
  holderKind: Uint8Array,
  product: Int32Array,
  origin: Int32Array,
  producedAt: Int32Array,
  certificate: Int32Array,
  claims: Int32Array,
  issuer: Int32Array,
  /** Recipient operator (>= 0), buyer (-2 - buyer id) or none (-1). */
  party: Int32Array,
  /** How many production records the lot has (the records themselves: LotTable.records, projections only). */
  recordCount: Int32Array,
  createdAt: Float64Array,
  /** Amounts, in thousandths (WIDE: in LotTable.wideAmounts). */
  quantity: Uint32Array,
  held: Uint32Array,
  shipped: Uint32Array,
  sold: Uint32Array,
  processed: Uint32Array,
} as const;

type ColumnName = keyof typeof COLUMNS;
type ArrayOf<C> = C extends Uint8ArrayConstructor
  ? Uint8Array
  : C extends Int32ArrayConstructor
    ? Int32Array
    : C extends Uint32ArrayConstructor
      ? Uint32Array
      : Float64Array;
export type ColumnArrays = { [K in ColumnName]: ArrayOf<(typeof COLUMNS)[K]> };
const NAMES = Object.keys(COLUMNS) as ColumnName[];

export class LotColumns implements ColumnArrays {
  status: Uint8Array = new Uint8Array(1024);
  madeBy: Uint8Array = new Uint8Array(1024);
  unit: Uint8Array = new Uint8Array(1024);
  holderKind: Uint8Array = new Uint8Array(1024);
  product: Int32Array = new Int32Array(1024);
  origin: Int32Array = new Int32Array(1024);
  producedAt: Int32Array = new Int32Array(1024);
  certificate: Int32Array = new Int32Array(1024);
  claims: Int32Array = new Int32Array(1024);
  issuer: Int32Array = new Int32Array(1024);
  party: Int32Array = new Int32Array(1024);
  recordCount: Int32Array = new Int32Array(1024);
  createdAt: Float64Array = new Float64Array(1024);
  quantity: Uint32Array = new Uint32Array(1024);
  held: Uint32Array = new Uint32Array(1024);
  shipped: Uint32Array = new Uint32Array(1024);
  sold: Uint32Array = new Uint32Array(1024);
  processed: Uint32Array = new Uint32Array(1024);
  protected rows = 0;

  get size(): number {
    return this.rows;
  }

  /** ensureRows makes room for lot ids below `count`. */
  ensureRows(count: number): void {
    if (count <= this.rows) return;
    if (count > this.status.length) this.replace((array) => grown(array, nextCapacity(array.length, count)));
    this.rows = count;
  }

  /** Bytes allocated by the columns. */
  get columnBytes(): number {
    return NAMES.reduce((sum, name) => sum + this[name].byteLength, 0);
  }

  /** The used rows of every column (views, not copies). */
  exportColumns(): ColumnArrays {
    const arrays = {} as Record<ColumnName, TypedArray>;
    for (const name of NAMES) arrays[name] = this[name].subarray(0, this.rows);
    return arrays as ColumnArrays;
  }

  importColumns(arrays: ColumnArrays): void {
    const rows = arrays.status.length;
    for (const name of NAMES) {
      if (arrays[name]?.length !== rows) throw new Error(`lot snapshot: column ${name} does not have ${rows} rows`);
    }
    const columns = this as unknown as Record<ColumnName, TypedArray>;
    for (const name of NAMES) columns[name] = withCapacity(arrays[name], rows, restoredCapacity(rows));
    this.rows = rows;
  }

  private replace(make: (array: TypedArray) => TypedArray): void {
    const columns = this as unknown as Record<ColumnName, TypedArray>;
    for (const name of NAMES) columns[name] = make(columns[name]);
  }
}

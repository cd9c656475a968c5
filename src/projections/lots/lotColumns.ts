/**
 * LotColumns: one typed array per lot attribute, indexed by lot id, grown
 * together. Ids stand for interned values (see LotTable); amounts are
 * thousandths in Uint32 (store/amounts.ts: the domain's decimals have three
 * places; a value that does not fit is kept exactly beside the columns).
 * 55 bytes per lot (until a narrow column has to widen, see setNarrow).
 */
import { grown, nextCapacity, restoredCapacity, widenedFor, withCapacity, type NarrowArray, type TypedArray } from '../store/typed.js';

const COLUMNS = {
  status: Uint8Array,
  madeBy: Uint8Array,
  unit: Uint8Array,
  /** Who holds the lot: none, the issuer, the recipient, or another operator (LotTable.otherHolders). */
  holderKind: Uint8Array,
  /** Interned ids and counts start narrow and become Int32 when a value does not fit (see setNarrow). */
  product: Uint16Array,
  origin: Uint16Array,
  producedAt: Int32Array,
  certificate: Int32Array,
  claims: Uint16Array,
  issuer: Int32Array,
  /** Recipient operator (>= 0), buyer (-2 - buyer id) or none (-1). */
  party: Int32Array,
  /** How many production records the lot has (the records themselves: LotTable.records, projections only). */
  recordCount: Uint8Array,
  createdAt: Float64Array,
  /** Amounts, in thousandths (WIDE: in LotTable.wideAmounts). */
  quantity: Uint32Array,
  held: Uint32Array,
  shipped: Uint32Array,
  sold: Uint32Array,
  processed: Uint32Array,
} as const;

type ColumnName = keyof typeof COLUMNS;
/** The columns that widen to Int32 when a value does not fit their narrow type. */
export type NarrowColumn = 'product' | 'origin' | 'claims' | 'recordCount';
type Narrow = NarrowArray;
type ArrayOf<C> = C extends Uint8ArrayConstructor
  ? Uint8Array
  : C extends Int32ArrayConstructor
    ? Int32Array
    : C extends Uint32ArrayConstructor
      ? Uint32Array
      : Float64Array;
export type ColumnArrays = { [K in ColumnName]: K extends NarrowColumn ? Narrow : ArrayOf<(typeof COLUMNS)[K]> };
const NARROW: ReadonlySet<string> = new Set<NarrowColumn>(['product', 'origin', 'claims', 'recordCount']);
const NAMES = Object.keys(COLUMNS) as ColumnName[];

export class LotColumns implements ColumnArrays {
  status: Uint8Array = new Uint8Array(1024);
  madeBy: Uint8Array = new Uint8Array(1024);
  unit: Uint8Array = new Uint8Array(1024);
  holderKind: Uint8Array = new Uint8Array(1024);
  product: Narrow = new Uint16Array(1024);
  origin: Narrow = new Uint16Array(1024);
  producedAt: Int32Array = new Int32Array(1024);
  certificate: Int32Array = new Int32Array(1024);
  claims: Narrow = new Uint16Array(1024);
  issuer: Int32Array = new Int32Array(1024);
  party: Int32Array = new Int32Array(1024);
  recordCount: Narrow = new Uint8Array(1024);
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

  /**
   * setNarrow writes `value` (>= 0) into a narrow column, first widening the whole column to Int32
   * if it does not fit: the 65,536th product, origin or claim set, or a lot's 256th record.
   */
  setNarrow(name: NarrowColumn, id: number, value: number): void {
    const column = widenedFor(this[name], value);
    this[name] = column;
    column[id] = value;
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
      const array = arrays[name] as TypedArray | undefined;
      if (array?.length !== rows) throw new Error(`lot snapshot: column ${name} does not have ${rows} rows`);
      // Another type would be read (or written) wrongly, not refused: a narrow column may have widened, no other.
      const fits = array instanceof COLUMNS[name] || (NARROW.has(name) && array instanceof Int32Array);
      if (!fits) throw new Error(`lot snapshot: column ${name} is a ${array.constructor.name}, not a ${COLUMNS[name].name}`);
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

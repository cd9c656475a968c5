/**
 * LotTable holds every lot's state in columns indexed by lot id. The domain's
 * lot rules write into a row in place through the lot port (LotRow and the
 * verbs below: move an amount, set a status or holder, freeze, release);
 * materialize turns a row back into the domain's LotState and store writes a
 * whole LotState into a row (the writer's committed lots, ColumnStates.set).
 * Repeated values (products, origins, operators, dates, claims) are interned;
 * certificates live in their own table, buyers of market-entry certificates
 * in a plain list. About 55 bytes per lot, besides the graph and the code index.
 *
 * parents and children are not kept here (see TraceGraph); a materialized
 * state has them empty, which the rules do not read.
 */
import {
  UNITS,
  addAmounts,
  expectedAvailable,
  subtractAmounts,
  type KeeperFields,
  type LotCounter,
  type UnfrozenStatus,
  type PersonalRef,
  type Claim,
  type FrozenInfo,
  type LotState,
  type LotStatus,
  type Origin,
  type Product,
  type ProductionRecord,
  type TraceCodeKind,
  type Unit,
  LOT_ORIGINS,
  LOT_STATUSES,
  traceCodeRegion,
} from '../../domain/index.js';
import { readAmount, writeAmount } from '../store/amounts.js';
import { Interner, jsonInterner, stringPool } from '../store/interner.js';
import { ListPool } from '../store/listPool.js';
import { CertificateTable } from './certificates.js';
import { LotColumns, type ColumnArrays } from './lotColumns.js';
import { IsoTimes } from './isoTimes.js';

// Columns store a status or origin as its index in the domain's list: snapshots depend on that order
// (SNAPSHOT_VERSION in lotProjection.ts changes if it ever does).
const STATUS_INDEX = new Map(LOT_STATUSES.map((status, index) => [status, index]));
const ORIGIN_INDEX = new Map(LOT_ORIGINS.map((origin, index) => [origin, index]));
const UNIT_INDEX = new Map(UNITS.map((unit, index) => [unit, index]));

const NONE = -1;
/** The amount columns, as slots of wideAmounts' keys. */
const [QUANTITY, HELD, SHIPPED, SOLD, PROCESSED, AMOUNTS] = [0, 1, 2, 3, 4, 5];
const HOLDER_NONE = 0;
const HOLDER_ISSUER = 1;
const HOLDER_RECIPIENT = 2;
const HOLDER_OTHER = 3;

/** T with every optional field required but possibly undefined: one object shape for all lots. */
type Shaped<T> = { [K in keyof Required<T>]: T[K] };
/** producedAt equals createdAt (a merge or processing step: produced when recorded). */
const SAME_AS_CREATED = -1;
const EMPTY_CLAIMS = 0;

// Keys as JSON arrays: no text can pass for another, nor for an absent field (an origin's base
// may be any string, "\u0000" included, which a separator-joined key once mistook for no base).
const productKey = ({ name, category, variety, gtin }: Product): string => JSON.stringify([name, category, variety, gtin]);
/** Products are kept with their fields in schema order, whatever order an event had. */
const productCopy = ({ name, category, variety, gtin }: Product): Product => ({
  name,
  category,
  ...(variety === undefined ? {} : { variety }),
  ...(gtin === undefined ? {} : { gtin }),
});
const originKey = ({ region, base }: Origin): string => JSON.stringify([region, base]);
const originCopy = ({ region, base }: Origin): Origin => (base === undefined ? { region } : { region, base });
// Equalities that hold exactly when the keys above (and the claim sets' canonical JSON) are equal.
const sameProduct = (a: Product, b: Product): boolean =>
  a.name === b.name && a.category === b.category && a.variety === b.variety && a.gtin === b.gtin;
const sameOrigin = (a: Origin, b: Origin): boolean => a.region === b.region && a.base === b.base;
const sameText = (a: string, b: string): boolean => a === b;
/** Claims with no fields but their schema's (type, number, maybe confirmed); any other claim set is keyed as JSON. */
const sameClaims = (a: readonly Claim[], b: readonly Claim[]): boolean =>
  a.length === b.length && a.every((claim, at) => plainClaim(claim) && plainClaim(b[at]!) && sameClaim(claim, b[at]!));
const sameClaim = (a: Claim, b: Claim): boolean => a.type === b.type && a.number === b.number && a.confirmed === b.confirmed;
function plainClaim(claim: Claim): boolean {
  for (const field in claim) if (field !== 'type' && field !== 'number' && field !== 'confirmed') return false;
  return true;
}
/** The same vault reference (a state read back from its row holds a copy of the event's). */
const sameBuyer = (a: PersonalRef | undefined, b: PersonalRef): boolean => a === b || (a?.ref === b.ref && a.commitment === b.commitment);
/** A buyer is held as its vault reference only: the data is in the store's vault, never in a projection. */
const buyerCopy = ({ ref, commitment }: PersonalRef): PersonalRef => ({ ref, commitment });

export class LotTable extends LotColumns {
  readonly operators = stringPool();
  readonly products = new Interner<Product>(productKey, productCopy);
  readonly origins = new Interner<Origin>(originKey, originCopy);
  readonly claimSets = jsonInterner<readonly Claim[]>();
  /**
   * Buyers named on market-entry certificates, one entry per certificate (not
   * interned: they rarely repeat, and keys would cost more than the values).
   */
  buyers: PersonalRef[] = [];
  readonly texts = stringPool();
  readonly certificates = new CertificateTable(this.texts);
  /** Production records (生产记录), interned: a farm repeats the same record on many lots. */
  readonly recordValues = jsonInterner<ProductionRecord>();
  /** Each lot's production records (ids into recordValues), oldest first. */
  readonly records = new ListPool();
  /** Frozen lots: few, so a map. */
  readonly frozen = new Map<number, FrozenInfo>();
  /**
   * `available` is not stored: it is quantity − held − shipped − sold −
   * processed (the invariant LotState states). The few lots it does not hold
   * for (rejected ones, whose counters are all zero) keep theirs here.
   */
  readonly availableOverrides = new Map<number, number>();
  /** Holders that are neither the issuer nor the recipient (operator pool ids; none so far in the domain). */
  readonly otherHolders = new Map<number, number>();
  /** Amounts a Uint32 of thousandths cannot hold (few: see store/amounts.ts), by lot id × AMOUNTS + column. */
  readonly wideAmounts = new Map<number, number>();
  /** createdAt of lots whose time is not in Date#toISOString form (never from this ledger). */
  readonly createdAtText = new Map<number, string>();
  private readonly times = new IsoTimes();

  constructor() {
    super();
    this.claimSets.intern([]);
  }

  override ensureRows(count: number): void {
    super.ensureRows(count);
    this.records.ensureOwners(count);
  }

  /**
   * materialize rebuilds the domain state of lot `id`, parents and children
   * left empty. Every optional field is present (undefined when unset), so
   * all states share one shape and the domain's spreads stay fast.
   */
  materialize(id: number, code: string, kind: TraceCodeKind): LotState {
    const party = this.party[id]!;
    const certificate = this.certificate[id]!;
    const createdAt = this.createdAtOf(id);
    const producedAt = this.producedAt[id]!;
    const state: Shaped<LotState> = {
      entity: 'lot',
      code,
      kind,
      region: traceCodeRegion(code),
      status: LOT_STATUSES[this.status[id]!]!,
      frozen: this.frozen.get(id),
      madeBy: LOT_ORIGINS[this.madeBy[id]!]!,
      product: this.products.value(this.product[id]!),
      unit: UNITS[this.unit[id]!] as Unit,
      quantity: this.amount(this.quantity, id, QUANTITY),
      available: this.availableOf(id),
      held: this.amount(this.held, id, HELD),
      shipped: this.amount(this.shipped, id, SHIPPED),
      sold: this.amount(this.sold, id, SOLD),
      processed: this.amount(this.processed, id, PROCESSED),
      issuer: this.operators.value(this.issuer[id]!),
      holder: this.holderName(id),
      recipient: this.recipientOf(id),
      buyer: party <= -2 ? this.buyers[-2 - party] : undefined,
      // Fresh arrays: evolve may append to a state's child log in place.
      parents: [],
      childLog: [],
      childCount: 0,
      origin: this.origins.value(this.origin[id]!),
      producedAt: producedAt === SAME_AS_CREATED ? createdAt : this.texts.value(producedAt),
      certificate: certificate === NONE ? undefined : this.certificates.get(certificate),
      claims: this.claimSets.value(this.claims[id]!),
      records: this.recordCount[id]!,
      createdAt,
    };
    return state as LotState;
  }

  /**
   * store writes `state` into row `id`. `before` is the state materialized
   * from the row (undefined for a new lot): values it shares by reference
   * are not interned again. `like` is a row that may hold the same values
   * (a new lot's parent's: its product, origin, claims, certificate), tried
   * before interning.
   */
  store(id: number, state: LotState, before: LotState | undefined, like = NONE): void {
    this.status[id] = STATUS_INDEX.get(state.status)!;
    if (state.frozen) this.frozen.set(id, state.frozen);
    else this.frozen.delete(id);
    this.setAmount(this.quantity, id, QUANTITY, state.quantity);
    this.setNarrow('recordCount', id, state.records);
    if (expectedAvailable(state) === state.available) this.availableOverrides.delete(id);
    else this.availableOverrides.set(id, state.available);
    this.setAmount(this.held, id, HELD, state.held);
    this.setAmount(this.shipped, id, SHIPPED, state.shipped);
    this.setAmount(this.sold, id, SOLD, state.sold);
    this.setAmount(this.processed, id, PROCESSED, state.processed);
    if (before && before.recipient === state.recipient && before.buyer === state.buyer && before.holder === state.holder) {
      // Who has the lot did not change (most events): nothing to intern.
    } else {
      this.storeParties(id, state, before);
    }
    if (before && before.product === state.product && before.origin === state.origin && before.claims === state.claims) {
      if (before.madeBy !== state.madeBy) this.madeBy[id] = ORIGIN_INDEX.get(state.madeBy)!;
      if (before.certificate !== state.certificate) this.certificate[id] = this.certificateRow(state, like);
      return;
    }
    const known = like !== NONE;
    this.madeBy[id] = ORIGIN_INDEX.get(state.madeBy)!;
    this.unit[id] = UNIT_INDEX.get(state.unit)!;
    this.setNarrow('product', id, this.products.internLike(state.product, known ? this.product[like]! : NONE, sameProduct));
    this.setNarrow('origin', id, this.origins.internLike(state.origin, known ? this.origin[like]! : NONE, sameOrigin));
    const claims =
      state.claims.length === 0 ? EMPTY_CLAIMS : this.claimSets.internLike(state.claims, known ? this.claims[like]! : NONE, sameClaims);
    this.setNarrow('claims', id, claims);
    this.issuer[id] = this.operators.intern(state.issuer);
    this.certificate[id] = this.certificateRow(state, like);
    this.setCreatedAt(id, state.createdAt);
    this.producedAt[id] =
      state.producedAt === state.createdAt
        ? SAME_AS_CREATED
        : this.texts.internLike(state.producedAt, known ? this.producedAt[like]! : NONE, sameText);
  }

  /** storeParties writes who the lot was sent to and who holds it. */
  private storeParties(id: number, state: LotState, before: LotState | undefined): void {
    if (state.recipient !== undefined) this.party[id] = this.operators.intern(state.recipient);
    else if (state.buyer === undefined) this.party[id] = NONE;
    else if (!sameBuyer(before?.buyer, state.buyer)) this.party[id] = -2 - (this.buyers.push(buyerCopy(state.buyer)) - 1);
    this.writeHolder(id, state.holder, state.issuer, state.recipient);
  }

  /** writeHolder records who holds lot `id`, as the issuer, the recipient or another operator. */
  private writeHolder(id: number, holder: string | undefined, issuer: string, recipient: string | undefined): void {
    this.otherHolders.delete(id);
    if (holder === undefined) this.holderKind[id] = HOLDER_NONE;
    else if (holder === issuer) this.holderKind[id] = HOLDER_ISSUER;
    else if (holder === recipient) this.holderKind[id] = HOLDER_RECIPIENT;
    else {
      this.holderKind[id] = HOLDER_OTHER;
      this.otherHolders.set(id, this.operators.intern(holder));
    }
  }

  // The lot port's verbs in place (see lotRow.ts): each writes one change of the domain's rules into row `id`.

  /** counter reads one of lot `id`'s amounts. */
  counter(id: number, name: LotCounter): number {
    if (name === 'available') return this.availableOf(id);
    const [column, slot] = this.counterColumn(name);
    return this.amount(column, id, slot);
  }

  /** moveAmount takes `amount` from one counter of lot `id` and adds it to another, as the domain's amounts add. */
  moveAmount(id: number, amount: number, from: LotCounter, into: LotCounter): void {
    let available = this.availableOf(id);
    if (from === 'available') available = subtractAmounts(available, amount);
    else this.setCounter(id, from, subtractAmounts(this.counter(id, from), amount));
    if (into === 'available') available = addAmounts(available, amount);
    else this.setCounter(id, into, addAmounts(this.counter(id, into), amount));
    this.setAvailable(id, available);
  }

  /** setAvailable keeps `available` derived from the other counters, or beside them where it is not. */
  setAvailable(id: number, available: number): void {
    if (this.expectedAvailableOf(id) === available) this.availableOverrides.delete(id);
    else this.availableOverrides.set(id, available);
  }

  /** setBaseStatus sets lot `id`'s status, or the status it resumes while frozen. */
  setBaseStatus(id: number, status: UnfrozenStatus): void {
    const frozen = this.frozen.get(id);
    if (frozen) this.frozen.set(id, { ...frozen, resumeStatus: status });
    else this.status[id] = STATUS_INDEX.get(status)!;
  }

  setHolder(id: number, operatorId: string): void {
    this.writeHolder(id, operatorId, this.operators.value(this.issuer[id]!), this.recipientOf(id));
  }

  freeze(id: number, info: FrozenInfo): void {
    this.status[id] = STATUS_INDEX.get('frozen')!;
    this.frozen.set(id, info);
  }

  release(id: number): void {
    this.status[id] = STATUS_INDEX.get(this.frozen.get(id)!.resumeStatus)!;
    this.frozen.delete(id);
  }

  countRecord(id: number): void {
    this.setNarrow('recordCount', id, this.recordCount[id]! + 1);
  }

  /** What keeperOf reads of lot `id`. */
  keeperFieldsOf(id: number): KeeperFields {
    return {
      status: LOT_STATUSES[this.status[id]!]!,
      frozen: this.frozen.get(id),
      holder: this.holderName(id),
      recipient: this.recipientOf(id),
    };
  }

  /** The operator holding lot `id`, if any. */
  private holderName(id: number): string | undefined {
    const holder = this.holderOf(id);
    return holder === NONE ? undefined : this.operators.value(holder);
  }

  /** The operator lot `id` was sent to, if any. */
  private recipientOf(id: number): string | undefined {
    const party = this.party[id]!;
    return party >= 0 ? this.operators.value(party) : undefined;
  }

  private counterColumn(name: Exclude<LotCounter, 'available'>): [Uint32Array, number] {
    switch (name) {
      case 'held':
        return [this.held, HELD];
      case 'shipped':
        return [this.shipped, SHIPPED];
      case 'sold':
        return [this.sold, SOLD];
      case 'processed':
        return [this.processed, PROCESSED];
    }
  }

  private setCounter(id: number, name: Exclude<LotCounter, 'available'>, value: number): void {
    const [column, slot] = this.counterColumn(name);
    this.setAmount(column, id, slot, value);
  }

  /** productOf: the product of lot `id`, without materializing the lot (EPCIS export asks it per event). */
  productOf(id: number): Product {
    return this.products.value(this.product[id]!);
  }

  /** addRecord appends a production record to lot `id`. */
  addRecord(id: number, record: ProductionRecord): void {
    this.records.add(id, this.recordValues.intern(record));
  }

  /** The production records of lot `id`, oldest first. */
  recordsOf(id: number): ProductionRecord[] {
    return this.records.list(id).map((record) => this.recordValues.value(record));
  }

  /** The operator (pool id) holding lot `id`, or -1. */
  holderOf(id: number): number {
    switch (this.holderKind[id]) {
      case HOLDER_ISSUER:
        return this.issuer[id]!;
      case HOLDER_RECIPIENT:
        return this.party[id]!;
      case HOLDER_OTHER:
        return this.otherHolders.get(id)!;
      default:
        return NONE;
    }
  }

  /** What is left of lot `id` to move. */
  availableOf(id: number): number {
    const override = this.availableOverrides.get(id);
    return override ?? this.expectedAvailableOf(id);
  }

  /** What the counters of lot `id` leave available (the domain's invariant). */
  private expectedAvailableOf(id: number): number {
    return expectedAvailable({
      quantity: this.amount(this.quantity, id, QUANTITY),
      held: this.amount(this.held, id, HELD),
      shipped: this.amount(this.shipped, id, SHIPPED),
      sold: this.amount(this.sold, id, SOLD),
      processed: this.amount(this.processed, id, PROCESSED),
    });
  }

  /** The quantity of lot `id` (in its unit). */
  quantityOf(id: number): number {
    return this.amount(this.quantity, id, QUANTITY);
  }

  private amount(column: Uint32Array, id: number, slot: number): number {
    return readAmount(column, id, this.wideAmounts, id * AMOUNTS + slot);
  }

  private setAmount(column: Uint32Array, id: number, slot: number, value: number): void {
    writeAmount(column, id, value, this.wideAmounts, id * AMOUNTS + slot);
  }

  /** The lot's status before any freeze (the status it resumes when released). */
  baseStatus(id: number): LotStatus {
    return this.frozen.get(id)?.resumeStatus ?? LOT_STATUSES[this.status[id]!]!;
  }

  createdAtOf(id: number): string {
    return this.createdAtText.get(id) ?? this.times.format(this.createdAt[id]!);
  }

  get bytes(): number {
    return this.columnBytes + this.certificates.bytes + this.records.bytes;
  }

  exportArrays(): ColumnArrays {
    return this.exportColumns();
  }

  exportLists() {
    return { records: this.records.exportArrays(), certificates: this.certificates.exportArrays() };
  }

  exportValues() {
    return {
      operators: this.operators.all(),
      products: this.products.all(),
      origins: this.origins.all(),
      claimSets: this.claimSets.all(),
      buyers: this.buyers,
      texts: this.texts.all(),
      recordValues: this.recordValues.all(),
      frozen: [...this.frozen],
      createdAtText: [...this.createdAtText],
      availableOverrides: [...this.availableOverrides],
      wideAmounts: [...this.wideAmounts],
      otherHolders: [...this.otherHolders],
    };
  }

  importSnapshot(arrays: ColumnArrays, lists: ReturnType<LotTable['exportLists']>, values: ReturnType<LotTable['exportValues']>): void {
    this.importColumns(arrays);
    this.operators.load(values.operators);
    this.products.load(values.products);
    this.origins.load(values.origins);
    this.claimSets.load(values.claimSets);
    this.buyers = [...values.buyers];
    this.texts.load(values.texts);
    this.recordValues.load(values.recordValues);
    this.records.importArrays(lists.records);
    this.certificates.importArrays(lists.certificates);
    this.frozen.clear();
    for (const [id, info] of values.frozen) this.frozen.set(id, info);
    this.createdAtText.clear();
    for (const [id, text] of values.createdAtText) this.createdAtText.set(id, text);
    this.availableOverrides.clear();
    for (const [id, available] of values.availableOverrides) this.availableOverrides.set(id, available);
    this.wideAmounts.clear();
    for (const [key, amount] of values.wideAmounts) this.wideAmounts.set(key, amount);
    this.otherHolders.clear();
    for (const [id, holder] of values.otherHolders) this.otherHolders.set(id, holder);
  }

  /** certificateRow: the certificate row for `state`'s certificate, trying the one lot `like` has first. */
  private certificateRow(state: LotState, like: number): number {
    const { certificate } = state;
    if (certificate === undefined) return NONE;
    const hint = like === NONE ? NONE : this.certificate[like]!;
    if (hint !== NONE && this.certificates.matches(hint, certificate)) return hint;
    return this.certificates.add(certificate);
  }

  private setCreatedAt(id: number, text: string): void {
    const ms = Date.parse(text);
    this.createdAt[id] = ms;
    if (this.times.format(ms) !== text) this.createdAtText.set(id, text);
    else this.createdAtText.delete(id);
  }
}

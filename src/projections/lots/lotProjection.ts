/**
 * LotProjection ('lots'): every lot's state, the trace graph between lots,
 * each operator's live holdings and, optionally, the positions of each lot's
 * events, in columns (LotTable). It applies the domain's lot rules (applyLot,
 * the rules `evolve` runs too) to each lot an event tags, writing their changes
 * into the lot's row in place (LotRow), so the rules live in one place.
 */
import {
  LOT_TAG_PREFIX,
  applyLot,
  keeperOf,
  type KeeperFields,
  type LinkVia,
  type DomainEvent,
  type LotState,
  type TraceCodeKind,
} from '../../domain/index.js';
import type { SealedEvent } from '../../store/index.js';
import { checkNext, type Projection, type SnapshotImage } from '../projection.js';
import { CodeIndex } from '../store/codeIndex.js';
import { ListPool } from '../store/listPool.js';
import type { TypedArray } from '../store/typed.js';
import { HoldingsIndex } from './holdings.js';
import { LotRow } from './lotRow.js';
import { LotTable } from './lotTable.js';
import { TraceGraph } from './traceGraph.js';

export interface LotProjectionOptions {
  /**
   * Keep the positions of each lot's events in memory, for lotEvents()
   * (8 bytes per event and lot it tags: about 40 bytes a lot, a fifth of the
   * projection). Default false: a lot's events are one indexed read away
   * (store.readByTag('lot:<code>')), and a proof bundle reads them anyway.
   */
  readonly eventPositions?: boolean;
}

/**
 * 4: buyers are vault references. 5: certificates keep their basis (承诺依据).
 * 6: products keep their GTIN; a snapshot from an older build (a reader
 * upgraded after its writer) would have dropped it, so it is rebuilt.
 * 7: a column of record counts (the ledger's state keeps counts, not records); edges are added
 * from the parents of new lots.
 * 8: amounts are thousandths in Uint32 columns, with the few that do not fit beside them.
 * 9: product, origin and claim-set ids in Uint16 and record counts in Uint8, widening to Int32.
 * 10: products and origins keyed as JSON: an older snapshot may hold an origin whose base "\u0000"
 * was taken for no base (or a variety or GTIN so), so it is rebuilt from the log.
 * 11: edge quantities are thousandths in a Uint32 array, with the few that do not fit beside it.
 */
const SNAPSHOT_VERSION = 11;
/** The lot layout's version: the writer's snapshot (ColumnStates) names it too. */
export const LOT_SNAPSHOT_VERSION = SNAPSHOT_VERSION;

export class LotProjection implements Projection {
  readonly name = 'lots';
  readonly snapshotVersion = SNAPSHOT_VERSION;
  readonly trackEvents: boolean;
  index = new CodeIndex();
  graph = new TraceGraph();
  table = new LotTable();
  holdings = new HoldingsIndex();
  events = new ListPool();
  private covered = 0;
  private sharedWithLedger = false;
  private last: string | undefined;
  private readonly listeners = new Set<(lot: number) => void>();
  private readonly row = new LotRow(this);

  constructor(options: LotProjectionOptions = {}) {
    this.trackEvents = options.eventPositions ?? false;
  }

  get position(): number {
    return this.covered;
  }

  get lastHash(): string | undefined {
    return this.last;
  }

  /** Number of lots. */
  get size(): number {
    return this.index.size;
  }

  /**
   * onChange calls `listener` with the id of every lot an applied event
   * changed, and with -1 when every lot may have changed (reset, restore:
   * ids are renumbered). Returns an unsubscribe.
   */
  onChange(listener: (lot: number) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** kindOf reads the kind digit of a lot id. */
  kindOf(id: number): TraceCodeKind {
    return Math.floor(this.index.headOf(id) / 1_000_000) as TraceCodeKind;
  }

  /** state returns the lot's domain state (parents and children included), or undefined. */
  state(code: string): LotState | undefined {
    const id = this.index.idOf(code);
    return id < 0 ? undefined : this.stateOf(id);
  }

  /** stateOf: the domain state of lot `id` (parents and children included). Requires 0 <= id < size. */
  stateOf(id: number): LotState {
    const state = this.table.materialize(id, this.index.codeOf(id), this.kindOf(id));
    const { graph } = this;
    const parents = graph.edgesIn(id).map((edge) => ({
      code: this.index.codeOf(graph.edgeParent[edge]!),
      quantity: graph.quantity(edge),
    }));
    const children = graph.edgesOut(id).map((edge) => ({
      code: this.index.codeOf(graph.edgeChild[edge]!),
      quantity: graph.quantity(edge),
      via: graph.via(edge),
    }));
    return { ...state, parents, childLog: children, childCount: children.length };
  }

  /**
   * shareWithLedger makes this projection the writer's committed lots (ColumnStates.lots, issue
   * 17: one copy of every lot in the writer process). The ledger stores each lot when it commits;
   * applying an event then only moves the position and tells the listeners, and reset, restore
   * and snapshots leave the lots alone (the ledger's snapshot carries them). `position` is the
   * ledger's size now: the lots hold every event before it.
   */
  shareWithLedger(position: number): void {
    if (this.trackEvents) throw new Error('a lot projection shared with the ledger keeps no event positions');
    this.sharedWithLedger = true;
    this.covered = position;
    this.last = undefined;
  }

  /** Whether the lots are the ledger's (see shareWithLedger): nothing to save in a snapshot of its own. */
  get saves(): boolean {
    return !this.sharedWithLedger;
  }

  apply(sealed: SealedEvent): void {
    checkNext(this.name, this.covered, sealed);
    const event = sealed as unknown as DomainEvent;
    for (const tag of sealed.tags) {
      if (!tag.startsWith(LOT_TAG_PREFIX)) continue;
      if (!this.sharedWithLedger) this.applyToLot(tag, event, sealed.position);
      else {
        const id = this.index.idOf(tag.slice(LOT_TAG_PREFIX.length));
        if (id >= 0) for (const listener of this.listeners) listener(id);
      }
    }
    this.covered = sealed.position + 1;
    this.last = sealed.hash;
  }

  private applyToLot(tag: string, event: DomainEvent, position: number): void {
    const stored = this.foldLot(tag.slice(LOT_TAG_PREFIX.length), event);
    if (stored < 0) return;
    if (event.type === 'lot.recorded') this.table.addRecord(stored, event.data.record);
    if (this.trackEvents) {
      if (position > 0x7fffffff) throw new RangeError('event positions past 2^31 need eventPositions: false');
      this.events.add(stored, position);
    }
    for (const listener of this.listeners) listener(stored);
  }

  /**
   * foldLot applies `event` to lot `code` with the domain's rules, written straight into the lot's
   * row (lotRow.ts): its id, or -1 when the event does not concern it. Records, event positions
   * and listeners are the caller's (apply; the writer's ColumnStates.fold).
   */
  foldLot(code: string, event: DomainEvent): number {
    const row = this.row.at(code, this.index.idOf(code));
    if (!applyLot(code, row, event)) return -1;
    row.done();
    return row.id;
  }

  /**
   * put stores a lot's state (what the domain's `evolve` made) and returns its id. `before` is
   * the state materialized from its row, if the caller has it (values it shares are not interned
   * again). A new lot is linked to the parents its state names: every child a lot ever has is a
   * new lot (a hand-off, merge or processing step makes it), so the trace graph is the parents
   * of new lots and nothing else needs to know which events make edges.
   */
  put(code: string, after: LotState, before?: LotState): number {
    const { table, index } = this;
    const id = index.idOf(code);
    if (id < 0) return this.putNew(code, after);
    const was = before ?? table.materialize(id, code, this.kindOf(id));
    table.store(id, after, before, id);
    this.updateHoldings(id, was, after);
    return id;
  }

  /** putNew stores a lot the projection does not have yet (see put) and returns its id. */
  putNew(code: string, lot: LotState): number {
    const { table, index, graph } = this;
    const id = this.addLot(code);
    const parents = lot.parents.map((parent) => index.idOf(parent.code));
    // A child mostly repeats its (first) parent's product, origin and certificate: its row is tried first.
    table.store(id, lot, undefined, parents.length > 0 ? parents[0]! : -1);
    if (lot.madeBy !== 'commission') {
      lot.parents.forEach((parent, at) => {
        if (parents[at]! >= 0) graph.addEdge(parents[at]!, id, parent.quantity, lot.madeBy as LinkVia);
      });
    }
    this.updateHoldings(id, undefined, lot);
    return id;
  }

  private addLot(code: string): number {
    const id = this.index.add(code);
    const lots = id + 1;
    this.table.ensureRows(lots);
    this.graph.ensureLots(lots);
    this.events.ensureOwners(lots);
    return id;
  }

  private updateHoldings(id: number, before: KeeperFields | undefined, after: LotState): void {
    this.moveHoldingFrom(id, before ? this.owner(before) : -1, this.owner(after));
  }

  /** ownerOf: the operator (pool id) whose holdings list lot `id` now, or -1 (for LotRow). */
  ownerOf(id: number): number {
    return this.owner(this.table.keeperFieldsOf(id));
  }

  /** moveHolding moves lot `id` from `was`'s holdings to its owner's now (for LotRow). */
  moveHolding(id: number, was: number): void {
    this.moveHoldingFrom(id, was, this.ownerOf(id));
  }

  private moveHoldingFrom(id: number, was: number, now: number): void {
    if (was === now) return;
    this.holdings.ensure(this.index.size, this.table.operators.size);
    if (was >= 0) this.holdings.remove(was, id);
    if (now >= 0) this.holdings.add(now, id);
  }

  /** The operator (pool id) whose holdings list the lot (the domain's keeperOf), or -1. */
  private owner(state: KeeperFields): number {
    const keeper = keeperOf(state);
    return keeper === undefined ? -1 : this.table.operators.idOf(keeper);
  }

  snapshot(): SnapshotImage {
    const arrays: Record<string, TypedArray> = {};
    const put = (prefix: string, group: Record<string, TypedArray>) => {
      for (const [name, array] of Object.entries(group)) arrays[`${prefix}.${name}`] = array;
    };
    put('index', this.index.exportArrays());
    put('graph', this.graph.exportArrays());
    put('table', this.table.exportArrays());
    const lists = this.table.exportLists();
    put('records', lists.records);
    put('certificates', lists.certificates);
    put('holdings', this.holdings.exportArrays());
    if (this.trackEvents) put('events', this.events.exportArrays());
    return {
      name: this.name,
      version: this.snapshotVersion,
      position: this.covered,
      lastHash: this.last,
      arrays,
      values: { ...this.table.exportValues(), wideEdgeQuantities: this.graph.exportWide(), trackEvents: this.trackEvents },
    };
  }

  restore(image: SnapshotImage): void {
    const take = <T>(prefix: string): T => {
      const group: Record<string, TypedArray> = {};
      for (const [name, array] of Object.entries(image.arrays)) {
        if (name.startsWith(`${prefix}.`)) group[name.slice(prefix.length + 1)] = array;
      }
      return group as T;
    };
    // An old file of a projection now shared: the ledger's lots are newer.
    if (this.sharedWithLedger) return;
    const values = image.values as ReturnType<LotTable['exportValues']> & {
      wideEdgeQuantities: [number, number][];
      trackEvents: boolean;
    };
    if (values.trackEvents !== this.trackEvents) throw new Error('lots snapshot: taken with another eventPositions setting');
    this.reset();
    const { heads, tails } = take<ReturnType<CodeIndex['exportArrays']>>('index');
    this.index.importArrays(heads, tails);
    this.graph.importArrays(take('graph'), values.wideEdgeQuantities);
    this.table.importSnapshot(take('table'), { records: take('records'), certificates: take('certificates') }, values);
    this.holdings.importArrays(take('holdings'));
    if (this.trackEvents) this.events.importArrays(take('events'));
    const lots = this.index.size;
    if (this.graph.lotCount !== lots || this.table.size !== lots) throw new Error('lots snapshot: parts disagree on the lot count');
    this.covered = image.position;
    this.last = image.lastHash;
  }

  reset(): void {
    if (this.sharedWithLedger) {
      // The lots are the ledger's and current: replaying the log from 0 only moves the position.
      this.covered = 0;
      this.last = undefined;
      return;
    }
    this.index = new CodeIndex();
    this.graph = new TraceGraph();
    this.table = new LotTable();
    this.holdings = new HoldingsIndex();
    this.events = new ListPool();
    this.covered = 0;
    this.last = undefined;
    for (const listener of this.listeners) listener(-1);
  }

  /** Bytes held in typed arrays (allocated capacity), for metrics. */
  get bytes(): number {
    return this.index.bytes + this.graph.bytes + this.table.bytes + this.holdings.bytes + this.events.bytes;
  }
}

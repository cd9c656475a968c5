/**
 * LotProjection ('lots'): every lot's state, the trace graph between lots,
 * each operator's live holdings and, optionally, the positions of each lot's
 * events. It applies the domain's `evolve` to each lot an event tags (so the
 * rules live in one place) and stores the result in columns (LotTable).
 */
import {
  LOT_TAG_PREFIX,
  baseStatus,
  evolve,
  type DomainEvent,
  type LotState,
  type LotStatus,
  type TraceCodeKind,
} from '../../domain/index.js';
import type { SealedEvent } from '../../store/index.js';
import { checkNext, type Projection, type SnapshotImage } from '../projection.js';
import { CodeIndex } from '../store/codeIndex.js';
import { ListPool } from '../store/listPool.js';
import type { TypedArray } from '../store/typed.js';
import { HoldingsIndex } from './holdings.js';
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

/** Statuses (before any freeze) in which a lot is in its owner's holdings. */
const LIVE: ReadonlySet<LotStatus> = new Set<LotStatus>(['open', 'received', 'in-transit']);
/**
 * 4: buyers are vault references. 5: certificates keep their basis (承诺依据).
 * 6: products keep their GTIN; a snapshot from an older build (a reader
 * upgraded after its writer) would have dropped it, so it is rebuilt.
 */
const SNAPSHOT_VERSION = 6;

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
  private last: string | undefined;
  private readonly listeners = new Set<(lot: number) => void>();

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
    if (id < 0) return undefined;
    const state = this.table.materialize(id, code, this.kindOf(id));
    const { graph } = this;
    const parents = graph.edgesIn(id).map((edge) => ({
      code: this.index.codeOf(graph.edgeParent[edge]!),
      quantity: graph.edgeQuantity[edge]!,
    }));
    const children = graph.edgesOut(id).map((edge) => ({
      code: this.index.codeOf(graph.edgeChild[edge]!),
      quantity: graph.edgeQuantity[edge]!,
      via: graph.via(edge),
    }));
    return { ...state, parents, childLog: children, childCount: children.length };
  }

  apply(sealed: SealedEvent): void {
    checkNext(this.name, this.covered, sealed);
    const event = sealed as unknown as DomainEvent;
    for (const tag of sealed.tags) {
      if (tag.startsWith(LOT_TAG_PREFIX)) this.applyToLot(tag, event, sealed.position);
    }
    this.link(event);
    this.covered = sealed.position + 1;
    this.last = sealed.hash;
  }

  private applyToLot(tag: string, event: DomainEvent, position: number): void {
    const code = tag.slice(LOT_TAG_PREFIX.length);
    const { table, index } = this;
    let id = index.idOf(code);
    const before = id >= 0 ? table.materialize(id, code, this.kindOf(id)) : undefined;
    const after = evolve(tag, before, event) as LotState | undefined;
    if (after === undefined) return;
    let hint = -1;
    if (id < 0) {
      id = this.addLot(code);
      if (event.type === 'lot.shipped') {
        const parent = index.idOf(event.data.code);
        if (parent >= 0) hint = table.certificate[parent]!;
      }
    }
    table.store(id, after, before, hint);
    if (event.type === 'lot.recorded') table.addRecord(id, event.data.record);
    this.updateHoldings(id, before, after);
    if (this.trackEvents) {
      if (position > 0x7fffffff) throw new RangeError('event positions past 2^31 need eventPositions: false');
      this.events.add(id, position);
    }
    for (const listener of this.listeners) listener(id);
  }

  /** link adds the graph edges an event makes (both ends must exist by now). */
  private link(event: DomainEvent): void {
    const { index, graph } = this;
    if (event.type === 'lot.shipped') {
      const parent = index.idOf(event.data.code);
      const child = index.idOf(event.data.childCode);
      if (parent >= 0 && child >= 0) graph.addEdge(parent, child, event.data.quantity.amount, 'shipment');
    } else if (event.type === 'lot.processed') {
      for (const input of event.data.inputs) {
        const parent = index.idOf(input.code);
        if (parent < 0) continue;
        for (const output of event.data.outputs) {
          const child = index.idOf(output.code);
          if (child >= 0) graph.addEdge(parent, child, input.quantity.amount, event.data.mode);
        }
      }
    }
  }

  private addLot(code: string): number {
    const id = this.index.add(code);
    const lots = id + 1;
    this.table.ensureRows(lots);
    this.graph.ensureLots(lots);
    this.events.ensureOwners(lots);
    return id;
  }

  private updateHoldings(id: number, before: LotState | undefined, after: LotState): void {
    const was = before ? this.owner(before) : -1;
    const now = this.owner(after);
    if (was === now) return;
    this.holdings.ensure(this.index.size, this.table.operators.size);
    if (was >= 0) this.holdings.remove(was, id);
    if (now >= 0) this.holdings.add(now, id);
  }

  /** The operator whose holdings list the lot (holder, or recipient in transit), or -1 if not live. */
  private owner(state: LotState): number {
    if (!LIVE.has(baseStatus(state))) return -1;
    const operator = state.holder ?? state.recipient;
    return operator === undefined ? -1 : this.table.operators.idOf(operator);
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
      values: { ...this.table.exportValues(), trackEvents: this.trackEvents },
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
    const values = image.values as ReturnType<LotTable['exportValues']> & { trackEvents: boolean };
    if (values.trackEvents !== this.trackEvents) throw new Error('lots snapshot: taken with another eventPositions setting');
    this.reset();
    const { heads, tails } = take<ReturnType<CodeIndex['exportArrays']>>('index');
    this.index.importArrays(heads, tails);
    this.graph.importArrays(take('graph'));
    this.table.importSnapshot(take('table'), { records: take('records'), certificates: take('certificates') }, values);
    this.holdings.importArrays(take('holdings'));
    if (this.trackEvents) this.events.importArrays(take('events'));
    const lots = this.index.size;
    if (this.graph.lotCount !== lots || this.table.size !== lots) throw new Error('lots snapshot: parts disagree on the lot count');
    this.covered = image.position;
    this.last = image.lastHash;
  }

  reset(): void {
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

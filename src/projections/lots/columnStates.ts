/**
 * ColumnStates: the writer's committed entities (issue 17) with every lot in the columns of a
 * LotProjection (its code index, lot table and trace graph: about 250 bytes a lot) and the few
 * other entities (operators, principals, regulators' records) in a Map. A lot is materialized as
 * the domain's LotState when read and written back into its row when set, so `evolve` and every
 * decider stay the single source of the rules: this file holds none.
 *
 * It is the ledger's EntityMap (src/ledger/overlay.ts; typed structurally, projections do not
 * import the ledger). The object backend (a Map of LotStates) is what the deciders' tests use;
 * test/projections/columnStates.prop.test.ts folds random histories through both and compares
 * every lot.
 */
import { LOT_TAG_PREFIX, type DomainEvent, type EntityState, type EventOf, type LotState } from '../../domain/index.js';
import type { SnapshotImage } from '../projection.js';
import { CodeIndex } from '../store/codeIndex.js';
import { LotProjection } from './lotProjection.js';

/**
 * How many lots are kept as objects as well: the last ones read or set. A lot handed on thousands
 * of times (a wholesaler's) keeps sharing its child log (LotState.childLog) instead of having it
 * rebuilt from the trace graph at every hand-off.
 */
const RECENT_LOTS = 4_096;

/** The image ColumnStates writes into the writer's snapshot. */
interface ColumnStatesImage {
  readonly lots: SnapshotImage;
  readonly others: [string, EntityState][];
}

export class ColumnStates {
  private readonly others = new Map<string, EntityState>();
  private readonly recent = new Map<number, LotState>();

  /** `recentLots`: how many lots to keep as objects too (default 4,096; tests set 0 to read every lot from its row). */
  constructor(
    readonly lots: LotProjection = new LotProjection(),
    private readonly recentLots = RECENT_LOTS,
  ) {}

  get size(): number {
    return this.lots.size + this.others.size;
  }

  get(tag: string): EntityState | undefined {
    const id = this.lotId(tag);
    if (id < 0) return this.others.get(tag);
    const kept = this.recent.get(id);
    if (kept) return kept;
    const state = this.lots.stateOf(id);
    this.remember(id, state);
    return state;
  }

  set(tag: string, entity: EntityState): this {
    const code = tag.slice(LOT_TAG_PREFIX.length);
    if (entity.entity !== 'lot' || !isLotTag(tag) || !CodeIndex.holds(code)) {
      this.others.set(tag, entity);
      return this;
    }
    const known = this.lots.index.idOf(code);
    // The state evolve started from: the kept object, or the row (never nothing, for a lot that exists).
    const before = known < 0 ? undefined : (this.recent.get(known) ?? this.lots.table.materialize(known, code, this.lots.kindOf(known)));
    const id = this.lots.put(code, entity, before);
    this.remember(id, entity);
    return this;
  }

  /**
   * fold applies an event's changes as recovery and the background pass replay the log: lots with
   * the domain's rules on their rows (LotProjection.foldLot, no object per lot), other entities
   * with `domain.evolve`. The same as setting evolve's result for each tag and then `applied`
   * (test/projections/columnStates.prop.test.ts).
   */
  fold(
    event: DomainEvent,
    domain: { evolve(tag: string, state: EntityState | undefined, event: DomainEvent): EntityState | undefined },
  ): void {
    for (const tag of event.tags) {
      const code = tag.slice(LOT_TAG_PREFIX.length);
      if (isLotTag(tag) && CodeIndex.holds(code)) {
        const id = this.lots.foldLot(code, event);
        // A kept object of the lot is stale now (its children too: a new child's parent is tagged).
        if (id >= 0) this.recent.delete(id);
        continue;
      }
      const next = domain.evolve(tag, this.others.get(tag), event);
      if (next !== undefined) this.set(tag, next);
    }
    this.applied(event);
  }

  /** applied keeps each lot's production records (its state counts them; the projection's views list them). */
  applied(event: { readonly type: string; readonly data: unknown }): void {
    if (event.type !== 'lot.recorded') return;
    const { data } = event as EventOf<'lot.recorded'>;
    const id = this.lots.index.idOf(data.code);
    if (id >= 0) this.lots.table.addRecord(id, data.record);
  }

  /** Lots are never removed (no event removes an entity); other entities may be. */
  delete(tag: string): boolean {
    if (this.lotId(tag) >= 0) throw new Error(`ColumnStates: lots cannot be removed (${tag})`);
    return this.others.delete(tag);
  }

  *keys(): IterableIterator<string> {
    const { index } = this.lots;
    for (let id = 0; id < index.size; id++) yield `${LOT_TAG_PREFIX}${index.codeOf(id)}`;
    yield* this.others.keys();
  }

  exportImage(): ColumnStatesImage {
    const image = this.lots.snapshot();
    // Copies of the used rows only: a view would carry its whole buffer, spare capacity included.
    const arrays = Object.fromEntries(Object.entries(image.arrays).map(([name, array]) => [name, array.slice()]));
    return { lots: { ...image, arrays }, others: [...this.others] };
  }

  importImage(image: unknown): void {
    const { lots, others } = image as ColumnStatesImage;
    if (this.size > 0) throw new Error('ColumnStates: an image loads into an empty state only');
    // Columns of another layout (an older build's Float64 amounts, say) would be read wrongly, not refused.
    if (lots.version !== this.lots.snapshotVersion) {
      throw new Error(`ColumnStates: the image has lot layout ${lots.version}, this build reads ${this.lots.snapshotVersion}`);
    }
    this.lots.restore(lots);
    for (const [tag, entity] of others) this.others.set(tag, entity);
  }

  /** Bytes the lot columns hold (allocated capacity), for metrics and benchmarks. */
  get bytes(): number {
    return this.lots.bytes;
  }

  private lotId(tag: string): number {
    return isLotTag(tag) ? this.lots.index.idOf(tag.slice(LOT_TAG_PREFIX.length)) : -1;
  }

  private remember(id: number, state: LotState): void {
    this.recent.delete(id);
    this.recent.set(id, state);
    if (this.recent.size > this.recentLots) this.recent.delete(this.recent.keys().next().value!);
  }
}

const isLotTag = (tag: string): boolean => tag.startsWith(LOT_TAG_PREFIX);

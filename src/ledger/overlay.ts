/**
 * The world state the single writer decides against: entity states keyed by
 * tag ('lot:<code>', 'operator:<id>'), plus the head hash of every lot chain.
 *
 * A batch writes into an Overlay over the committed state, and each command
 * into an Overlay over the batch's, so a command whose later event is refused
 * leaves nothing behind. merge() folds a command into its batch; commit()
 * folds a batch into the committed state once the store has made it durable;
 * dropping an overlay undoes it, so a failed commit leaves state exactly as it was.
 */
import type { HeadMap } from '../hash/index.js';
import type { StampedEvent } from './domainPort.js';

export interface StateReader<Entity> {
  get(tag: string): Entity | undefined;
  head(tag: string): string | undefined;
}

/**
 * Where the committed entities live: a Map (the object backend), or a backend that keeps some
 * of them in columns and materializes them on get (issue 17: the real domain's lots, see
 * ColumnStates in src/projections). A value set is never changed afterwards by its setter.
 */
export interface EntityMap<Entity> {
  get(tag: string): Entity | undefined;
  set(tag: string, entity: Entity): unknown;
  delete(tag: string): boolean;
  keys(): IterableIterator<string>;
  readonly size: number;
  /** A compact image of the entities for the writer's snapshot (without it, the snapshot lists them). */
  exportImage?(): unknown;
  /** Loads an image exportImage made (into an empty map). */
  importImage?(image: unknown): void;
  /**
   * Told of each event once its changes are set, in log order (at recovery and after each
   * commit): a backend may keep what the states do not hold (ColumnStates: production records).
   */
  applied?(event: StampedEvent): void;
  /**
   * Applies a logged event's changes itself (ColumnStates: lots with the domain's rules on their
   * rows, without an object each, other entities with `domain.evolve`): the same as setting the
   * result of the domain's evolve for each of its tags and then `applied`, which foldEvent does for
   * a map without it. A backend with fold belongs to one domain (ColumnStates: Suyuan's).
   */
  fold?(event: StampedEvent, domain: Evolving<Entity>): void;
}

/** The part of a domain that folds events (LedgerDomain's evolve). */
interface Evolving<Entity> {
  evolve(tag: string, state: Entity | undefined, event: StampedEvent): Entity | undefined;
}

/** foldEvent applies a logged event's changes to `entities`, as recovery and the background pass replay the log. */
export function foldEvent<Entity>(entities: EntityMap<Entity>, domain: Evolving<Entity>, event: StampedEvent): void {
  if (entities.fold) {
    entities.fold(event, domain);
    return;
  }
  for (const tag of event.tags) {
    const next = domain.evolve(tag, entities.get(tag), event);
    if (next !== undefined) entities.set(tag, next);
  }
  entities.applied?.(event);
}

/** The committed lot-chain heads: a Map, or a compact store (LotHeads in src/projections). */
export interface HeadStore extends HeadMap {
  keys(): IterableIterator<string>;
  readonly size: number;
  exportImage?(): unknown;
  importImage?(image: unknown): void;
}

/**
 * Makes empty lot-chain heads, to pair with `entities` (the entity map they are kept beside: a
 * compact store may number lots by its index). Called after the entities are made or loaded.
 */
export type HeadStoreFactory = (entities: EntityMap<unknown>) => HeadStore;

/** Makes an empty entity map: one for the live state, others to fold the log again and compare. */
export type EntityMapFactory<Entity> = () => EntityMap<Entity>;

export class CommittedState<Entity> implements StateReader<Entity> {
  constructor(
    readonly entities: EntityMap<Entity> = new Map<string, Entity>(),
    readonly heads: HeadStore = new Map<string, string>(),
  ) {}

  get(tag: string): Entity | undefined {
    return this.entities.get(tag);
  }

  head(tag: string): string | undefined {
    return this.heads.get(tag);
  }
}

/** What an overlay holds for an entity it removed (undefined in a Map would cost a second lookup to tell from absent). */
const REMOVED: unique symbol = Symbol('removed');

export class Overlay<Entity> implements StateReader<Entity> {
  private entities = new Map<string, Entity | typeof REMOVED>();
  private heads = new Map<string, string>();

  constructor(private base: StateReader<Entity>) {}

  /**
   * rebase reads through `base` from now on: the committed state, once the overlay this one was
   * made over has been committed into it (a pipelined batch over the batch before it), so chains
   * stay two levels deep and earlier overlays can be collected.
   */
  rebase(base: StateReader<Entity>): void {
    this.base = base;
  }

  // One map lookup per level: a recall reads some 10,000 lots through three levels, several times.
  get(tag: string): Entity | undefined {
    const own = this.entities.get(tag);
    if (own === undefined) return this.base.get(tag);
    return own === REMOVED ? undefined : own;
  }

  set(tag: string, entity: Entity | undefined): void {
    this.entities.set(tag, entity === undefined ? REMOVED : entity);
  }

  head(tag: string): string | undefined {
    return this.heads.get(tag) ?? this.base.head(tag);
  }

  setHead(tag: string, hash: string): void {
    this.heads.set(tag, hash);
  }

  /**
   * merge folds a nested overlay (made over this one, and dropped afterwards)
   * into this one. Into an empty overlay it takes the nested maps as they are
   * instead of copying them: a batch's first command is often its only one.
   */
  merge(nested: Overlay<Entity>): void {
    if (this.entities.size === 0) this.entities = nested.entities;
    else for (const [tag, entity] of nested.entities) this.entities.set(tag, entity);
    if (this.heads.size === 0) this.heads = nested.heads;
    else for (const [tag, hash] of nested.heads) this.heads.set(tag, hash);
    nested.entities = new Map();
    nested.heads = new Map();
  }

  /** commitTo writes this overlay into the committed state. */
  commitTo(state: CommittedState<Entity>): void {
    for (const [tag, entity] of this.entities) {
      if (entity === REMOVED) state.entities.delete(tag);
      else state.entities.set(tag, entity);
    }
    for (const [tag, hash] of this.heads) state.heads.set(tag, hash);
  }
}

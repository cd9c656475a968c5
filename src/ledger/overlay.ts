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
export interface StateReader<Entity> {
  get(tag: string): Entity | undefined;
  head(tag: string): string | undefined;
}

export class CommittedState<Entity> implements StateReader<Entity> {
  readonly entities = new Map<string, Entity>();
  readonly heads = new Map<string, string>();

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

  constructor(private readonly base: StateReader<Entity>) {}

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

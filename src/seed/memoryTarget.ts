/**
 * DomainTarget decides and evolves commands with the real domain, in memory,
 * without sealing, hashing or storing them: a chain of millions of lots in
 * a minute, for benchmarks that need the events rather than a log. Events
 * are numbered from 0 like a log's and handed to `onEvent` (hash left empty).
 * Between cohorts it forgets every lot (the seeder never returns to them),
 * so memory stays flat however long the chain.
 */
import {
  isLotTag,
  actorId,
  changesOf,
  decide,
  type Actor,
  type Command,
  type DomainEvent,
  type EntityState,
  type Rejection,
} from '../domain/index.js';
import type { SealedEvent } from '../store/index.js';
import type { SeedTarget } from './seed.js';

export class DomainTarget implements SeedTarget {
  private readonly states = new Map<string, EntityState>();
  private position = 0;

  constructor(
    private readonly onEvent: (event: SealedEvent) => void,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Events made so far. */
  get size(): number {
    return this.position;
  }

  async submit(command: Command, actor: Actor): Promise<{ ok: boolean; events?: SealedEvent[]; rejection?: Rejection }> {
    const time = this.clock().toISOString();
    const decision = decide(command, { time, actor }, this.states);
    if (!decision.ok) return { ok: false, rejection: decision.rejection };
    const events = decision.events.map((draft) => {
      const event: SealedEvent = {
        v: 2,
        position: this.position++,
        type: draft.type,
        time,
        actor: actorId(actor),
        tags: [...draft.tags],
        data: draft.data,
        prev: [],
        hash: '',
      };
      for (const [tag, next] of changesOf(event as unknown as DomainEvent, this.states)) this.states.set(tag, next);
      this.onEvent(event);
      return event;
    });
    return { ok: true, events };
  }

  settled(): void {
    for (const tag of this.states.keys()) if (isLotTag(tag)) this.states.delete(tag);
  }
}

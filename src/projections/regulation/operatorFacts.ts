/**
 * OperatorFacts: what the regulators' projection knows about operators —
 * region, status (as of the event being applied, so "status at that moment"
 * is the current one while folding), history and certifications — folded
 * with the domain's `evolve`. Its own copy, not OperatorProjection's: each
 * projection covers its own prefix of the log.
 */
import {
  certificationKey,
  evolve,
  isLotTag,
  OPERATOR_TAG_PREFIX,
  type DomainEvent,
  type HeldCertification,
  type OperatorState,
} from '../../domain/index.js';

/** Where the operator's current status (or a certification) was recorded: evidence for findings. */
export interface EventRef {
  readonly position: number;
  readonly type: string;
}

export interface HeldBy {
  readonly operatorId: string;
  readonly certification: HeldCertification;
  /** The event that recorded this version of the certification. */
  readonly recorded: EventRef;
}

interface Saved {
  readonly state: OperatorState;
  readonly statusEvent?: EventRef;
  readonly certificationEvents: Record<string, EventRef>;
}

export class OperatorFacts {
  private states = new Map<string, OperatorState>();
  private statusEvents = new Map<string, EventRef>();
  /** Per operator, per certification key, the event of its current version. */
  private certificationEvents = new Map<string, Map<string, EventRef>>();
  /** Every certification by key, for a lot's claims (the claimant may not be the holder). */
  private byKey = new Map<string, HeldBy>();

  get(operatorId: string): OperatorState | undefined {
    return this.states.get(operatorId);
  }

  region(operatorId: string): string | undefined {
    return this.states.get(operatorId)?.region;
  }

  all(): IterableIterator<OperatorState> {
    return this.states.values();
  }

  /** The event that set the operator's current status. */
  statusEvent(operatorId: string): EventRef | undefined {
    return this.statusEvents.get(operatorId);
  }

  /** certification: the current version of a certification by key, and who holds it. */
  certification(key: string): HeldBy | undefined {
    return this.byKey.get(key);
  }

  /** apply folds the operator tags of one event (call it after the rules that read the state before it). */
  apply(event: DomainEvent, position: number): void {
    for (const tag of event.tags) {
      if (isLotTag(tag) || !tag.startsWith(OPERATOR_TAG_PREFIX)) continue;
      const id = tag.slice(OPERATOR_TAG_PREFIX.length);
      const before = this.states.get(id);
      const after = evolve(tag, before, event);
      if (after?.entity !== 'operator') continue;
      this.states.set(id, after);
      if (!before || before.status !== after.status) this.statusEvents.set(id, { position, type: event.type });
      if (!before || before.certifications !== after.certifications)
        this.certificationsChanged(id, before, after, { position, type: event.type });
    }
  }

  private certificationsChanged(id: string, before: OperatorState | undefined, after: OperatorState, recorded: EventRef): void {
    let events = this.certificationEvents.get(id);
    if (!events) {
      events = new Map();
      this.certificationEvents.set(id, events);
    }
    const previous = new Map((before?.certifications ?? []).map((held) => [certificationKey(held), held]));
    for (const held of after.certifications) {
      const key = certificationKey(held);
      if (previous.get(key) !== held) events.set(key, recorded);
      previous.delete(key);
      this.byKey.set(key, { operatorId: id, certification: held, recorded: events.get(key) ?? recorded });
    }
    for (const key of previous.keys()) {
      events.delete(key);
      if (this.byKey.get(key)?.operatorId === id) this.byKey.delete(key);
    }
  }

  save(): Saved[] {
    return [...this.states.values()].map((state) => {
      const statusEvent = this.statusEvents.get(state.id);
      return {
        state,
        ...(statusEvent ? { statusEvent } : {}),
        certificationEvents: Object.fromEntries(this.certificationEvents.get(state.id) ?? []),
      };
    });
  }

  load(saved: readonly Saved[]): void {
    for (const { state, statusEvent, certificationEvents } of saved) {
      this.states.set(state.id, state);
      if (statusEvent) this.statusEvents.set(state.id, statusEvent);
      const events = new Map(Object.entries(certificationEvents));
      this.certificationEvents.set(state.id, events);
      for (const held of state.certifications) {
        const key = certificationKey(held);
        this.byKey.set(key, {
          operatorId: state.id,
          certification: held,
          recorded: events.get(key) ?? { position: 0, type: 'operator.certified' },
        });
      }
    }
  }
}

/**
 * given/when/then for deciders (after Emmett's DeciderSpecification):
 * given a history of events, when a command is decided, then it emits these
 * events, or is rejected with this code, or leaves entities in this state.
 */
import { expect } from 'vitest';
import {
  actorId,
  decide,
  foldEvents,
  type Actor,
  type Command,
  type Decision,
  type DomainEvent,
  type EntityState,
  type EventDraft,
  type RejectionCode,
} from '../../../src/domain/index.js';
import { NOW } from './fixtures.js';

export interface Then {
  readonly decision: Decision;
  /** The decision accepted the command with exactly these event drafts. */
  thenEmits(expected: readonly EventDraft[]): void;
  /** The decision accepted the command, whatever it emitted. */
  thenAccepts(): void;
  /** The decision refused the command with this code (and, if given, this field). */
  thenRejects(code: RejectionCode, field?: string): void;
  /** The command was accepted; returns the state of `tag` after its events. */
  thenState(tag: string): EntityState | undefined;
}

export function given(...history: ReadonlyArray<DomainEvent | readonly DomainEvent[]>) {
  const states = foldEvents(history.flat());
  return {
    when(command: Command, actor: Actor, time = NOW): Then {
      const decision = decide(command, { actor, time }, states);
      return {
        decision,
        thenEmits(expected) {
          expect(decision).toEqual({ ok: true, events: expected });
        },
        thenAccepts() {
          expect(decision.ok ? 'accepted' : decision.rejection).toBe('accepted');
        },
        thenRejects(code, field) {
          expect(decision.ok, 'expected a rejection').toBe(false);
          if (decision.ok) return;
          expect(decision.rejection.code, decision.rejection.message).toBe(code);
          expect(decision.rejection.message).not.toBe('');
          if (field !== undefined) expect(decision.rejection.field).toBe(field);
        },
        thenState(tag) {
          if (!decision.ok) throw new Error(`rejected: ${decision.rejection.code} ${decision.rejection.message}`);
          const events = decision.events.map((draft) => ({ ...draft, actor: actorId(actor), time }) as DomainEvent);
          return foldEvents(events, states).get(tag);
        },
      };
    },
  };
}

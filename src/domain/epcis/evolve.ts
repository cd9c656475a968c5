/** evolveCaptured: a captured event's record (under `epcis:<hex>`), made by the event and marked by its error declaration. */
import { operatorOfActorId } from '../actor.js';
import { actorId } from '../actor.js';
import type { DomainEvent } from '../events.js';
import type { CapturedState } from './state.js';

export function evolveCaptured(id: string, state: CapturedState | undefined, event: DomainEvent): CapturedState | undefined {
  if (event.type !== 'epcis.captured') return undefined;
  if ('errorDeclaration' in event.data.event) return state && { ...state, declared: true };
  if (state) return undefined;
  const operatorId = operatorOfActorId(event.actor);
  const sender = operatorId === undefined ? event.actor : actorId({ kind: 'operator', operatorId });
  return { entity: 'epcis', id, sender, declared: false };
}

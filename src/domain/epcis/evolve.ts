/** evolveCaptured: a captured event's record (under `epcis:<hex>`), made by the event and marked by its error declaration. */
import { senderOfActorId } from './decide.js';
import type { DomainEvent } from '../events.js';
import type { CapturedState } from './state.js';

export function evolveCaptured(id: string, state: CapturedState | undefined, event: DomainEvent): CapturedState | undefined {
  if (event.type !== 'epcis.captured') return undefined;
  if ('errorDeclaration' in event.data.event) return state && { ...state, declared: true };
  if (state) return undefined;
  const sender = senderOfActorId(event.actor);
  return { entity: 'epcis', id, sender, declared: false };
}

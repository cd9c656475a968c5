/** evolvePrincipal folds one event into a principal's state: a new object, or undefined if unchanged. */
import type { DomainEvent } from '../events.js';
import type { PrincipalState } from './state.js';

export function evolvePrincipal(id: string, state: PrincipalState | undefined, event: DomainEvent): PrincipalState | undefined {
  switch (event.type) {
    case 'principal.created': {
      if (event.data.id !== id) return undefined;
      return { entity: 'principal', ...event.data, status: 'active', createdAt: event.time, createdBy: event.actor };
    }
    case 'principal.revoked':
      if (!state || event.data.id !== id) return undefined;
      return { ...state, status: 'revoked', revokedAt: event.time, revokedBy: event.actor, reason: event.data.reason };
    default:
      return undefined;
  }
}

/** evolveOperator folds one event into an operator's state, returning a new object, or undefined if unchanged. */
import { parseActorId } from '../actor.js';
import type { DomainEvent, EventOf } from '../events.js';
import type { CertificationRef } from './commands.js';
import type { CertificationDeclarer } from './events.js';
import { isCertification, type HeldCertification, type OperatorHistoryEntry, type OperatorState, type OperatorStatus } from './state.js';

export function evolveOperator(operatorId: string, state: OperatorState | undefined, event: DomainEvent): OperatorState | undefined {
  if (!isOperatorEvent(event) || event.data.operatorId !== operatorId) return undefined;
  switch (event.type) {
    case 'operator.registered': {
      const { operatorId: id, registrant, ...filed } = event.data;
      return {
        entity: 'operator',
        id,
        ...filed,
        registrant: registrant ?? event.actor,
        status: 'pending',
        // A rejected operator filing again keeps the certifications and history it had.
        certifications: state?.certifications ?? [],
        registeredAt: event.time,
        history: [...(state?.history ?? []), entry('registered', event)],
      };
    }
    case 'operator.certified':
      return state && { ...state, certifications: withCertification(state.certifications, held(event)) };
    case 'operator.certificationConfirmed':
      return state && { ...state, certifications: confirmed(state.certifications, event.data.certification) };
    case 'operator.approved':
      return state && transition(state, 'approved', entry('approved', event, event.data.reason));
    case 'operator.rejected':
      return state && transition(state, 'rejected', entry('rejected', event, event.data.reason));
    case 'operator.suspended':
      return state && transition(state, 'suspended', entry('suspended', event, event.data.reason));
    case 'operator.reinstated':
      return state && transition(state, 'approved', entry('reinstated', event, event.data.reason));
    case 'operator.withdrawn':
      return state && transition(state, 'withdrawn', entry('withdrawn', event, event.data.reason));
    case 'operator.revoked':
      return state && transition(state, 'revoked', entry('revoked', event, event.data.reason));
  }
}

type OperatorEvent = Extract<DomainEvent, { type: `operator.${string}` }>;

function isOperatorEvent(event: DomainEvent): event is OperatorEvent {
  return event.type.startsWith('operator.');
}

function transition(state: OperatorState, status: OperatorStatus, happened: OperatorHistoryEntry): OperatorState {
  return { ...state, status, history: [...state.history, happened] };
}

function entry(action: OperatorHistoryEntry['action'], event: DomainEvent, reason?: string): OperatorHistoryEntry {
  const happened = { action, at: event.time, by: event.actor };
  return reason === undefined ? happened : { ...happened, reason };
}

/** The certification as held; an event without `declaredBy` (older logs) is read from its actor. */
function held(event: EventOf<'operator.certified'>): HeldCertification {
  const declaredBy: CertificationDeclarer =
    event.data.declaredBy ?? (parseActorId(event.actor)?.kind === 'operator' ? 'operator' : 'reviewer');
  return { ...event.data.certification, declaredBy, confirmed: declaredBy === 'reviewer' };
}

function withCertification(certifications: readonly HeldCertification[], renewed: HeldCertification): HeldCertification[] {
  const others = certifications.filter((certification) => !isCertification(certification, renewed));
  return [...others, renewed];
}

function confirmed(certifications: readonly HeldCertification[], ref: CertificationRef): HeldCertification[] {
  return certifications.map((certification) =>
    isCertification(certification, ref) ? { ...certification, confirmed: true } : certification,
  );
}

/** evolveOperator folds one event into an operator's state, returning a new object, or undefined if unchanged. */
import type { DomainEvent } from '../events.js';
import type { Certification } from '../values/index.js';
import type { OperatorHistoryEntry, OperatorState, OperatorStatus } from './state.js';

export function evolveOperator(operatorId: string, state: OperatorState | undefined, event: DomainEvent): OperatorState | undefined {
  if (!isOperatorEvent(event) || event.data.operatorId !== operatorId) return undefined;
  switch (event.type) {
    case 'operator.registered': {
      const { operatorId: id, ...filed } = event.data;
      return {
        entity: 'operator',
        id,
        ...filed,
        status: 'pending',
        // A rejected operator filing again keeps the certifications and history it had.
        certifications: state?.certifications ?? [],
        registeredAt: event.time,
        history: [...(state?.history ?? []), entry('registered', event)],
      };
    }
    case 'operator.certified':
      return state && { ...state, certifications: withCertification(state.certifications, event.data.certification) };
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

function withCertification(certifications: readonly Certification[], renewed: Certification): Certification[] {
  const others = certifications.filter((held) => held.type !== renewed.type || held.number !== renewed.number);
  return [...others, renewed];
}

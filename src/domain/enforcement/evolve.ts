/** evolveCase folds one event into a case: a new object, or undefined if it is unchanged. */
import type { DomainEvent } from '../events.js';
import type { CaseState } from './state.js';

export function evolveCase(id: string, state: CaseState | undefined, event: DomainEvent): CaseState | undefined {
  switch (event.type) {
    case 'case.opened': {
      const { caseId, operatorId, region, basis, lots } = event.data;
      if (caseId !== id) return undefined;
      return {
        entity: 'case',
        id,
        operatorId,
        region,
        basis,
        lots: lots ?? [],
        status: 'open',
        records: 0,
        penalties: [],
        openedAt: event.time,
        by: event.actor,
      };
    }
    case 'case.recorded':
      return state && event.data.caseId === id ? { ...state, records: state.records + 1 } : undefined;
    case 'case.penalized': {
      if (!state || event.data.caseId !== id) return undefined;
      const { penalty, amount, legalBasis } = event.data;
      const entry = { penalty, ...(amount === undefined ? {} : { amount }), legalBasis, at: event.time, by: event.actor };
      return { ...state, penalties: [...state.penalties, entry] };
    }
    case 'case.closed':
      return state && event.data.caseId === id ? { ...state, status: 'closed', closedAt: event.time } : undefined;
    default:
      return undefined;
  }
}

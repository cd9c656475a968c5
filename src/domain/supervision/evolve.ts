/** evolveInspection folds one event into an inspection: a new object, or undefined if it is unchanged. */
import type { DomainEvent } from '../events.js';
import type { InspectionState } from './state.js';

export function evolveInspection(id: string, state: InspectionState | undefined, event: DomainEvent): InspectionState | undefined {
  switch (event.type) {
    case 'inspection.recorded': {
      const { inspectionId, operatorId, region, kind, result, rectifyBy, lots } = event.data;
      if (inspectionId !== id) return undefined;
      return {
        entity: 'inspection',
        id,
        operatorId,
        region,
        kind,
        result,
        ...(rectifyBy === undefined ? {} : { rectifyBy }),
        lots: lots ?? [],
        at: event.time,
        by: event.actor,
      };
    }
    case 'inspection.rectificationClosed':
      if (!state || event.data.inspectionId !== id) return undefined;
      return { ...state, rectified: { at: event.time, by: event.actor, note: event.data.note } };
    default:
      return undefined;
  }
}

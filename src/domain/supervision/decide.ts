/**
 * Supervision deciders (监管): an inspector (or admin) of the operator's region
 * records an inspection of a registered operator, and later closes the
 * rectification it ordered. Any registered operator may be inspected,
 * whatever its standing: a suspended one most of all.
 */
import { requireAuthority, requireOperator, requireRegion } from '../access.js';
import type { AuthorityActor, AuthorityRole, CommandContext } from '../actor.js';
import { accept, found, reject, type Checked, type Decision } from '../decision.js';
import { lotIn, type StateView } from '../state.js';
import { operatorTag, recordTag } from '../tags.js';
import { isPast } from '../values/index.js';
import type { CloseRectification, RecordInspection } from './commands.js';
import type { InspectionState } from './state.js';

const INSPECTING_ROLES: readonly AuthorityRole[] = ['inspector', 'admin'];

export function decideRecordInspection(command: RecordInspection, { actor, time }: CommandContext, view: StateView): Decision {
  const authority = requireAuthority(actor, INSPECTING_ROLES);
  if (!authority.ok) return authority;
  const operator = requireOperator(view, command.operatorId, 'operatorId');
  if (!operator.ok) return operator;
  const outside = requireRegion(authority.value, [operator.value.region], 'operatorId');
  if (outside) return outside;
  if (view.get(recordTag('inspection', command.inspectionId))) {
    return reject('RecordExists', `inspection ${command.inspectionId} exists already`, 'inspectionId');
  }
  if (command.result === 'rectify') {
    if (command.rectifyBy === undefined) return reject('DeadlineRequired', 'a rectification order needs rectifyBy', 'rectifyBy');
    if (isPast(command.rectifyBy, time)) {
      return reject('InvalidDeadline', `rectifyBy ${command.rectifyBy} has passed at ${time}`, 'rectifyBy');
    }
  } else if (command.rectifyBy !== undefined) {
    return reject('InvalidDeadline', 'rectifyBy belongs only to a rectification order (result "rectify")', 'rectifyBy');
  }
  for (const [index, code] of (command.lots ?? []).entries()) {
    if (!lotIn(view, code)) return reject('UnknownLot', `no lot ${code}`, `lots.${index}`);
  }
  const { type: _type, ...recorded } = command;
  return accept({
    type: 'inspection.recorded',
    tags: [recordTag('inspection', command.inspectionId), operatorTag(command.operatorId)],
    data: { ...recorded, region: operator.value.region },
  });
}

export function decideCloseRectification(command: CloseRectification, { actor }: CommandContext, view: StateView): Decision {
  const authority = requireAuthority(actor, INSPECTING_ROLES);
  if (!authority.ok) return authority;
  const inspection = requireInspectionOf(authority.value, view, command.inspectionId);
  if (!inspection.ok) return inspection;
  const { id, result, rectified, operatorId } = inspection.value;
  if (result !== 'rectify') return reject('NoRectification', `inspection ${id} ordered no rectification`, 'inspectionId');
  if (rectified) return reject('RectificationClosed', `the rectification of inspection ${id} is closed already`, 'inspectionId');
  return accept({
    type: 'inspection.rectificationClosed',
    tags: [recordTag('inspection', id), operatorTag(operatorId)],
    data: { inspectionId: id, operatorId, note: command.note },
  });
}

function requireInspectionOf(authority: AuthorityActor, view: StateView, id: string): Checked<InspectionState> {
  const state = view.get(recordTag('inspection', id));
  if (state?.entity !== 'inspection') return reject('UnknownInspection', `no inspection ${id}`, 'inspectionId');
  return requireRegion(authority, [state.region], 'inspectionId') ?? found(state);
}

/** isOverdue: a rectification ordered, not closed, and past its deadline at `now`. */
export function isOverdue(inspection: InspectionState, now: string): boolean {
  return (
    inspection.result === 'rectify' && !inspection.rectified && inspection.rectifyBy !== undefined && isPast(inspection.rectifyBy, now)
  );
}

/**
 * The world state as the single writer keeps it: a map from entity tag to
 * entity state. Deciders only read it, through a view that may overlay a
 * batch's pending changes on committed state.
 */
import type { CaseState } from './enforcement/state.js';
import type { CapturedState } from './epcis/state.js';
import type { LotState } from './lot/state.js';
import type { AlertState, RecallState, SampleState, TaskState } from './monitoring/state.js';
import type { OperatorState } from './operator/state.js';
import type { PrincipalState } from './principal/state.js';
import type { InspectionState } from './supervision/state.js';
import { lotTag, operatorTag } from './tags.js';

/**
 * The version of the entity states' shapes and of the rules that fold them: the writer's snapshot
 * records it and is not used by code of another version. Bump it when an entity's fields or an
 * evolve rule change (new event types change the snapshot version by themselves).
 */
export const STATE_VERSION = 1;

export type EntityState = OperatorState | LotState | PrincipalState | RecordState | CapturedState;

/** The regulators' records (see tags.ts RECORD_KINDS). */
export type RecordState = InspectionState | TaskState | SampleState | AlertState | CaseState | RecallState;

export interface StateView {
  /** The state of 'operator:<id>' or 'lot:<code>', if it exists. */
  get(tag: string): EntityState | undefined;
}

export function operatorIn(view: StateView, operatorId: string): OperatorState | undefined {
  const state = view.get(operatorTag(operatorId));
  return state?.entity === 'operator' ? state : undefined;
}

export function lotIn(view: StateView, code: string): LotState | undefined {
  const state = view.get(lotTag(code));
  return state?.entity === 'lot' ? state : undefined;
}

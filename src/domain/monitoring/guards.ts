/** Checks the monitoring deciders share: who monitors, and finding tasks, samples and alerts in the actor's region. */
import { requireAuthority, requireRegion } from '../access.js';
import type { Actor, AuthorityActor, AuthorityRole } from '../actor.js';
import { found, reject, type Checked } from '../decision.js';
import type { StateView } from '../state.js';
import { recordTag } from '../tags.js';
import type { AlertState, SampleState, TaskState } from './state.js';

const MONITORING_ROLES: readonly AuthorityRole[] = ['monitor', 'admin'];

/** requireMonitor: sampling and lab results are the monitoring system's (a monitor's, or an admin's). */
export function requireMonitor(actor: Actor): Checked<AuthorityActor> {
  return requireAuthority(actor, MONITORING_ROLES);
}

export function requireTask(view: StateView, id: string, field: string): Checked<TaskState> {
  const state = view.get(recordTag('task', id));
  return state?.entity === 'task' ? found(state) : reject('UnknownTask', `no sampling task ${id}`, field);
}

/** requireSampleOf: the sample, taken in a region `authority` covers. */
export function requireSampleOf(authority: AuthorityActor, view: StateView, id: string, field: string): Checked<SampleState> {
  const state = view.get(recordTag('sample', id));
  if (state?.entity !== 'sample') return reject('UnknownSample', `no sample ${id}`, field);
  return requireRegion(authority, [state.region], field) ?? found(state);
}

export function requireAlert(view: StateView, id: string, field: string): Checked<AlertState> {
  const state = view.get(recordTag('alert', id));
  return state?.entity === 'alert' ? found(state) : reject('UnknownAlert', `no alert ${id}`, field);
}

/** How monitoring events change tasks, samples and alerts (each asked only about its own tag). */
import type { DomainEvent } from '../events.js';
import type { AlertState, RecallState, SampleState, TaskState } from './state.js';

export function evolveTask(id: string, state: TaskState | undefined, event: DomainEvent): TaskState | undefined {
  switch (event.type) {
    case 'sampling.taskCreated': {
      if (event.data.taskId !== id) return undefined;
      const { taskId: _id, ...task } = event.data;
      return { entity: 'task', id, ...task, sampled: 0, tested: 0, failed: 0, createdAt: event.time, by: event.actor };
    }
    case 'sample.taken':
      return state && event.data.taskId === id ? { ...state, sampled: state.sampled + 1 } : undefined;
    case 'sample.tested':
      if (!state || event.data.taskId !== id) return undefined;
      return { ...state, tested: state.tested + 1, failed: state.failed + (event.data.verdict === 'fail' ? 1 : 0) };
    default:
      return undefined;
  }
}

export function evolveSample(id: string, state: SampleState | undefined, event: DomainEvent): SampleState | undefined {
  switch (event.type) {
    case 'sample.taken': {
      if (event.data.sampleId !== id) return undefined;
      const { sampleId: _id, quantity: _quantity, ...taken } = event.data;
      return { entity: 'sample', id, ...taken, takenAt: event.time, by: event.actor };
    }
    case 'sample.tested':
      return state && event.data.sampleId === id ? { ...state, verdict: event.data.verdict, testedAt: event.time } : undefined;
    default:
      return undefined;
  }
}

/** evolveRecall keeps the open alerts of the sampled lot `code`. */
export function evolveRecall(code: string, state: RecallState | undefined, event: DomainEvent): RecallState | undefined {
  switch (event.type) {
    case 'alert.raised':
      return event.data.lotCode === code ? { entity: 'recall', code, open: [...(state?.open ?? []), event.data.alertId] } : undefined;
    case 'alert.released':
      return state && { ...state, open: state.open.filter((alertId) => alertId !== event.data.alertId) };
    default:
      return undefined;
  }
}

export function evolveAlert(id: string, state: AlertState | undefined, event: DomainEvent): AlertState | undefined {
  switch (event.type) {
    case 'alert.raised': {
      if (event.data.alertId !== id) return undefined;
      const { alertId: _id, ...raised } = event.data;
      return { entity: 'alert', id, ...raised, raisedAt: event.time, by: event.actor, status: 'open' };
    }
    case 'alert.released': {
      if (!state || event.data.alertId !== id) return undefined;
      const { reason, codes } = event.data;
      return { ...state, status: 'released', released: { at: event.time, by: event.actor, reason, codes } };
    }
    default:
      return undefined;
  }
}

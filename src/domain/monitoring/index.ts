export * from './commands.js';
export * from './events.js';
export type { AlertState, SampleState, TaskState } from './state.js';
export { decideCreateTask } from './task.js';
export { decideTakeSample } from './sample.js';
export { decideRecordResult } from './result.js';
export { decideReleaseAlert } from './release.js';
export { hasGoods, recallOf, type Recall } from './recall.js';
export { evolveAlert, evolveSample, evolveTask } from './evolve.js';

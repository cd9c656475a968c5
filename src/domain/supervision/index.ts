export * from './commands.js';
export * from './events.js';
export type { InspectionState } from './state.js';
export { decideCloseRectification, decideRecordInspection, isOverdue } from './decide.js';
export { evolveInspection } from './evolve.js';

export * from './commands.js';
export * from './events.js';
export type { OperatorHistoryEntry, OperatorState, OperatorStatus } from './state.js';
export { OPERATOR_STATUSES } from './state.js';
export { decideRegister } from './register.js';
export { decideReview } from './review.js';
export { decideCertify } from './certify.js';
export { decideChangeStatus } from './changeStatus.js';
export { evolveOperator } from './evolve.js';

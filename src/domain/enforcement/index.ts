export * from './commands.js';
export * from './events.js';
export type { CaseState, PenaltyEntry } from './state.js';
export { decideCloseCase, decideOpenCase, decidePenalize, decideRecordCase } from './decide.js';
export { evolveCase } from './evolve.js';

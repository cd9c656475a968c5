export * from './commands.js';
export * from './events.js';
export { PRINCIPALS_TAG, principalIdOf, principalTag, type PrincipalState } from './state.js';
export { decideCreatePrincipal, decideRevokePrincipal, principalIn } from './decide.js';
export { evolvePrincipal } from './evolve.js';

/** src/api: the HTTP API, pages and their edge state (principals, admin key, citizen-ID secret). */
export { build, type BuildOptions } from './app.js';
export { PrincipalDirectory } from './auth/directory.js';
export { LogFollower } from './log/follower.js';
export type { LogPort } from './log/port.js';
export { resolveAdminKey, type AdminKey } from './auth/adminKey.js';
export { keyDigest, newApiKey } from './auth/keys.js';
export { Activations } from './auth/activations.js';
export { loadCitizenIdSecret, citizenIdDigest, freshTraceCode } from './identity.js';
export { buildBundle } from './proof/bundle.js';
export { CosignatureBook, type Witnessed } from './witness/book.js';
export type { ZodApp } from './zodApp.js';

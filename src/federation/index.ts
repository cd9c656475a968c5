/** Federation (issue 16): following upstream Suyuan logs as far as they are proved, witnessing them, and finding forks. */
export { Federation, type FederationOptions, type UpstreamConfig } from './federation.js';
export { UpstreamImporter, type UpstreamOptions, type UpstreamStatus } from './importer.js';
export { federationConfig } from './config.js';

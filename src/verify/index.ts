/**
 * src/verify: verification shared by the writer's recovery, the CLI,
 * read-only nodes and the API, below all of them: a stored log streamed
 * through LogVerifier, provenance bundles, and where the log's key is found.
 * Verifiers never throw for what they check; they answer with a typed reason.
 */
export { StoreVerifier, type StoreFailure, type StoreFailureReason, type StoreVerifierOptions } from './storeVerifier.js';
export { verifyStore, type StoreVerdict, type VerifyStoreOptions } from './verifyStore.js';
export { LogIntegrityError } from './integrityError.js';
export { verifyBundle, type BundleFailureReason, type BundleVerdict } from './verifyBundle.js';
export { BundleEntrySchema, ProofBundleSchema, type BundleEntry, type ProofBundle } from './bundleSchema.js';
export { LOG_KEY_FILE, readSigningKey, resolveVerifierKey, type LogKeySources } from './logKey.js';

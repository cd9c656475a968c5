/**
 * src/verify: verification shared by the writer's recovery, the CLI,
 * read-only nodes and the API, below all of them: a stored log streamed
 * through LogVerifier, provenance bundles, where the log's key is found, and
 * the checks against signed checkpoints held outside the store (a kept
 * checkpoint file, a follower's copy, a remote tail to restore).
 * Verifiers never throw for what they check; they answer with a typed reason.
 */
export { StoreVerifier, type StoreFailure, type StoreFailureReason, type StoreVerifierOptions } from './storeVerifier.js';
export { verifyStore, type StoreVerdict, type VerifyStoreOptions } from './verifyStore.js';
export { LogIntegrityError } from './integrityError.js';
export { verifyBundle, type BundleFailureReason, type BundleVerdict } from './verifyBundle.js';
export { checkWitnessed, type WitnessVerdict } from './witnesses.js';
export { verifyForkEvidence, type ForkEvidence, type ForkVerdict } from './forkEvidence.js';
export {
  BUNDLE_FORMAT,
  BundleEntrySchema,
  DisclosedEntrySchema,
  MinimalEntrySchema,
  ProofBundleSchema,
  isDisclosed,
  type BundleEntry,
  type DisclosedEntry,
  type EventBody,
  type MinimalEntry,
  type ProofBundle,
} from './bundleSchema.js';
export { ProofBundleV1Schema, type ProofBundleV1 } from './bundleSchemaV1.js';
export { LOG_KEY_FILE, readSigningKey, resolveVerifierKey, type LogKeySources } from './logKey.js';
export {
  CheckpointFileWriter,
  SIGNED_CHECKPOINT_FILE,
  readCheckpointFile,
  writeCheckpointFile,
} from './checkpointFile.js';
export { loadCheckpointNote } from './checkpointSource.js';
export { checkExtension, type ExtensionFailureReason, type ExtensionVerdict } from './extension.js';
export { REMOTE_PAGE, RemoteLog, type RemoteLogOptions } from './remoteLog.js';
export { fetchVerifiedTail, type FetchTailOptions, type TailFailureReason, type TailVerdict } from './remoteTail.js';
export { findUnsignedTail, type UnsignedEvent, type UnsignedTailVerdict } from './unsignedTail.js';
export {
  fitsSignedLog,
  headsDigest,
  headsDigestPaced,
  orderedDigest,
  sortedDigest,
  type Pace,
  leavesFileOf,
  openLeavesOf,
  readHashedPaced,
  readPrefixFile,
  readPrefixFilePaced,
  treeWithLeaves,
  verifyPrefixAgain,
  writePrefixFile,
  type HeadList,
  type ImageableHeads,
  type PrefixAgainOptions,
  type PrefixAgainVerdict,
  type SavedPrefix,
} from './prefix.js';
export { LeafRepair, ProofUnavailableError } from './leafRepair.js';
export { imageOf, loadImage, type Imageable, type MapImage } from './mapImage.js';

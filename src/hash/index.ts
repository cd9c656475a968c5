/** src/hash: canonical JSON, event hashes, the RFC 9162 Merkle log, signed checkpoints. */
export { CanonicalJsonError, canonicalJson, canonicalJsonReference } from './canonical.js';
export {
  ChainHeads,
  type HeadMap,
  LOT_TAG_PREFIX,
  computePrev,
  eventBody,
  eventHash,
  type HashedEventFields,
  type LoggedEvent,
} from './event.js';
export {
  CHUNK_LEVELS,
  HASH_SIZE,
  type LeafFile,
  MerkleIntegrityError,
  MerkleTree,
  openLeafFile,
  repairingLeaves,
  checkConsistency,
  checkInclusion,
  consistencyProof,
  emptyRoot,
  equalBytes,
  inclusionProof,
  leafHash,
  merkleRoot,
  nodeHash,
  rootFromInclusion,
  sha256,
  sha256Hex,
  verifyConsistency,
  verifyInclusion,
  type ProofFailureReason,
  type ProofVerdict,
} from './merkle/index.js';
export { formatCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint.js';
export {
  NoteKeyError,
  generateKey,
  isValidKeyName,
  keyId,
  parseSignerKey,
  parseVerifierKey,
  verifierKeyFor,
} from './note/keys.js';
export {
  checkNote,
  openNote,
  parseNote,
  signNote,
  verifyNote,
  type NoteFailureReason,
  type NoteSignature,
  type NoteVerdict,
  type ParsedNote,
} from './note/note.js';
export {
  COSIGNATURE_ED25519,
  checkCosignatures,
  cosign,
  cosignerKeyId,
  cosignerVkey,
  parseCosigner,
  withCosignatures,
  type Cosignature,
  type CosignatureVerdict,
  type Cosigner,
} from './note/cosignature.js';
export { LogVerifier, verifyLog, type LogFailureReason, type LogVerdict } from './verifyLog.js';
export { toHex, fromHex, isSha256Hex } from './hex.js';
export { PERSONAL_SALT_SIZE, personalCommitment, verifyPersonalCommitment } from './commitment.js';

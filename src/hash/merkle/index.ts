import { MerkleTree } from './tree.js';

export { CHUNK_LEVELS, MerkleIntegrityError, MerkleTree } from './tree.js';
export { openLeafFile, repairingLeaves, type LeafFile } from './leafFile.js';
export { HASH_SIZE, emptyRoot, equalBytes, leafHash, nodeHash, sha256, sha256Hex } from './hasher.js';
export {
  checkConsistency,
  checkInclusion,
  rootFromInclusion,
  verifyConsistency,
  verifyInclusion,
  type ProofFailureReason,
  type ProofVerdict,
} from './verify.js';

/**
 * The functions below take the raw leaf inputs of a whole tree, as the
 * RFC 9162 definitions do. They build a MerkleTree (O(n)); a log keeps one
 * MerkleTree and asks it directly.
 */

/** merkleRoot returns MTH(leaves), the root of the tree of these leaf inputs. */
export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  return treeOf(leaves).root();
}

/** inclusionProof returns PATH(index, leaves). Requires 0 <= index < leaves.length. */
export function inclusionProof(leaves: readonly Uint8Array[], index: number): Uint8Array[] {
  return treeOf(leaves).inclusionProof(index);
}

/** consistencyProof returns PROOF(size1, leaves). Requires 0 < size1 <= leaves.length. */
export function consistencyProof(leaves: readonly Uint8Array[], size1: number): Uint8Array[] {
  return treeOf(leaves).consistencyProof(size1);
}

function treeOf(leaves: readonly Uint8Array[]): MerkleTree {
  const tree = new MerkleTree();
  for (const leaf of leaves) tree.append(leaf);
  return tree;
}

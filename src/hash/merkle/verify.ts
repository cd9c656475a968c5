import { HASH_SIZE, equalBytes, nodeHash } from './hasher.js';
import { half, isOdd, isPowerOfTwo, isSize } from './range.js';

/**
 * Proof verification per RFC 9162 §2.1.3.2 and §2.1.4.2, with
 * transparency-dev's stricter rules: every hash is exactly 32 bytes, a
 * consistency proof from size 0 is an error, equal sizes need an empty proof.
 * Verifiers never throw: malformed input of any kind is a failed verdict.
 */

/**
 * ProofFailureReason says why a proof did not verify, as transparency-dev's
 * typed errors do: 'malformed' (a size that is not a safe non-negative
 * integer, a hash that is not 32 bytes, a proof that is not a list),
 * 'index-out-of-range' (index >= size), 'zero-size' (a consistency proof
 * from the empty tree), 'size-order' (size1 > size2), 'proof-length' (too
 * few or too many hashes for the sizes), 'root-mismatch' (the proof leads to
 * another root).
 */
export type ProofFailureReason = 'malformed' | 'index-out-of-range' | 'zero-size' | 'size-order' | 'proof-length' | 'root-mismatch';

export type ProofVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: ProofFailureReason };

const verified: ProofVerdict = { ok: true };
const failed = (reason: ProofFailureReason): ProofVerdict => ({ ok: false, reason });

/**
 * checkInclusion verifies that `proof` shows the leaf with hash `leafHash`
 * is at `index` in the tree of `size` leaves whose root is `root`, and says
 * why not when it does not.
 */
export function checkInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): ProofVerdict {
  try {
    if (!isSize(index) || !isSize(size)) return failed('malformed');
    if (!isHash(leafHash) || !isHash(root) || !Array.isArray(proof) || !proof.every(isHash)) return failed('malformed');
    if (index >= size) return failed('index-out-of-range');
    const computed = rootFromInclusion(leafHash, index, size, proof);
    if (computed === undefined) return failed('proof-length');
    return equalBytes(computed, root) ? verified : failed('root-mismatch');
  } catch {
    return failed('malformed');
  }
}

/** verifyInclusion reports whether checkInclusion accepts the proof. */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  return checkInclusion(leafHash, index, size, proof, root).ok;
}

/**
 * rootFromInclusion returns the root that `proof` implies for the leaf, or
 * undefined when the proof has the wrong length for (index, size).
 */
export function rootFromInclusion(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[]): Uint8Array | undefined {
  let fn = index;
  let sn = size - 1;
  let hash = leafHash;
  for (const sibling of proof) {
    if (sn === 0) return undefined;
    if (isOdd(fn) || fn === sn) {
      hash = nodeHash(sibling, hash);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      hash = nodeHash(hash, sibling);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? hash : undefined;
}

/**
 * checkConsistency verifies that `proof` shows the tree of size1 leaves with
 * root root1 is a prefix of the tree of size2 leaves with root root2, and
 * says why not when it does not.
 */
export function checkConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): ProofVerdict {
  try {
    if (!isSize(size1) || !isSize(size2)) return failed('malformed');
    if (!isHash(root1) || !isHash(root2) || !Array.isArray(proof) || !proof.every(isHash)) return failed('malformed');
    if (size1 === 0) return failed('zero-size');
    if (size1 > size2) return failed('size-order');
    if (size1 === size2) {
      if (proof.length !== 0) return failed('proof-length');
      return equalBytes(root1, root2) ? verified : failed('root-mismatch');
    }
    if (proof.length === 0) return failed('proof-length');
    const roots = rootsFromConsistency(size1, size2, root1, proof);
    if (roots === undefined) return failed('proof-length');
    return equalBytes(roots.oldRoot, root1) && equalBytes(roots.newRoot, root2) ? verified : failed('root-mismatch');
  } catch {
    return failed('malformed');
  }
}

/** verifyConsistency reports whether checkConsistency accepts the proof. */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  return checkConsistency(size1, size2, root1, root2, proof).ok;
}

/**
 * rootsFromConsistency returns the old and new roots that `proof` implies,
 * or undefined when the proof has the wrong length. Requires 0 < size1 < size2
 * and a non-empty proof.
 */
function rootsFromConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  proof: readonly Uint8Array[],
): { oldRoot: Uint8Array; newRoot: Uint8Array } | undefined {
  // When size1 is a power of two the old root is itself a node of the new tree
  // and the proof leaves it out.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let oldRoot = path[0]!;
  let newRoot = path[0]!;
  for (let i = 1; i < path.length; i++) {
    const node = path[i]!;
    if (sn === 0) return undefined;
    if (isOdd(fn) || fn === sn) {
      oldRoot = nodeHash(node, oldRoot);
      newRoot = nodeHash(node, newRoot);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      newRoot = nodeHash(newRoot, node);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? { oldRoot, newRoot } : undefined;
}

function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_SIZE;
}

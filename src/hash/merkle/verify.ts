import { HASH_SIZE, equalBytes, nodeHash } from './hasher.js';
import { half, isOdd, isPowerOfTwo, isSize } from './range.js';

/**
 * Proof verification per RFC 9162 §2.1.3.2 and §2.1.4.2, with
 * transparency-dev's stricter rules: every hash is exactly 32 bytes, a
 * consistency proof from size 0 is an error, equal sizes need an empty proof.
 * Verifiers never throw: malformed input of any kind answers false.
 */

/**
 * verifyInclusion reports whether `proof` shows that the leaf with hash
 * `leafHash` is at `index` in the tree of `size` leaves whose root is `root`.
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  try {
    if (!isSize(index) || !isSize(size) || index >= size) return false;
    if (!isHash(leafHash) || !isHash(root) || !Array.isArray(proof) || !proof.every(isHash)) return false;
    const computed = rootFromInclusion(leafHash, index, size, proof);
    return computed !== undefined && equalBytes(computed, root);
  } catch {
    return false;
  }
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
 * verifyConsistency reports whether `proof` shows that the tree of size1
 * leaves with root root1 is a prefix of the tree of size2 leaves with root root2.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  try {
    if (!isSize(size1) || !isSize(size2) || size1 === 0 || size1 > size2) return false;
    if (!isHash(root1) || !isHash(root2) || !Array.isArray(proof) || !proof.every(isHash)) return false;
    if (size1 === size2) return proof.length === 0 && equalBytes(root1, root2);
    if (proof.length === 0) return false;

    // When size1 is a power of two the old root is itself a node of the new tree
    // and the proof leaves it out.
    const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
    let fn = size1 - 1;
    let sn = size2 - 1;
    while (isOdd(fn)) {
      fn = half(fn);
      sn = half(sn);
    }
    let oldHash = path[0]!;
    let newHash = path[0]!;
    for (let i = 1; i < path.length; i++) {
      const node = path[i]!;
      if (sn === 0) return false;
      if (isOdd(fn) || fn === sn) {
        oldHash = nodeHash(node, oldHash);
        newHash = nodeHash(node, newHash);
        if (!isOdd(fn)) {
          while (!isOdd(fn) && fn !== 0) {
            fn = half(fn);
            sn = half(sn);
          }
        }
      } else {
        newHash = nodeHash(newHash, node);
      }
      fn = half(fn);
      sn = half(sn);
    }
    return sn === 0 && equalBytes(oldHash, root1) && equalBytes(newHash, root2);
  } catch {
    return false;
  }
}

function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_SIZE;
}

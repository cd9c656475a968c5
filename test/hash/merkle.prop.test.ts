import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MerkleTree,
  checkConsistency,
  checkInclusion,
  leafHash,
  merkleRoot,
  nodeHash,
  sha256,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from '../../src/hash/index.js';

/** MTH straight from RFC 9162 §2.1.1, recursive and slow: the reference the tree is held to. */
function referenceRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  if (leaves.length === 1) return leafHash(leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

/**
 * The shape of an RFC 9162 proof: for each element, whether it is a left or
 * right sibling, straight from the recursive definitions (PATH and SUBPROOF).
 * A verifier sees only hashes, so two (index, size) pairs whose proofs have the
 * same shape are indistinguishable to it: no RFC 9162 verifier (transparency-dev's
 * included) can tell size 65 from size 67 for leaf 0. The signed checkpoint is
 * what binds the size to the root; the properties below hold the verifier to
 * "a changed size verifies only when its proof shape is identical".
 */
function inclusionShape(index: number, size: number): string {
  if (size <= 1) return '';
  let k = 1;
  while (k * 2 < size) k *= 2;
  return index < k ? `${inclusionShape(index, k)}R` : `${inclusionShape(index - k, size - k)}L`;
}
function consistencyShape(size1: number, size2: number, whole = true): string {
  if (size1 === size2) return whole ? '' : 'X';
  let k = 1;
  while (k * 2 < size2) k *= 2;
  return size1 <= k ? `${consistencyShape(size1, k, whole)}R` : `${consistencyShape(size1 - k, size2 - k, false)}L`;
}
const validShape = (a: number, b: number) => Number.isSafeInteger(a) && Number.isSafeInteger(b) && a >= 0 && a <= b && b > 0;

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const leafOf = (i: number): Uint8Array => sha256(`leaf ${i}`);
const flipBit = (bytes: Uint8Array, bit: number): Uint8Array => {
  const copy = bytes.slice();
  copy[bit >> 3] = copy[bit >> 3]! ^ (1 << (bit & 7));
  return copy;
};

// One tree of 3,000 leaves serves every size below it: roots and proofs are asked at any size.
const MAX = 3000;
const big = new MerkleTree();
const bigLeaves = Array.from({ length: MAX }, (_, i) => leafOf(i));
for (const leaf of bigLeaves) big.append(leaf);

describe('Merkle tree properties', () => {
  it('incremental root equals the RFC definition and merkleRoot, at every size', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 40 }), { maxLength: 70 }), (leaves) => {
        const tree = new MerkleTree();
        for (const leaf of leaves) tree.append(leaf);
        for (let size = 0; size <= leaves.length; size++) {
          const expected = referenceRoot(leaves.slice(0, size));
          expect(hexOf(tree.root(size))).toBe(hexOf(expected));
        }
        expect(hexOf(merkleRoot(leaves))).toBe(hexOf(referenceRoot(leaves)));
      }),
    );
  });

  it('serialise and deserialise keep every root and proof', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), (size) => {
        const tree = new MerkleTree();
        for (let i = 0; i < size; i++) tree.append(bigLeaves[i]!);
        const restored = MerkleTree.deserialize(tree.serialize());
        expect(restored.size).toBe(size);
        expect(restored.root()).toEqual(tree.root());
        if (size > 0) expect(restored.inclusionProof(size - 1)).toEqual(tree.inclusionProof(size - 1));
        // The restored tree keeps growing correctly.
        restored.append(bigLeaves[size]!);
        expect(restored.root()).toEqual(big.root(size + 1));
      }),
      { numRuns: 60 },
    );
  });

  it('every inclusion proof verifies, and any flipped bit of proof, root, index or size fails', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }))),
        fc.nat(),
        fc.integer({ min: 0, max: 52 }),
        ([size, index], pick, numberBit) => {
          const root = big.root(size);
          const proof = big.inclusionProof(index, size);
          const leaf = leafHash(bigLeaves[index]!);
          expect(checkInclusion(leaf, index, size, proof, root)).toEqual({ ok: true });
          expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(size)));

          if (proof.length > 0) {
            const element = pick % proof.length;
            const broken = proof.map((p, i) => (i === element ? flipBit(p, pick % 256) : p));
            expect(checkInclusion(leaf, index, size, broken, root)).toEqual({ ok: false, reason: 'root-mismatch' });
          }
          expect(checkInclusion(leaf, index, size, proof, flipBit(root, pick % 256))).toEqual({ ok: false, reason: 'root-mismatch' });
          expect(checkInclusion(flipBit(leaf, pick % 256), index, size, proof, root)).toEqual({ ok: false, reason: 'root-mismatch' });
          const flip = (n: number) => (n < 2 ** 31 && numberBit < 31 ? n ^ (1 << numberBit) : n + 2 ** numberBit);
          // A different index is a different path: it always fails.
          expect(verifyInclusion(leaf, flip(index), size, proof, root)).toBe(false);
          const otherSize = flip(size);
          if (verifyInclusion(leaf, index, otherSize, proof, root)) {
            expect(index < otherSize && inclusionShape(index, otherSize)).toBe(inclusionShape(index, size));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('writes, for many leaves of one size in any order, each hex audit path the single proof gives, sharing nodes', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: MAX })
          .chain((size) => fc.tuple(fc.constant(size), fc.array(fc.integer({ min: 0, max: size - 1 }), { minLength: 1, maxLength: 60 }))),
        ([size, indices]) => {
          const proofs = big.hexProofs(size);
          const written = indices.map((index) => proofs(index));
          for (const [i, index] of indices.entries()) expect(written[i]).toEqual(big.inclusionProof(index, size).map(toHex));
          // The same writer keeps answering after the others: nothing it shares is mutated by a caller.
          for (const path of written) path.reverse();
          expect(proofs(indices[0]!)).toEqual(big.inclusionProof(indices[0]!, size).map(toHex));
          expect(() => proofs(size)).toThrow(RangeError);
        },
      ),
      { numRuns: 300 },
    );
    expect(() => big.hexProofs(MAX + 1)).toThrow(RangeError);
  });

  it('every consistency proof verifies, and any flipped bit of proof, roots or sizes fails', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX }).chain((size2) => fc.tuple(fc.integer({ min: 1, max: size2 }), fc.constant(size2))),
        fc.nat(),
        fc.integer({ min: 0, max: 52 }),
        ([size1, size2], pick, numberBit) => {
          const root1 = big.root(size1);
          const root2 = big.root(size2);
          const proof = big.consistencyProof(size1, size2);
          expect(checkConsistency(size1, size2, root1, root2, proof)).toEqual({ ok: true });

          if (proof.length > 0) {
            const element = pick % proof.length;
            const broken = proof.map((p, i) => (i === element ? flipBit(p, pick % 256) : p));
            expect(checkConsistency(size1, size2, root1, root2, broken)).toEqual({ ok: false, reason: 'root-mismatch' });
          }
          expect(checkConsistency(size1, size2, flipBit(root1, pick % 256), root2, proof)).toEqual({ ok: false, reason: 'root-mismatch' });
          expect(checkConsistency(size1, size2, root1, flipBit(root2, pick % 256), proof)).toEqual({ ok: false, reason: 'root-mismatch' });
          const flip = (n: number) => (n < 2 ** 31 && numberBit < 31 ? n ^ (1 << numberBit) : n + 2 ** numberBit);
          for (const [s1, s2] of [
            [flip(size1), size2],
            [size1, flip(size2)],
          ] as const) {
            if (verifyConsistency(s1, s2, root1, root2, proof)) {
              expect(validShape(s1, s2) && s1 > 0 && consistencyShape(s1, s2)).toBe(consistencyShape(size1, size2));
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('MerkleTree.truncate', () => {
  it('undoes appends exactly: roots and proofs equal a tree that never had them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        (kept, undone, redone) => {
          const tree = new MerkleTree();
          for (let i = 0; i < kept + undone; i++) tree.append(bigLeaves[i]!);
          tree.truncate(kept);
          // Append different leaves after the truncation point.
          for (let i = 0; i < redone; i++) tree.append(bigLeaves[MAX - 1 - i]!);
          const fresh = new MerkleTree();
          for (let i = 0; i < kept; i++) fresh.append(bigLeaves[i]!);
          for (let i = 0; i < redone; i++) fresh.append(bigLeaves[MAX - 1 - i]!);
          expect(hexOf(tree.root())).toBe(hexOf(fresh.root()));
          if (tree.size > 0) expect(tree.inclusionProof(tree.size - 1).map(hexOf)).toEqual(fresh.inclusionProof(fresh.size - 1).map(hexOf));
        },
      ),
      { numRuns: 100 },
    );
  });
});

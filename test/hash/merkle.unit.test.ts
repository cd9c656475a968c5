import { describe, expect, it } from 'vitest';
import {
  MerkleTree,
  consistencyProof,
  emptyRoot,
  inclusionProof,
  leafHash,
  merkleRoot,
  checkConsistency,
  checkInclusion,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from '../../src/hash/index.js';
import { hex, readVector, toHexString } from './vectorFiles.js';

interface MerkleVectors {
  _meta: { leaf_hashes_hex: string[]; node_hashes_by_level: string[][] };
  leaves_hex: string[];
  roots: Record<string, string>;
  inclusion: { leaf_index: number; tree_size: number; proof: string[] }[];
  consistency: { size1: number; size2: number; proof: string[] }[];
}

const vectors = JSON.parse(readVector('merkle.json')) as MerkleVectors;
const kat = JSON.parse(readVector('merkle-hasher-kat.json')) as {
  cases: { desc: string; want: string; leaf_ascii?: string; left_ascii?: string; right_ascii?: string }[];
};
const leaves = vectors.leaves_hex.map(hex);
const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'ascii'));

describe('RFC 6962 hasher known answers', () => {
  for (const c of kat.cases) {
    it(c.desc, () => {
      let got: Uint8Array;
      if (c.left_ascii !== undefined) got = nodeHash(ascii(c.left_ascii), ascii(c.right_ascii!));
      else if (c.leaf_ascii !== undefined) got = leafHash(ascii(c.leaf_ascii));
      else got = emptyRoot();
      expect(toHexString(got)).toBe(c.want);
    });
  }
});

describe('RFC 6962 tree known answers (transparency-dev/merkle)', () => {
  it('hashes each test leaf', () => {
    expect(leaves.map((leaf) => toHexString(leafHash(leaf)))).toEqual(vectors._meta.leaf_hashes_hex);
  });

  for (const [size, root] of Object.entries(vectors.roots)) {
    it(`has the root of size ${size}, by merkleRoot and by the incremental tree`, () => {
      expect(toHexString(merkleRoot(leaves.slice(0, Number(size))))).toBe(root);
      const tree = new MerkleTree();
      for (const leaf of leaves) tree.append(leaf);
      expect(toHexString(tree.root(Number(size)))).toBe(root);
    });
  }

  for (const c of vectors.inclusion) {
    it(`builds and verifies the inclusion proof of leaf ${c.leaf_index} in size ${c.tree_size}`, () => {
      const subset = leaves.slice(0, c.tree_size);
      expect(inclusionProof(subset, c.leaf_index).map(toHexString)).toEqual(c.proof);
      const root = hex(vectors.roots[String(c.tree_size)]!);
      expect(checkInclusion(leafHash(leaves[c.leaf_index]!), c.leaf_index, c.tree_size, c.proof.map(hex), root)).toEqual({ ok: true });
      expect(checkInclusion(leafHash(leaves[c.leaf_index]!), c.leaf_index + 1, c.tree_size, c.proof.map(hex), root)).toMatchObject({
        ok: false,
        reason: c.leaf_index + 1 === c.tree_size ? 'index-out-of-range' : expect.stringMatching(/^(root-mismatch|proof-length)$/),
      });
      // The boolean form answers the same.
      expect(verifyInclusion(leafHash(leaves[c.leaf_index]!), c.leaf_index, c.tree_size, c.proof.map(hex), root)).toBe(true);
    });
  }

  for (const c of vectors.consistency) {
    it(`builds and verifies the consistency proof ${c.size1} -> ${c.size2}`, () => {
      const subset = leaves.slice(0, c.size2);
      expect(consistencyProof(subset, c.size1).map(toHexString)).toEqual(c.proof);
      const root1 = hex(vectors.roots[String(c.size1)]!);
      const root2 = hex(vectors.roots[String(c.size2)]!);
      expect(checkConsistency(c.size1, c.size2, root1, root2, c.proof.map(hex))).toEqual({ ok: true });
      expect(verifyConsistency(c.size1, c.size2, root1, root2, c.proof.map(hex))).toBe(true);
      if (c.size1 !== c.size2) {
        expect(checkConsistency(c.size1, c.size2, root2, root1, c.proof.map(hex))).toEqual({ ok: false, reason: 'root-mismatch' });
      }
    });
  }

  it('stores the node hashes of every level', () => {
    const tree = new MerkleTree();
    for (const leaf of leaves) tree.append(leaf);
    const restored = MerkleTree.deserialize(tree.serialize());
    vectors._meta.node_hashes_by_level.forEach((level, depth) => {
      level.forEach((expected, index) => {
        const size = 2 ** depth;
        // A complete aligned subtree's root equals the stored node hash.
        const sub = new MerkleTree();
        for (const leaf of leaves.slice(index * size, (index + 1) * size)) sub.append(leaf);
        expect(toHexString(sub.root())).toBe(expected);
      });
    });
    expect(toHexString(restored.root())).toBe(vectors.roots['8']);
  });
});

describe('transparency-dev verifier rules', () => {
  const root = (n: number) => hex(vectors.roots[String(n)]!);
  it('refuses a consistency proof from size 0, even 0 -> 0', () => {
    expect(checkConsistency(0, 0, root(0), root(0), [])).toEqual({ ok: false, reason: 'zero-size' });
    expect(checkConsistency(0, 3, root(0), root(3), [])).toEqual({ ok: false, reason: 'zero-size' });
    expect(verifyConsistency(0, 3, root(0), root(3), [])).toBe(false);
  });
  it('needs an empty proof and equal roots for equal sizes', () => {
    expect(checkConsistency(3, 3, root(3), root(3), [])).toEqual({ ok: true });
    expect(checkConsistency(3, 3, root(3), root(3), [root(1)])).toEqual({ ok: false, reason: 'proof-length' });
    expect(checkConsistency(3, 3, root(3), root(4), [])).toEqual({ ok: false, reason: 'root-mismatch' });
  });
  it('refuses a consistency proof from a larger tree to a smaller one', () => {
    const c = vectors.consistency.find((v) => v.size1 < v.size2)!;
    expect(checkConsistency(c.size2, c.size1, root(c.size2), root(c.size1), c.proof.map(hex))).toEqual({ ok: false, reason: 'size-order' });
  });
  it('refuses a proof with a hash too many or too few', () => {
    const i = vectors.inclusion.find((v) => v.proof.length > 0)!;
    const leaf = leafHash(leaves[i.leaf_index]!);
    const proof = i.proof.map(hex);
    expect(checkInclusion(leaf, i.leaf_index, i.tree_size, proof.slice(1), root(i.tree_size))).toMatchObject({ ok: false });
    expect(checkInclusion(leaf, i.leaf_index, i.tree_size, [...proof, proof[0]!], root(i.tree_size))).toEqual({
      ok: false,
      reason: 'proof-length',
    });
  });
  it('refuses proof elements that are not exactly 32 bytes', () => {
    const c = vectors.consistency[1]!;
    const proof = c.proof.map(hex);
    proof[0] = new Uint8Array([...proof[0]!, 0]);
    expect(checkConsistency(c.size1, c.size2, root(c.size1), root(c.size2), proof)).toEqual({ ok: false, reason: 'malformed' });
    const i = vectors.inclusion[4]!;
    const short = i.proof.map(hex);
    short[0] = short[0]!.subarray(0, 31);
    expect(checkInclusion(leafHash(leaves[i.leaf_index]!), i.leaf_index, i.tree_size, short, root(i.tree_size))).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
  it("answers 'malformed', never throws, on malformed arguments", () => {
    const bad: unknown[] = [undefined, null, -1, 1.5, Number.NaN, 2 ** 60, 'x'];
    const malformed = { ok: false, reason: 'malformed' };
    for (const value of bad) {
      expect(checkInclusion(leafHash(leaves[0]!), value as number, 1, [], root(1))).toEqual(malformed);
      expect(checkInclusion(leafHash(leaves[0]!), 0, value as number, [], root(1))).toEqual(malformed);
      expect(checkConsistency(value as number, 2, root(1), root(2), [])).toEqual(malformed);
      expect(checkConsistency(1, 2, value as Uint8Array, root(2), [])).toEqual(malformed);
      expect(checkConsistency(1, 2, root(1), root(2), value as Uint8Array[])).toEqual(malformed);
      expect(checkInclusion(leafHash(leaves[0]!), 0, 2, [value as Uint8Array], root(2))).toEqual(malformed);
      expect(verifyInclusion(leafHash(leaves[0]!), value as number, 1, [], root(1))).toBe(false);
      expect(verifyConsistency(1, 2, value as Uint8Array, root(2), [])).toBe(false);
    }
  });
  it('refuses an inclusion index at or past the size', () => {
    expect(checkInclusion(leafHash(leaves[0]!), 1, 1, [], root(1))).toEqual({ ok: false, reason: 'index-out-of-range' });
  });
});

describe('MerkleTree', () => {
  it('rejects sizes and indices outside the tree when building proofs', () => {
    const tree = new MerkleTree();
    for (const leaf of leaves) tree.append(leaf);
    expect(() => tree.root(9)).toThrow(RangeError);
    expect(() => tree.inclusionProof(8, 8)).toThrow(RangeError);
    expect(() => tree.consistencyProof(0, 8)).toThrow(RangeError);
    expect(() => tree.consistencyProof(5, 4)).toThrow(RangeError);
  });
  it('rejects a corrupted serialisation', () => {
    const tree = new MerkleTree();
    for (const leaf of leaves) tree.append(leaf);
    const bytes = tree.serialize();
    expect(() => MerkleTree.deserialize(bytes.subarray(0, bytes.length - 1))).toThrow(RangeError);
    expect(() => MerkleTree.deserialize(new Uint8Array([...bytes, 0]))).toThrow(RangeError);
    const badMagic = bytes.slice();
    badMagic[0] = badMagic[0]! ^ 1;
    expect(() => MerkleTree.deserialize(badMagic)).toThrow(/magic/);
  });
});

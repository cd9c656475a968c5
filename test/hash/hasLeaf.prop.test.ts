import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MerkleTree } from '../../src/hash/index.js';

describe('MerkleTree.hasLeaf', () => {
  it('knows each appended leaf and no other input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 60 }),
        fc.nat(),
        fc.nat(255),
        (leaves, pick, bit) => {
          const tree = new MerkleTree();
          for (const leaf of leaves) tree.append(leaf);
          for (const [i, leaf] of leaves.entries()) expect(tree.hasLeaf(i, leaf)).toBe(true);
          const index = pick % leaves.length;
          const changed = Uint8Array.from(leaves[index]!);
          changed[bit % 32]! ^= 1 << (bit % 8);
          expect(tree.hasLeaf(index, changed)).toBe(false);
          expect(() => tree.hasLeaf(leaves.length, leaves[0]!)).toThrow(RangeError);
        },
      ),
    );
  });
});

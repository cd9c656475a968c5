import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CHUNK_LEVELS,
  type LeafFile,
  MerkleIntegrityError,
  MerkleTree,
  leafHash,
  openLeafFile,
  repairingLeaves,
} from '../../src/hash/index.js';

const CHUNK = 2 ** CHUNK_LEVELS;

/** A leaf file in memory, for many small trees. */
function memoryLeaves(): LeafFile & { bytes: Uint8Array } {
  const file = {
    bytes: new Uint8Array(0),
    write(offset: number, data: Uint8Array) {
      if (offset + data.length > file.bytes.length) {
        const grown = new Uint8Array(offset + data.length);
        grown.set(file.bytes);
        file.bytes = grown;
      }
      file.bytes.set(data, offset);
    },
    read(offset: number, into: Uint8Array) {
      const got = file.bytes.subarray(offset, offset + into.length);
      into.set(got);
      return got.length;
    },
    length: () => file.bytes.length,
    sync: () => undefined,
    close: () => undefined,
  };
  return file;
}

const leafOf = (i: number, salt: number): Uint8Array => {
  const leaf = new Uint8Array(32);
  new DataView(leaf.buffer).setUint32(0, i);
  new DataView(leaf.buffer).setUint32(4, salt);
  return leaf;
};

/** Everything a tree answers, at every size, for comparing two trees. */
function answers(tree: MerkleTree, sample: (n: number) => number[]): string[] {
  const out: string[] = [];
  const hex = (bytes: Uint8Array[]) => bytes.map((b) => Buffer.from(b).toString('hex')).join(',');
  for (const size of sample(tree.size)) {
    if (size === 0) continue;
    out.push(`root ${size} ${Buffer.from(tree.root(size)).toString('hex')}`);
    for (const index of sample(size)) if (index < size) out.push(`incl ${index}/${size} ${hex(tree.inclusionProof(index, size))}`);
    for (const from of sample(size)) if (from > 0) out.push(`cons ${from}/${size} ${hex(tree.consistencyProof(from, size))}`);
  }
  return out;
}

describe('MerkleTree with a leaf file (lower levels on disk)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-leaves-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers every root, proof and leaf check as the tree that keeps every level, through appends, truncates and a serialise round trip', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            change: fc.oneof(fc.record({ append: fc.integer({ min: 1, max: 150 }) }), fc.record({ truncate: fc.nat() })),
            roundTrip: fc.boolean(),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.integer({ min: 1, max: 7 }),
        fc.nat(),
        (steps, stride, salt) => {
          const plain = new MerkleTree();
          const leaves = memoryLeaves();
          let spilled = new MerkleTree(leaves);
          const appended: Uint8Array[] = [];
          let generation = 0;
          for (const { change: step, roundTrip } of steps) {
            if ('append' in step) {
              for (let i = 0; i < step.append; i++) {
                const leaf = leafOf(appended.length, salt + generation);
                appended.push(leaf);
                expect(spilled.append(leaf)).toBe(plain.append(leaf));
              }
            } else {
              const size = step.truncate % (plain.size + 1);
              plain.truncate(size);
              spilled.truncate(size);
              appended.length = size;
              generation++; // leaves appended again differ from the forgotten ones
            }
            // Sometimes a round trip through serialize: the in-memory levels plus the same file, and no cache.
            if (roundTrip) spilled = MerkleTree.deserialize(spilled.serialize(), leaves);
            else if (plain.size > 0) expect(spilled.root()).toEqual(plain.root());
          }
          // About 14 sizes and indexes each, offset by the stride so that runs land on and beside chunk edges.
          const sample = (n: number) => {
            const step = Math.max(stride, Math.ceil(n / 12));
            return [...Array.from({ length: Math.ceil(n / step) + 1 }, (_, i) => Math.min(n, i * step)), Math.max(0, n - stride)];
          };
          expect(answers(spilled, sample)).toEqual(answers(plain, sample));
          for (const [i, leaf] of appended.entries()) expect(spilled.hasLeaf(i, leaf)).toBe(true);
          // It keeps about one byte a leaf in memory, against 64.
          expect(spilled.serialize().length).toBeLessThanOrEqual(16 + 32 * (2 * CHUNK + (plain.size / CHUNK) * 2));
        },
      ),
      { numRuns: 120 },
    );
  });

  it('serialises the same bytes as another tree with a leaf file over the same leaves, whatever that one writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), (count) => {
        const one = new MerkleTree(memoryLeaves());
        const other = new MerkleTree(memoryLeaves());
        for (let i = 0; i < count; i++) {
          one.append(leafOf(i, 1));
          other.append(leafOf(i, 1));
        }
        expect(Buffer.from(other.serialize()).equals(Buffer.from(one.serialize()))).toBe(true);
        if (count > 0) expect(other.root()).toEqual(one.root());
        other.append(leafOf(count, 2));
        one.append(leafOf(count, 1));
        expect(Buffer.from(other.serialize()).equals(Buffer.from(one.serialize()))).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('throws MerkleIntegrityError, never a wrong proof, for an edited, swapped or short leaf file', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3 * CHUNK, max: 9 * CHUNK }), fc.nat(), fc.nat(255), (count, pick, bit) => {
        const file = join(dir, `leaves-${count}-${pick}-${bit}`);
        const tree = new MerkleTree(openLeafFile(file));
        for (let i = 0; i < count; i++) tree.append(leafOf(i, 7));
        tree.sync();
        const image = tree.serialize();
        const root = tree.root();
        tree.close();
        const complete = Math.floor(count / CHUNK);
        // An edited byte in a complete chunk other than the first and last (those are checked at load).
        const chunk = 1 + (pick % Math.max(1, complete - 2));
        const bytes = readFileSync(file);
        const at = chunk * CHUNK * 32 + ((pick >> 3) % (CHUNK * 32));
        bytes[at]! ^= 1 << (bit % 8);
        writeFileSync(file, bytes);
        const loaded = MerkleTree.deserialize(image, openLeafFile(file));
        const index = chunk * CHUNK + (((pick >> 3) % (CHUNK * 32)) >> 5);
        expect(() => loaded.inclusionProof(index, count)).toThrow(MerkleIntegrityError);
        expect(() => loaded.hasLeaf(index, leafOf(index, 7))).toThrow(MerkleIntegrityError);
        // Leaves outside the edited chunk still prove.
        expect(loaded.hasLeaf(0, leafOf(0, 7))).toBe(true);
        // The current root needs no old chunk: it is still the tree's.
        expect(loaded.root()).toEqual(root);
        // The error names the chunk; repairChunk takes only the hashes that build its node, and proofs work again.
        let thrown: unknown;
        try {
          loaded.inclusionProof(index, count);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toMatchObject({ chunk });
        const hashesOf = (salt: number) => {
          const hashes = new Uint8Array(CHUNK * 32);
          for (let i = 0; i < CHUNK; i++) hashes.set(leafHash(leafOf(chunk * CHUNK + i, salt)), i * 32);
          return hashes;
        };
        expect(loaded.repairChunk(chunk, hashesOf(8))).toBe(false);
        expect(readFileSync(file).equals(bytes)).toBe(true);
        expect(() => loaded.inclusionProof(index, count)).toThrow(MerkleIntegrityError);
        expect(loaded.repairChunk(chunk, hashesOf(7))).toBe(true);
        expect(loaded.inclusionProof(index, count)).toEqual(tree.inclusionProof(index, count));
        expect(MerkleTree.deserialize(image, openLeafFile(file)).hasLeaf(index, leafOf(index, 7))).toBe(true);
        loaded.close();
        // Cut short: refused at load.
        writeFileSync(file, bytes.subarray(0, (complete - 1) * CHUNK * 32));
        expect(() => MerkleTree.deserialize(image, openLeafFile(file))).toThrow(MerkleIntegrityError);
        // Another log's leaves: refused at load (its first chunk does not fit).
        const stranger = new MerkleTree(openLeafFile(`${file}-other`));
        for (let i = 0; i < count; i++) stranger.append(leafOf(i, 8));
        stranger.close();
        expect(() => MerkleTree.deserialize(image, openLeafFile(`${file}-other`))).toThrow(MerkleIntegrityError);
        // A tree with a leaf file cannot be read without one, nor a plain tree with one.
        expect(() => MerkleTree.deserialize(image)).toThrow(RangeError);
        const plain = new MerkleTree();
        plain.append(leafOf(0, 7));
        expect(() => MerkleTree.deserialize(plain.serialize(), memoryLeaves())).toThrow(RangeError);
      }),
      { numRuns: 25 },
    );
  });
  it("puts right, from a tree rebuilt over repairingLeaves, each chunk of the served file that is not the log's, and only when the log's fits the served tree", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2 * CHUNK, max: 8 * CHUNK }), fc.uniqueArray(fc.nat(), { maxLength: 4 }), (count, picks) => {
        const live = memoryLeaves();
        const served = new MerkleTree(live);
        for (let i = 0; i < count; i++) served.append(leafOf(i, 3));
        const honest = Uint8Array.from(live.bytes);
        const complete = Math.floor(count / CHUNK);
        const broken = new Set(picks.map((pick) => pick % complete));
        for (const chunk of broken) live.bytes[chunk * CHUNK * 32 + 7]! ^= 1;
        const fits = (chunk: number, hashes: Uint8Array) => served.chunkFits(chunk, hashes);
        // A pass over an edited log (one leaf differs) leaves the file as it is: it is not verified yet.
        const edited = 1 + ((picks[0] ?? 0) % (count - 1));
        const forged = repairingLeaves(live, fits);
        const misled = new MerkleTree(forged);
        for (let i = 0; i < count; i++) misled.append(leafOf(i, i === edited ? 4 : 3));
        const brokenAfterForgery = Uint8Array.from(live.bytes);
        expect(forged.repaired).toBe([...broken].filter((chunk) => chunk !== Math.floor(edited / CHUNK)).length);
        // The honest pass puts right every broken chunk, and only those.
        const repairing = repairingLeaves(live, fits);
        const rebuilt = new MerkleTree(repairing);
        for (let i = 0; i < count; i++) rebuilt.append(leafOf(i, 3));
        expect(repairing.repaired).toBe(broken.has(Math.floor(edited / CHUNK)) && Math.floor(edited / CHUNK) < complete ? 1 : 0);
        expect(brokenAfterForgery.length).toBe(live.bytes.length);
        expect(Buffer.from(live.bytes).equals(Buffer.from(honest))).toBe(true);
        expect(Buffer.from(rebuilt.serialize()).equals(Buffer.from(served.serialize()))).toBe(true);
        for (let i = 0; i < count; i += 17) expect(served.hasLeaf(i, leafOf(i, 3))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
  it('survives a leaf file that cannot be written for a while (a full disk): appends go on, proofs hold, sync says so until it is written', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: CHUNK + 1, max: 6 * CHUNK }),
        fc.integer({ min: 1, max: 4 * CHUNK }),
        fc.nat(),
        (before, during, cut) => {
          const leaves = memoryLeaves();
          let full = false;
          const write = leaves.write;
          leaves.write = (offset, bytes) => {
            if (full) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
            write(offset, bytes);
          };
          const plain = new MerkleTree();
          const tree = new MerkleTree(leaves);
          const add = (n: number) => {
            for (let i = 0; i < n; i++) {
              plain.append(leafOf(plain.size, 5));
              tree.append(leafOf(tree.size, 5));
            }
          };
          add(before);
          full = true;
          add(during);
          const failed = Math.floor(plain.size / CHUNK) > Math.floor(before / CHUNK);
          if (failed) expect(() => tree.sync()).toThrow(/could not be written/);
          expect(tree.root()).toEqual(plain.root());
          for (let i = 0; i < plain.size; i += 13) expect(tree.inclusionProof(i)).toEqual(plain.inclusionProof(i));
          // A failed batch undone inside the chunks not written.
          const size = Math.max(1, plain.size - (cut % (during + 1)));
          plain.truncate(size);
          tree.truncate(size);
          expect(tree.root()).toEqual(plain.root());
          full = false;
          add(CHUNK);
          tree.sync();
          const reloaded = MerkleTree.deserialize(tree.serialize(), leaves);
          for (let i = 0; i < plain.size; i += 7) expect(reloaded.inclusionProof(i)).toEqual(plain.inclusionProof(i));
        },
      ),
      { numRuns: 60 },
    );
  });
});

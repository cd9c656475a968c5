/**
 * LotHeads keeps lot-chain heads in a column: whatever tags and hashes are set, in whatever
 * order, it reads back what a Map would, lists the same tags, and so does its snapshot image.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeIndex, LotHeads } from '../../src/projections/index.js';

const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
const hex64 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });
const tag = fc.oneof(
  { weight: 6, arbitrary: digits(20).map((code) => `lot:${code}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }).map((code) => `lot:${code}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
);
/** A few codes, so that one code is often indexed, and its head set, more than once. */
const few = fc.constantFrom(...Array.from({ length: 6 }, (_, i) => `${i + 1}`.padStart(20, '4')));
const hash = fc.oneof({ weight: 8, arbitrary: hex64 }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 70 }) });

/** setBoth sets a head in both; a tag that has a column refuses a value it cannot hold, and a Map then keeps the old one too. */
function setBoth(heads: LotHeads, map: Map<string, string>, name: string, value: string): void {
  try {
    heads.set(name, value);
    map.set(name, value);
  } catch (error) {
    expect(error).toBeInstanceOf(RangeError);
    expect(heads.get(name)).toBe(map.get(name));
  }
}

/** expectSame: the heads read back what the Map holds: size, tags and every value. */
function expectSame(store: LotHeads, map: Map<string, string>): void {
  expect(store.size).toBe(map.size);
  expect([...store.keys()].sort()).toEqual([...map.keys()].sort());
  for (const [name, value] of map) expect(store.get(name)).toBe(value);
}

describe('LotHeads', () => {
  it('reads back what a Map would, directly and through its image', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(tag, hash), { maxLength: 300 }), (writes) => {
        const heads = new LotHeads();
        const map = new Map<string, string>();
        for (const [name, value] of writes) setBoth(heads, map, name, value);
        const check = (store: LotHeads) => {
          expectSame(store, map);
          expect(store.get('lot:00000000000000000000')).toBe(map.get('lot:00000000000000000000'));
        };
        check(heads);
        const restored = new LotHeads();
        restored.importImage(structuredClone(heads.exportImage()));
        check(restored);
      }),
      { numRuns: 200 },
    );
  });

  it('grows past its first allocation and holds 32 bytes a lot', () => {
    const heads = new LotHeads();
    const hashOf = (i: number) => i.toString(16).padStart(64, '0');
    for (let i = 0; i < 5_000; i++) heads.set(`lot:${String(i).padStart(20, '0')}`, hashOf(i));
    for (let i = 0; i < 5_000; i += 499) expect(heads.get(`lot:${String(i).padStart(20, '0')}`)).toBe(hashOf(i));
    expect(heads.bytes / 5_000).toBeLessThan(80);
  });
  it('numbered by a shared index it never adds to, reads back what a Map would, whenever the index learns each code', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            {
              weight: 3,
              arbitrary: fc.tuple(
                fc.oneof(
                  tag,
                  few.map((code) => `lot:${code}`),
                ),
                hash,
              ),
            },
            { weight: 2, arbitrary: fc.oneof(digits(20), few).map((code) => ({ index: code })) },
          ),
          { maxLength: 300 },
        ),
        (steps) => {
          // The lot columns own the index: codes arrive there before, after or never beside their heads.
          let index = new CodeIndex();
          const heads = new LotHeads(() => index);
          const map = new Map<string, string>();
          for (const step of steps) {
            if (!Array.isArray(step)) {
              if (index.idOf(step.index) < 0) index.add(step.index);
              continue;
            }
            setBoth(heads, map, step[0], step[1]);
          }
          const check = (store: LotHeads) => expectSame(store, map);
          check(heads);
          // An image loads beside the same index, loaded again (the columns' image carries it).
          const { heads: codeHeads, tails } = index.exportArrays();
          index = new CodeIndex();
          index.importArrays(codeHeads.slice(), tails.slice());
          const restored = new LotHeads(() => index);
          restored.importImage(structuredClone(heads.exportImage()));
          check(restored);
          // Not beside heads of another kind.
          expect(() => new LotHeads().importImage(structuredClone(heads.exportImage()))).toThrow();
        },
      ),
      { numRuns: 600 },
    );
  });
});

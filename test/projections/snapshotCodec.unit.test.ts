import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot, type SnapshotImage } from '../../src/projections/index.js';

describe('the snapshot codec', () => {
  it('round-trips an image holding empty typed arrays (zlib.crc32 drops its running value on a zero-length buffer)', () => {
    const image: SnapshotImage = {
      name: 'test',
      version: 1,
      position: 3,
      lastHash: 'ab'.repeat(32),
      arrays: { empty: new Int32Array(new ArrayBuffer(0)), full: new Float64Array([1.5, 2.5]), emptyBytes: new Uint8Array(0) },
      values: { records: [{ id: 'x' }] },
    };
    const file = Buffer.concat(encodeSnapshot(image));
    const decoded = decodeSnapshot(file);
    expect(decoded.position).toBe(3);
    expect([...(decoded.arrays.full as Float64Array)]).toEqual([1.5, 2.5]);
    expect(decoded.arrays.empty!.length).toBe(0);
    expect(decoded.values).toEqual({ records: [{ id: 'x' }] });
  });

  it('still refuses a file with one byte changed', () => {
    const image: SnapshotImage = {
      name: 'test',
      version: 1,
      position: 1,
      lastHash: undefined,
      arrays: { a: new Int32Array([7]) },
      values: {},
    };
    const file = Buffer.concat(encodeSnapshot(image));
    file[file.length - 8]! ^= 1;
    expect(() => decodeSnapshot(file)).toThrow(/checksum/);
  });
});

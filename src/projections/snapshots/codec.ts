/**
 * The snapshot file format: one file per projection.
 *
 *   "SUYUANSN"  u32 header length  u32 format (1)  header JSON (padded to 8)
 *   typed arrays, each at an offset that is a multiple of 8
 *   JSON values, UTF-8
 *   u32 CRC-32 of everything before it
 *
 * The header names the projection, its snapshot version, the position it
 * covers, the hash of the last event covered, and where each array and value
 * lies. A snapshot is local state, not evidence (the signed log is): the CRC
 * catches torn and damaged files, and a mismatch with the log is caught by
 * comparing lastHash with the stored event (see ProjectionRunner).
 */
import { crc32 } from 'node:zlib';
import type { SnapshotImage } from '../projection.js';
import { typedArrayOf, typedArrayType, type TypedArray, type TypedArrayType } from '../store/typed.js';

const MAGIC = Buffer.from('SUYUANSN', 'latin1');
const FORMAT = 1;
const PREAMBLE = 16;

interface Header {
  readonly name: string;
  readonly version: number;
  readonly position: number;
  readonly lastHash: string | null;
  readonly arrays: readonly { name: string; type: TypedArrayType; offset: number; length: number }[];
  readonly values: readonly { name: string; offset: number; bytes: number }[];
}

/** encodeSnapshot lays an image out as the parts of one file, in order (arrays are views, not copies). */
export function encodeSnapshot(image: SnapshotImage): Uint8Array[] {
  const body: Uint8Array[] = [];
  let offset = 0;
  const place = (bytes: Uint8Array): number => {
    const at = offset;
    body.push(bytes);
    offset += bytes.byteLength;
    const pad = (8 - (offset % 8)) % 8;
    if (pad > 0) {
      body.push(new Uint8Array(pad));
      offset += pad;
    }
    return at;
  };
  const arrays = Object.entries(image.arrays).map(([name, array]) => ({
    name,
    type: typedArrayType(array),
    offset: place(new Uint8Array(array.buffer, array.byteOffset, array.byteLength)),
    length: array.length,
  }));
  const values = Object.entries(image.values).map(([name, value]) => {
    const bytes = Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');
    return { name, offset: place(bytes), bytes: bytes.byteLength };
  });
  const header: Header = {
    name: image.name,
    version: image.version,
    position: image.position,
    lastHash: image.lastHash ?? null,
    arrays,
    values,
  };
  const headerText = Buffer.from(JSON.stringify(header), 'utf8');
  const headerPadded = Buffer.alloc(Math.ceil(headerText.byteLength / 8) * 8, 0x20);
  headerText.copy(headerPadded);
  const preamble = Buffer.alloc(PREAMBLE);
  MAGIC.copy(preamble, 0);
  preamble.writeUInt32LE(headerPadded.byteLength, 8);
  preamble.writeUInt32LE(FORMAT, 12);
  const parts = [preamble, headerPadded, ...body];
  let crc = 0;
  // Node 20's zlib.crc32 returns 0, dropping the running value, for a view of a zero-length
  // ArrayBuffer (an empty typed array); skipping empty parts leaves the checksum as it should be.
  for (const part of parts) if (part.byteLength > 0) crc = crc32(part, crc);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32LE(crc >>> 0, 0);
  return [...parts, trailer];
}

/** decodeSnapshot reads a whole snapshot file; it throws on a damaged or foreign file. */
export function decodeSnapshot(file: Uint8Array): SnapshotImage {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.byteLength < PREAMBLE + 4 || !bytes.subarray(0, 8).equals(MAGIC)) throw new Error('not a Suyuan snapshot');
  const stored = bytes.readUInt32LE(bytes.byteLength - 4);
  if (crc32(bytes.subarray(0, bytes.byteLength - 4)) >>> 0 !== stored) throw new Error('snapshot checksum mismatch');
  const format = bytes.readUInt32LE(12);
  if (format !== FORMAT) throw new Error(`snapshot container format ${format} is not supported`);
  const headerBytes = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.subarray(PREAMBLE, PREAMBLE + headerBytes).toString('utf8')) as Header;
  const bodyStart = PREAMBLE + headerBytes;
  const arrays: Record<string, TypedArray> = {};
  for (const { name, type, offset, length } of header.arrays) {
    arrays[name] = arrayAt(bytes, bodyStart + offset, type, length);
  }
  const values: Record<string, unknown> = {};
  for (const { name, offset, bytes: size } of header.values) {
    values[name] = JSON.parse(bytes.subarray(bodyStart + offset, bodyStart + offset + size).toString('utf8'));
  }
  return {
    name: header.name,
    version: header.version,
    position: header.position,
    lastHash: header.lastHash ?? undefined,
    arrays,
    values,
  };
}

/** A typed array over the file's bytes when aligned, else a copy. */
function arrayAt(bytes: Buffer, at: number, type: TypedArrayType, length: number): TypedArray {
  const empty = typedArrayOf(type, 0);
  const size = length * empty.BYTES_PER_ELEMENT;
  if (at + size > bytes.byteLength - 4) throw new Error('snapshot array runs past the end of the file');
  const start = bytes.byteOffset + at;
  const Constructor = empty.constructor as new (buffer: ArrayBufferLike, offset: number, length: number) => TypedArray;
  if (start % empty.BYTES_PER_ELEMENT === 0) return new Constructor(bytes.buffer, start, length);
  const copy = typedArrayOf(type, length);
  new Uint8Array(copy.buffer).set(bytes.subarray(at, at + size));
  return copy;
}

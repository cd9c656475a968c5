import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson, canonicalJsonReference } from '../../src/hash/index.js';
import { listVectors, readVector, readVectorBytes } from './vectorFiles.js';

const doubleFromHex = (hexText: string): number => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hexText}`));
  return view.getFloat64(0);
};

describe('RFC 8785 canonical JSON against cyberphone test data', () => {
  const names = listVectors('jcs', 'input');
  it('has every input file paired with an output and an outhex file', () => {
    expect(names.length).toBeGreaterThanOrEqual(6);
    expect(listVectors('jcs', 'output')).toEqual(names);
  });
  for (const name of names) {
    it(`canonicalises ${name}`, () => {
      const value: unknown = JSON.parse(readVector('jcs', 'input', name));
      const expected = readVector('jcs', 'output', name);
      const expectedBytes = Buffer.from(
        readVector('jcs', 'outhex', name.replace(/\.json$/, '.txt'))
          .trim()
          .split(/\s+/)
          .join(''),
        'hex',
      );
      expect(canonicalJson(value)).toBe(expected);
      expect(Buffer.from(canonicalJson(value), 'utf8')).toEqual(expectedBytes);
      expect(canonicalJsonReference(value)).toBe(expected);
    });
  }
});

describe('RFC 8785 text examples', () => {
  it('sorts keys by UTF-16 code units (§3.2.3)', () => {
    const input = JSON.parse(readVector('jcs', 'rfc8785-sorting-input.json')) as Record<string, string>;
    const expected = (JSON.parse(readVector('jcs', 'rfc8785-sorting-expected-order.json')) as { expected_value_order_after_sort: string[] })
      .expected_value_order_after_sort;
    // Object.values would put the integer-like key "1" first, so read the order off the text.
    const text = canonicalJson(input);
    const order = Object.values(input).sort((a, b) => text.indexOf(`"${a}"`) - text.indexOf(`"${b}"`));
    expect(order).toEqual(expected);
  });

  it('produces the §3.2.4 bytes from the §3.2.2 values example', () => {
    const value: unknown = JSON.parse(readVector('jcs', 'input', 'values.json'));
    expect(Buffer.from(canonicalJson(value), 'utf8')).toEqual(readVectorBytes('jcs', 'rfc8785-section3.2.4-expected.bin'));
  });
});

describe('RFC 8785 number serialisation', () => {
  const rows = (file: string) =>
    readVector('jcs', file)
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => line.split(','));

  for (const [ieee, expected, comment] of rows('numbers-rfc8785-appendixB.csv')) {
    it(`Appendix B ${ieee} ${comment ?? ''}`.trim(), () => {
      const value = doubleFromHex(ieee!);
      if (!expected) {
        expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
        expect(() => canonicalJson({ n: value })).toThrow(/\$\.n/);
      } else {
        expect(canonicalJson(value)).toBe(expected);
      }
    });
  }

  it('matches every cyberphone README sample', () => {
    const samples = rows('numbers-cyberphone-readme-samples.csv');
    expect(samples.length).toBeGreaterThan(3);
    for (const [ieee, expected] of samples) expect(canonicalJson(doubleFromHex(ieee!))).toBe(expected);
  });

  it('reproduces the SHA-256 of the first 100,000 lines of the es6testfile sequence', () => {
    // The README of the upstream test data gives the generator and the hash of its output.
    const table = readVector('jcs', 'README.upstream.md');
    const expectedHash = /\|\s*([0-9a-f]{64})\s*\|\s*100000\s*\|\s*(\d+)\s*\|/.exec(table);
    expect(expectedHash).not.toBeNull();
    const text = es6NumberLines(100_000);
    expect(Buffer.byteLength(text)).toBe(Number(expectedHash![2]));
    expect(createHash('sha256').update(text).digest('hex')).toBe(expectedHash![1]);
  });
});

describe('strictness', () => {
  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate in a key', { '\udc00': 1 }],
    ['a bigint', 1n],
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['an undefined array element', [1, undefined]],
    [
      'a class instance',
      new (class Point {
        x = 1;
      })(),
    ],
  ])('rejects %s with a CanonicalJsonError', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalJsonReference(value)).toThrow(CanonicalJsonError);
  });

  it('names the path of the bad value', () => {
    expect(() => canonicalJson({ data: { items: [1, Number.NaN] } })).toThrow('at $.data.items[1]');
  });

  it('leaves out undefined properties like JSON.stringify', () => {
    expect(canonicalJson({ b: undefined, a: 1 })).toBe('{"a":1}');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, number>;
    bare.z = 1;
    bare.a = 2;
    expect(canonicalJson(bare)).toBe('{"a":2,"z":1}');
  });
});

/** The cyberphone es6testfile generator (README.upstream.md), returning its first `count` lines. */
function es6NumberLines(count: number): string {
  const staticHex = /staticU64s = new BigUint64Array\(\[([\s\S]*?)\]\)/.exec(readVector('jcs', 'README.upstream.md'))![1]!;
  const statics = [...staticHex.matchAll(/0x([0-9a-f]+)n/g)].map((m) => BigInt(`0x${m[1]}`));
  const staticF64 = new Float64Array(new BigUint64Array(statics).buffer);
  const serialF64 = new Float64Array(new BigUint64Array(Array.from({ length: 2000 }, (_, i) => 0x0010000000000000n + BigInt(i))).buffer);
  let block: ArrayBuffer = new ArrayBuffer(32);
  let data = new Float64Array(0);
  const u64 = new BigUint64Array(1);
  const f64 = new Float64Array(u64.buffer);
  let out = '';
  for (let idx = 0; idx < count; idx++) {
    let f = 0;
    if (idx < staticF64.length) f = staticF64[idx]!;
    else if (idx < staticF64.length + serialF64.length) f = serialF64[idx - staticF64.length]!;
    else {
      while (f === 0 || !Number.isFinite(f)) {
        if (data.length === 0) {
          const digest = createHash('sha256').update(new Uint8Array(block)).digest();
          block = digest.buffer.slice(digest.byteOffset, digest.byteOffset + 32);
          data = new Float64Array(block);
        }
        f = data[0]!;
        data = data.slice(1);
      }
    }
    f64[0] = f;
    out += `${u64[0]!.toString(16)},${canonicalJson(f)}\n`;
  }
  return out;
}

/** CodeIndex numbers 20-digit codes densely and finds them again, through growth and a snapshot. */
import { describe, expect, it } from 'vitest';
import { generateTraceCode } from '../../src/domain/index.js';
import { CodeIndex } from '../../src/projections/index.js';
import { Random } from '../../src/seed/index.js';

function codes(count: number, seed = 1): string[] {
  const random = new Random(seed);
  const regions = ['440113', '440118', '445381', '110105', '650102'];
  const seen = new Set<string>();
  while (seen.size < count) {
    seen.add(generateTraceCode({ kind: random.pick([1, 2, 3] as const), region: random.pick(regions), serial: random.digits(11) }));
  }
  return [...seen];
}

describe('CodeIndex', () => {
  it('gives ids 0, 1, 2, … and maps them back to their codes', () => {
    const index = new CodeIndex();
    const all = codes(100_000);
    for (const [i, code] of all.entries()) expect(index.add(code)).toBe(i);
    let wrong = 0;
    all.forEach((code, i) => {
      if (index.idOf(code) !== i || index.codeOf(i) !== code) wrong++;
    });
    expect(wrong).toBe(0);
    expect(index.size).toBe(all.length);
  });

  it('keeps leading zeros of the tail', () => {
    const index = new CodeIndex();
    const code = generateTraceCode({ kind: 1, region: '440113', serial: '00000000042' });
    const zeros = generateTraceCode({ kind: 2, region: '440113', serial: '00000000000' });
    index.add(code);
    index.add(zeros);
    expect(index.codeOf(0)).toBe(code);
    expect(index.codeOf(1)).toBe(zeros);
  });

  it('answers -1 for unknown and malformed codes, and refuses to add one twice', () => {
    const index = new CodeIndex();
    const [known, unknown] = codes(2);
    index.add(known!);
    for (const text of [unknown!, '', known!.slice(1), `${known}1`, `${known!.slice(0, 10)}a${known!.slice(11)}`])
      expect(index.idOf(text)).toBe(-1);
    expect(() => index.add(known!)).toThrow(/indexed already/);
    expect(() => index.add('12345')).toThrow(/not a 20-digit/);
  });

  it('restores from its arrays', () => {
    const index = new CodeIndex();
    const all = codes(5_000, 3);
    for (const code of all) index.add(code);
    const { heads, tails } = index.exportArrays();
    const restored = new CodeIndex();
    restored.importArrays(heads.slice(), tails.slice());
    for (const [i, code] of all.entries()) expect(restored.idOf(code)).toBe(i);
    expect(restored.add(codes(1, 99)[0]!)).toBe(all.length);
  });
});

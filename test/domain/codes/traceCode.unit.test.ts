import { describe, expect, it } from 'vitest';
import {
  formatTraceCode,
  generateTraceCode,
  isValidTraceCode,
  parseTraceCode,
  traceCodeCheckDigits,
  validateTraceCode,
  type TraceCodeKind,
} from '../../../src/domain/index.js';

const REGIONS = ['440113', '110105', '441900', '500229', '650102', '430102', '540102'];

/** A deterministic spread of serials: a linear congruential sequence over 11 digits. */
function serials(count: number): string[] {
  const result: string[] = [];
  let value = 12_345_678_901n;
  for (let index = 0; index < count; index += 1) {
    value = (value * 6_364_136_223n + 1_442_695_041n) % 100_000_000_000n;
    result.push(value.toString().padStart(11, '0'));
  }
  return result;
}

/** 600 valid codes over all kinds and several regions. */
const CODES = serials(600).map((serial, index) =>
  generateTraceCode({ kind: ((index % 3) + 1) as TraceCodeKind, region: '440113', serial }),
);

const failsCheck = (code: string): boolean => validateTraceCode(code).some((reason) => reason.startsWith('check digits'));

describe('trace code check digits (ISO/IEC 7064 MOD 97-10)', () => {
  it('match 98 − (N × 100 mod 97), so that the whole code is 1 mod 97', () => {
    for (const code of CODES) {
      const body = code.slice(0, 18);
      const expected = (98n - ((BigInt(body) * 100n) % 97n)).toString().padStart(2, '0');
      expect(traceCodeCheckDigits(body)).toBe(expected);
      expect(BigInt(code) % 97n).toBe(1n);
    }
  });

  it('has a known answer', () => {
    expect(traceCodeCheckDigits('144011312345678901')).toBe('46');
    expect(generateTraceCode({ kind: 1, region: '440113', serial: '12345678901' })).toBe('14401131234567890146');
  });

  it('pads a single-digit check with a zero', () => {
    const padded = CODES.find((code) => code.charAt(18) === '0');
    expect(padded).toBeDefined();
    expect(isValidTraceCode(padded ?? '')).toBe(true);
  });

  it('requires exactly 18 digits', () => {
    expect(() => traceCodeCheckDigits('14401131234567890')).toThrow(RangeError);
    expect(() => traceCodeCheckDigits('14401131234567890a')).toThrow(RangeError);
  });
});

describe('trace code error detection (exhaustive over 600 codes)', () => {
  it('detects every single-digit substitution', () => {
    let tried = 0;
    for (const code of CODES) {
      for (let position = 0; position < code.length; position += 1) {
        for (const digit of '0123456789') {
          if (digit === code.charAt(position)) continue;
          const corrupted = code.slice(0, position) + digit + code.slice(position + 1);
          expect(failsCheck(corrupted), `${code} → ${corrupted}`).toBe(true);
          expect(isValidTraceCode(corrupted)).toBe(false);
          tried += 1;
        }
      }
    }
    expect(tried).toBe(600 * 20 * 9);
  });

  it('detects every transposition of two different neighbours', () => {
    let tried = 0;
    for (const code of CODES) {
      for (let position = 0; position + 1 < code.length; position += 1) {
        const [left, right] = [code.charAt(position), code.charAt(position + 1)];
        if (left === right) continue;
        const swapped = code.slice(0, position) + right + left + code.slice(position + 2);
        expect(failsCheck(swapped), `${code} → ${swapped}`).toBe(true);
        tried += 1;
      }
    }
    expect(tried).toBeGreaterThan(600 * 15);
  });
});

describe('generateTraceCode', () => {
  it('builds valid codes of every kind in every region', () => {
    for (const region of REGIONS) {
      for (const kind of [1, 2, 3] as const) {
        const code = generateTraceCode({ kind, region, serial: '00000000042' });
        expect(code).toMatch(/^\d{20}$/);
        expect(code.slice(0, 7)).toBe(`${kind}${region}`);
        expect(isValidTraceCode(code)).toBe(true);
      }
    }
  });

  it('refuses parts that cannot make a valid code', () => {
    const kind = 4 as TraceCodeKind;
    expect(() => generateTraceCode({ kind, region: '440113', serial: '00000000001' })).toThrow(RangeError);
    expect(() => generateTraceCode({ kind: 1, region: '999999', serial: '00000000001' })).toThrow(/region/);
    expect(() => generateTraceCode({ kind: 1, region: '440113', serial: '123' })).toThrow(/serial/);
  });
});

describe('parse and format', () => {
  const code = '14401131234567890146';

  it('formats in groups of four', () => {
    expect(formatTraceCode(code)).toBe('1440 1131 2345 6789 0146');
  });

  it('parses the formatted form, hyphens and stray spaces', () => {
    for (const text of ['1440 1131 2345 6789 0146', '1440-1131-2345-6789-0146', ' 14401131 23456789 0146 ', code]) {
      expect(parseTraceCode(text)).toEqual({
        ok: true,
        code,
        parts: { kind: 1, region: '440113', serial: '12345678901' },
      });
    }
  });

  it('names what is wrong', () => {
    expect(parseTraceCode('1440 1131 2345 6789 014')).toEqual({
      ok: false,
      reasons: ['trace code must have 20 digits (got 19)'],
    });
    expect(validateTraceCode('1440113123456789014A')).toEqual(['trace code may contain only digits, spaces and hyphens (found "A")']);
    const wrongKind = `4440113${'12345678901'}`;
    expect(validateTraceCode(wrongKind + traceCodeCheckDigits(wrongKind))).toEqual(['kind digit must be 1, 2 or 3 (got 4)']);
    const unknownRegion = `1999999${'12345678901'}`;
    expect(validateTraceCode(unknownRegion + traceCodeCheckDigits(unknownRegion))).toEqual(['region 999999 is not a GB/T 2260 code']);
    expect(validateTraceCode('14401131234567890164')).toEqual(['check digits do not match (expected 46, got 64)']);
  });
});

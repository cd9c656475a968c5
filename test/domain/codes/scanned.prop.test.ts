/** readScan: what a scanned label or identity card (or typed text) names, for the app and the server alike. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPERATOR_ID_PATTERN, formatTraceCode, generateTraceCode, isValidTraceCode, readScan } from '../../../src/domain/index.js';
import { isMod97Valid } from '../../../src/domain/codes/mod97.js';

const REGIONS = ['440113', '110101', '510104', '650102'];
const codeArb = fc
  .record({
    kind: fc.constantFrom(1 as const, 2 as const, 3 as const),
    region: fc.constantFrom(...REGIONS),
    serial: fc.stringMatching(/^\d{11}$/),
  })
  .map((parts) => generateTraceCode(parts));
const hostArb = fc.constantFrom('https://trace.example.cn', 'http://127.0.0.1:8080', 'https://溯源.中国', '');
const tailArb = fc.constantFrom('', '/', '?copies=2', '#top', '/?lang=en#x');
const operatorIdArb = fc.stringMatching(OPERATOR_ID_PATTERN).filter((id) => !/^[123]\d{19}$/.test(id.replace(/[\s-]/g, '')));

describe('readScan', () => {
  it('reads a label URL, a bare code and a formatted code as the lot', () => {
    fc.assert(
      fc.property(codeArb, hostArb, tailArb, (code, host, tail) => {
        expect(readScan(`${host}/c/${code}${tail}`)).toEqual({ kind: 'lot', code });
        expect(readScan(code)).toEqual({ kind: 'lot', code });
        expect(readScan(` ${formatTraceCode(code)} `)).toEqual({ kind: 'lot', code });
      }),
    );
  });

  it('reads an identity-card URL and a bare id as the operator', () => {
    fc.assert(
      fc.property(operatorIdArb, hostArb, tailArb, (id, host, tail) => {
        expect(readScan(`${host}/o/${encodeURIComponent(id)}${tail}`)).toEqual({ kind: 'operator', id });
        expect(readScan(id)).toEqual({ kind: 'operator', id });
      }),
    );
  });

  it('refuses a label whose code has one digit wrong (the check digits catch it)', () => {
    fc.assert(
      fc.property(codeArb, fc.nat(19), fc.integer({ min: 1, max: 9 }), (code, at, delta) => {
        const wrong = code.slice(0, at) + String((Number(code[at]) + delta) % 10) + code.slice(at + 1);
        expect(readScan(`https://h/c/${wrong}`).kind).toBe('unknown');
      }),
    );
  });

  it('never throws on any text, and names only well-formed codes and ids', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.webUrl()), (text) => {
        const scan = readScan(text);
        if (scan.kind === 'lot') {
          expect(scan.code).toMatch(/^[123]\d{19}$/);
          expect(isMod97Valid(scan.code)).toBe(true);
        } else if (scan.kind === 'operator') {
          expect(scan.id).toMatch(OPERATOR_ID_PATTERN);
        } else {
          expect(scan.text).toBe(text.trim());
        }
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the server on every code it accepts from a known region', () => {
    fc.assert(
      fc.property(codeArb, (code) => {
        expect(isValidTraceCode(code)).toBe(true);
      }),
    );
  });
});

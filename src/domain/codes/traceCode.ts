/**
 * Trace codes (追溯码, DESIGN §5): 20 digits = kind + GB/T 2260 region of the
 * issuing operator + 11 random digits + 2 MOD 97-10 check digits. The random
 * digits come from the caller (a CSPRNG at the edge): this module is pure.
 */
import { isMod97Valid, mod97CheckDigits } from './mod97.js';
import { isKnownRegion } from './region.js';

/** 1 production lot 生产批次, 2 circulation lot 流通批次, 3 market-entry certificate 入市追溯凭证. */
export type TraceCodeKind = 1 | 2 | 3;

export const TRACE_CODE_LENGTH = 20;

export interface TraceCodeParts {
  readonly kind: TraceCodeKind;
  /** 6-digit GB/T 2260 code of the issuing operator's region. */
  readonly region: string;
  /** 11 random digits. */
  readonly serial: string;
}

export type ParsedTraceCode =
  | { readonly ok: true; readonly code: string; readonly parts: TraceCodeParts }
  | { readonly ok: false; readonly reasons: readonly string[] };

/** traceCodeCheckDigits returns the two check digits of a code's first 18 digits. Requires 18 digits. */
export function traceCodeCheckDigits(first18Digits: string): string {
  if (!/^\d{18}$/.test(first18Digits)) throw new RangeError('traceCodeCheckDigits requires exactly 18 digits');
  return mod97CheckDigits(first18Digits);
}

/** generateTraceCode assembles a code from its parts. Requires a known region and 11 serial digits. */
export function generateTraceCode(parts: TraceCodeParts): string {
  if (![1, 2, 3].includes(parts.kind)) throw new RangeError(`trace code kind must be 1, 2 or 3`);
  if (!isKnownRegion(parts.region)) throw new RangeError(`unknown region code ${parts.region}`);
  if (!/^\d{11}$/.test(parts.serial)) throw new RangeError('trace code serial must be 11 digits');
  const body = `${parts.kind}${parts.region}${parts.serial}`;
  return body + traceCodeCheckDigits(body);
}

/** normalizeTraceCode removes the spaces and hyphens people type or print between groups. */
export function normalizeTraceCode(text: string): string {
  return text.replace(/[\s-]/g, '');
}

/** validateTraceCode lists what is wrong with a (possibly formatted) code; empty means valid. */
export function validateTraceCode(text: string): string[] {
  const code = normalizeTraceCode(text);
  const stray = code.match(/\D/);
  if (stray) return [`trace code may contain only digits, spaces and hyphens (found "${stray[0]}")`];
  if (code.length !== TRACE_CODE_LENGTH) {
    return [`trace code must have ${TRACE_CODE_LENGTH} digits (got ${code.length})`];
  }
  const reasons: string[] = [];
  const kind = code.charAt(0);
  if (!['1', '2', '3'].includes(kind)) reasons.push(`kind digit must be 1, 2 or 3 (got ${kind})`);
  const region = code.slice(1, 7);
  if (!isKnownRegion(region)) reasons.push(`region ${region} is not a GB/T 2260 code`);
  if (!isMod97Valid(code)) {
    const expected = traceCodeCheckDigits(code.slice(0, 18));
    reasons.push(`check digits do not match (expected ${expected}, got ${code.slice(18)})`);
  }
  return reasons;
}

/** isValidTraceCode reports whether text is a valid trace code once spaces and hyphens are removed. */
export function isValidTraceCode(text: string): boolean {
  return validateTraceCode(text).length === 0;
}

/** parseTraceCode validates text and splits the canonical 20-digit code into its parts. */
export function parseTraceCode(text: string): ParsedTraceCode {
  const reasons = validateTraceCode(text);
  if (reasons.length > 0) return { ok: false, reasons };
  const code = normalizeTraceCode(text);
  return { ok: true, code, parts: { kind: traceCodeKind(code), region: code.slice(1, 7), serial: code.slice(7, 18) } };
}

/** formatTraceCode shows a canonical code in groups of four: "1440 1131 2345 6789 0123". */
export function formatTraceCode(code: string): string {
  return normalizeTraceCode(code).replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** traceCodeKind reads the kind digit. Requires a valid canonical code. */
export function traceCodeKind(code: string): TraceCodeKind {
  return Number(code.charAt(0)) as TraceCodeKind;
}

/** traceCodeRegion reads the issuing region. Requires a valid canonical code. */
export function traceCodeRegion(code: string): string {
  return code.slice(1, 7);
}

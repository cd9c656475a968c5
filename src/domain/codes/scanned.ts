/**
 * What a scanned QR code (or a typed text) names: a trace label's QR carries the URL of the code's
 * consumer page (…/c/{code}) and an operator's identity card the URL of its public page (…/o/{id}).
 * Pure and free of the region table, so that the field app bundles it as it is; the server checks
 * the region digits on top (validateTraceCode).
 */
import { isMod97Valid } from './mod97.js';

/** An operator id: the USCC of an organisation, an opaque id for a person. */
export const OPERATOR_ID_PATTERN = /^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/;

/** scannedSegment: the path segment after `/{marker}/` of a URL (absolute or a bare path), without query, fragment or trailing slash. */
export function scannedSegment(text: string, marker: 'o' | 'c'): string | undefined {
  const match = new RegExp(`^(?:https?://[^/?#\\s]+)?/${marker}/([^/?#\\s]+)/?(?:[?#].*)?$`, 'i').exec(text);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

export type Scan =
  | { readonly kind: 'lot'; readonly code: string }
  | { readonly kind: 'operator'; readonly id: string }
  | { readonly kind: 'unknown'; readonly text: string };

const digitsOf = (text: string): string => text.replace(/[\s-]/g, '');
const looksLikeCode = (digits: string): boolean => /^[123]\d{19}$/.test(digits) && isMod97Valid(digits);

/**
 * readScan: a label URL or a well-formed 20-digit code (spaces and hyphens ignored, check digits
 * right) is a lot; an identity-card URL or an operator id is an operator; anything else is unknown.
 */
export function readScan(text: string): Scan {
  const trimmed = text.trim();
  const label = scannedSegment(trimmed, 'c');
  if (label !== undefined) {
    const digits = digitsOf(label);
    return looksLikeCode(digits) ? { kind: 'lot', code: digits } : { kind: 'unknown', text: trimmed };
  }
  const card = scannedSegment(trimmed, 'o');
  if (card !== undefined) return OPERATOR_ID_PATTERN.test(card) ? { kind: 'operator', id: card } : { kind: 'unknown', text: trimmed };
  const digits = digitsOf(trimmed);
  if (looksLikeCode(digits)) return { kind: 'lot', code: digits };
  return OPERATOR_ID_PATTERN.test(trimmed) ? { kind: 'operator', id: trimmed } : { kind: 'unknown', text: trimmed };
}

/**
 * Personal data never enters the log (DESIGN, promise 2), and a partner's EPCIS event is kept
 * whole. So a captured event is refused when its text holds what is plainly a person's
 * identifier: a valid citizen identity number (GB 11643, checksum and birth date checked), or,
 * in free text, a mainland mobile number. Identifiers (URIs) are not searched for phone numbers:
 * GS1 keys and serials in them are digit runs that would be mistaken for one. Names and
 * addresses cannot be told from text reliably; the capture documentation asks partners not to
 * send them.
 */
import { isValidCitizenId } from '../codes/index.js';

const CITIZEN_ID = /(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[ -]?)?1[3-9]\d{9}(?!\d)/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/;

/** What kind of personal data a text holds, if any. */
export function personalDataIn(text: string): 'citizen ID' | 'mobile number' | undefined {
  for (const match of text.matchAll(CITIZEN_ID)) if (isValidCitizenId(match[0])) return 'citizen ID';
  return !URI.test(text.trim()) && MOBILE.test(text) ? 'mobile number' : undefined;
}

/** personalDataAt: the path (keys and indices) of the first string in `value` holding personal data, and its kind. */
export function personalDataAt(value: unknown, path: readonly string[] = []): { path: string[]; kind: string } | undefined {
  if (typeof value === 'string') {
    const kind = personalDataIn(value);
    return kind === undefined ? undefined : { path: [...path], kind };
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = personalDataAt(inner, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

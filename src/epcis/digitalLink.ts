/**
 * Constrained canonical GS1 Digital Link URIs, as the CBV 2.0 event hash needs them: any domain
 * replaced by https://id.gs1.org, the query string dropped, convenience names (`gtin`, `ser`…)
 * replaced by their application identifiers, and only the most fine-grained key qualifiers kept.
 * Hand-written: the GS1 Digital Link toolkits for JS parse and build links but none applies the
 * CBV 2.0 constraints, and this is a page of code.
 */

/** The host every constrained Digital Link is rewritten to. */
export const GS1_RESOLVER = 'https://id.gs1.org';

/** gs1CheckDigit: the GS1 mod-10 check digit of `digits` (any GS1 key without its check digit); the domain's, shared. */
export { gtinCheckDigit as gs1CheckDigit } from '../domain/index.js';

/**
 * encodeKeyValue: a key or qualifier value as one path segment. Everything outside RFC 3986's
 * unreserved characters is percent-encoded, except the apostrophe, which the CBV 2.0 vectors keep
 * as it is (epclist_normalisation: `…j7'SDB`).
 */
export function encodeKeyValue(raw: string): string {
  return encodeURIComponent(raw).replace(/[!()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** decodeKeyValue: a percent-encoded value as text; a malformed escape is kept as written. */
export function decodeKeyValue(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** One application identifier and its (decoded) value. */
export interface KeyPart {
  readonly ai: string;
  readonly value: string;
}

/** formatDigitalLink: the canonical link of a primary key and its qualifiers, in the order given. */
export function formatDigitalLink(parts: readonly KeyPart[]): string {
  return GS1_RESOLVER + parts.map((part) => `/${part.ai}/${encodeKeyValue(part.value)}`).join('');
}

/** The GS1 Digital Link 1.2 convenience names of the keys and qualifiers the hash keeps or drops. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  sscc: '00',
  gtin: '01',
  lot: '10',
  ser: '21',
  cpv: '22',
  tpx: '235',
  gdti: '253',
  glnx: '254',
  gcn: '255',
  ginc: '401',
  gsin: '402',
  gln: '414',
  party: '417',
  grai: '8003',
  giai: '8004',
  itip: '8006',
  cpid: '8010',
  cpsn: '8011',
  gsrnp: '8017',
  gsrn: '8018',
};

/** Each primary key's accepted value, and its qualifiers from the most fine-grained one down. */
const PRIMARY_KEYS: Readonly<Record<string, { readonly value: RegExp; readonly qualifiers: readonly string[] }>> = {
  '00': { value: /^\d{18}$/, qualifiers: [] },
  '01': { value: /^(\d{8}|\d{12,14})$/, qualifiers: ['21', '235', '10', '22'] },
  '253': { value: /^\d{13}.{0,17}$/u, qualifiers: [] },
  '255': { value: /^\d{13}\d{0,12}$/, qualifiers: [] },
  '401': { value: /^\d.{0,29}$/u, qualifiers: [] },
  '402': { value: /^\d{17}$/, qualifiers: [] },
  '414': { value: /^\d{13}$/, qualifiers: ['254', '7040'] },
  '417': { value: /^\d{13}$/, qualifiers: [] },
  '8003': { value: /^\d{14}.{0,16}$/u, qualifiers: [] },
  '8004': { value: /^\d.{0,29}$/u, qualifiers: [] },
  '8006': { value: /^\d{18}$/, qualifiers: ['21', '10', '22'] },
  '8010': { value: /^\d.{0,29}$/u, qualifiers: ['8011'] },
  '8017': { value: /^\d{18}$/, qualifiers: [] },
  '8018': { value: /^\d{18}$/, qualifiers: [] },
};

/** The qualifiers a constrained link may keep (CBV 2.0: 01 21, 01 10, 01 235, 414 254, 8006 21, 8006 10, 8010 8011). */
const KEPT_QUALIFIERS: ReadonlySet<string> = new Set(['21', '10', '235', '254', '8011']);

const aiOf = (segment: string): string => SHORT_NAMES[segment] ?? segment;

/**
 * constrainDigitalLink: `uri` as a constrained canonical GS1 Digital Link, or undefined when it is
 * not a Digital Link (no primary key in its path followed by known qualifiers only). A path before
 * the primary key (a custom resolver's own prefix) is dropped with the domain.
 */
export function constrainDigitalLink(uri: string): string | undefined {
  if (!/^https?:\/\//i.test(uri)) return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  for (let start = 0; start + 1 < segments.length; start++) {
    const link = keyPath(segments.slice(start));
    if (link !== undefined) return formatDigitalLink(link);
  }
  return undefined;
}

/** keyPath: the kept parts of a path that starts at a primary key, or undefined if it is not one. */
function keyPath(segments: readonly string[]): KeyPart[] | undefined {
  if (segments.length % 2 !== 0) return undefined;
  const primaryAi = aiOf(segments[0]!);
  const primary = PRIMARY_KEYS[primaryAi];
  const primaryValue = decodeKeyValue(segments[1]!);
  if (primary === undefined || !primary.value.test(primaryValue)) return undefined;
  const qualifiers = new Map<string, string>();
  for (let index = 2; index < segments.length; index += 2) {
    const ai = aiOf(segments[index]!);
    if (!primary.qualifiers.includes(ai)) return undefined;
    qualifiers.set(ai, decodeKeyValue(segments[index + 1]!));
  }
  const value = primaryAi === '01' ? primaryValue.padStart(14, '0') : primaryValue;
  const finest = primary.qualifiers.find((ai) => KEPT_QUALIFIERS.has(ai) && qualifiers.has(ai));
  const parts: KeyPart[] = [{ ai: primaryAi, value }];
  if (finest !== undefined) parts.push({ ai: finest, value: qualifiers.get(finest)! });
  return parts;
}

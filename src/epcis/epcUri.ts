/**
 * EPC URIs (`urn:epc:id:…`), EPC class URIs (`urn:epc:class:lgtin:…`) and EPC pattern URIs
 * (`urn:epc:idpat:…`, one trailing `*`) as canonical GS1 Digital Links, per the GS1 Tag Data
 * Standard's URI forms and GS1 Digital Link 1.2: company prefix and reference joined, indicator or
 * extension digit moved to the front, check digit added. Hand-written for the same reason as
 * digitalLink.ts: no maintained JS library does this conversion.
 */
import { decodeKeyValue, formatDigitalLink, gs1CheckDigit, type KeyPart } from './digitalLink.js';

/** A parser of one scheme's dot-separated, already decoded URI body. */
type SchemeParser = (fields: readonly string[]) => KeyPart[] | undefined;

const DIGITS = /^\d+$/;

/** withCheck: `digits` and their check digit, if `digits` are `length` digits. */
function withCheck(digits: string, length: number): string | undefined {
  return digits.length === length && DIGITS.test(digits) ? digits + gs1CheckDigit(digits) : undefined;
}

/** gtin: the GTIN-14 of a company prefix and an indicator-and-item reference (the indicator digit moves to the front). */
function gtin(companyPrefix: string, indicatorAndItem: string): string | undefined {
  return withCheck(indicatorAndItem.slice(0, 1) + companyPrefix + indicatorAndItem.slice(1), 13);
}

/** itip: the 18 digits of an individual trade item piece: its GTIN, piece number and total count. */
function itip(companyPrefix: string, indicatorAndItem: string, piece: string, total: string): string | undefined {
  const base = gtin(companyPrefix, indicatorAndItem);
  return base === undefined || !/^\d{2}$/.test(piece) || !/^\d{2}$/.test(total) ? undefined : base + piece + total;
}

/** keyed: the parts, or undefined if any value could not be formed. */
function keyed(...parts: readonly (readonly [string, string | undefined])[]): KeyPart[] | undefined {
  if (parts.some(([, value]) => value === undefined || value === '')) return undefined;
  return parts.map(([ai, value]) => ({ ai, value: value! }));
}

/** Serialised identifiers: `urn:epc:id:{scheme}:{body}`. */
const INSTANCE_SCHEMES: Readonly<Record<string, SchemeParser>> = {
  sgtin: ([cp = '', item = '', serial, ...rest]) => (rest.length ? undefined : keyed(['01', gtin(cp, item)], ['21', serial])),
  sscc: ([cp = '', serial = '', ...rest]) =>
    rest.length ? undefined : keyed(['00', withCheck(serial.slice(0, 1) + cp + serial.slice(1), 17)]),
  sgln: ([cp = '', location = '', extension = '', ...rest]) => {
    if (rest.length) return undefined;
    const gln = withCheck(cp + location, 12);
    return extension === '0' ? keyed(['414', gln]) : keyed(['414', gln], ['254', extension]);
  },
  pgln: ([cp = '', party = '', ...rest]) => (rest.length ? undefined : keyed(['417', withCheck(cp + party, 12)])),
  grai: ([cp = '', assetType = '', serial = '', ...rest]) => {
    const grai = withCheck(cp + assetType, 12);
    return rest.length ? undefined : keyed(['8003', grai === undefined ? undefined : `0${grai}${serial}`]);
  },
  giai: ([cp = '', asset = '', ...rest]) => (rest.length || !DIGITS.test(cp) ? undefined : keyed(['8004', cp + asset])),
  gsrn: ([cp = '', service = '', ...rest]) => (rest.length ? undefined : keyed(['8018', withCheck(cp + service, 17)])),
  gsrnp: ([cp = '', service = '', ...rest]) => (rest.length ? undefined : keyed(['8017', withCheck(cp + service, 17)])),
  gdti: ([cp = '', documentType = '', serial = '', ...rest]) => {
    const gdti = withCheck(cp + documentType, 12);
    return rest.length ? undefined : keyed(['253', gdti === undefined ? undefined : gdti + serial]);
  },
  sgcn: ([cp = '', coupon = '', serial = '', ...rest]) => {
    const gcn = withCheck(cp + coupon, 12);
    return rest.length ? undefined : keyed(['255', gcn === undefined ? undefined : gcn + serial]);
  },
  cpi: ([cp = '', component = '', serial, ...rest]) =>
    rest.length || !DIGITS.test(cp) ? undefined : keyed(['8010', cp + component], ['8011', serial]),
  ginc: ([cp = '', consignment = '', ...rest]) => (rest.length || !DIGITS.test(cp) ? undefined : keyed(['401', cp + consignment])),
  gsin: ([cp = '', shipper = '', ...rest]) => (rest.length ? undefined : keyed(['402', withCheck(cp + shipper, 16)])),
  itip: ([cp = '', item = '', piece = '', total = '', serial, ...rest]) =>
    rest.length ? undefined : keyed(['8006', itip(cp, item, piece, total)], ['21', serial]),
  upui: ([cp = '', item = '', tpx, ...rest]) => (rest.length ? undefined : keyed(['01', gtin(cp, item)], ['235', tpx])),
};

/** Classes: `urn:epc:class:lgtin:{company prefix}.{indicator and item}.{lot}`. */
const CLASS_SCHEMES: Readonly<Record<string, SchemeParser>> = {
  lgtin: ([cp = '', item = '', lot, ...rest]) => (rest.length ? undefined : keyed(['01', gtin(cp, item)], ['10', lot])),
};

/** Patterns whose last field is `*`: the class of everything under the key without its serial. */
const PATTERN_SCHEMES: Readonly<Record<string, SchemeParser>> = {
  sgtin: ([cp = '', item = '']) => keyed(['01', gtin(cp, item)]),
  upui: ([cp = '', item = '']) => keyed(['01', gtin(cp, item)]),
  grai: ([cp = '', assetType = '']) => {
    const grai = withCheck(cp + assetType, 12);
    return keyed(['8003', grai === undefined ? undefined : `0${grai}`]);
  },
  gdti: ([cp = '', documentType = '']) => keyed(['253', withCheck(cp + documentType, 12)]),
  sgcn: ([cp = '', coupon = '']) => keyed(['255', withCheck(cp + coupon, 12)]),
  cpi: ([cp = '', component = '']) => (DIGITS.test(cp) ? keyed(['8010', cp + component]) : undefined),
  itip: ([cp = '', item = '', piece = '', total = '']) => keyed(['8006', itip(cp, item, piece, total)]),
};

/** The number of fields before the `*` of each pattern scheme. */
const PATTERN_FIELDS: Readonly<Record<string, number>> = { sgtin: 2, upui: 2, grai: 2, gdti: 2, sgcn: 2, cpi: 2, itip: 4 };

const EPC_URI = /^urn:epc:(id|class|idpat):([a-z]+):(.*)$/;

/**
 * epcUriToDigitalLink: the canonical GS1 Digital Link of an EPC, EPC class or EPC pattern URI, or
 * undefined when `uri` is none of them or its scheme has no Digital Link form (gid, usdod, adi,
 * bic, imovn; patterns with more than one `*`).
 */
export function epcUriToDigitalLink(uri: string): string | undefined {
  const match = EPC_URI.exec(uri);
  if (match === null) return undefined;
  const [, kind, scheme = '', body = ''] = match;
  const fields = body.split('.').map(decodeKeyValue);
  let parts: KeyPart[] | undefined;
  if (kind === 'id') parts = INSTANCE_SCHEMES[scheme]?.(fields);
  else if (kind === 'class') parts = CLASS_SCHEMES[scheme]?.(fields);
  else {
    const keyFields = PATTERN_FIELDS[scheme];
    const isClassPattern = keyFields !== undefined && fields.length === keyFields + 1 && fields[keyFields] === '*';
    parts = isClassPattern && !fields.slice(0, keyFields).includes('*') ? PATTERN_SCHEMES[scheme]?.(fields) : undefined;
  }
  return parts === undefined ? undefined : formatDigitalLink(parts);
}

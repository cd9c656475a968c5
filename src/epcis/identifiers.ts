/**
 * How Suyuan names things in EPCIS (issue 15, Identifiers): under a configurable URI base
 * (SUYUAN_ID_BASE), lots are EPC classes `{base}/lot/{code}`, parties `{base}/party/{id}` and
 * locations `{base}/loc/{region}`; a lot whose product has a GTIN is given as the GS1 Digital Link
 * `https://id.gs1.org/01/{gtin}/10/{code}` (the 20-digit code fits AI 10's 20 characters).
 * Suyuan's own fields travel under one extension namespace, fixed so that an event's CBV hash
 * does not depend on the node that exports it.
 */

/** The JSON-LD prefix and namespace of Suyuan's extension fields. */
export const SUYUAN_PREFIX = 'suyuan';
export const SUYUAN_NAMESPACE = 'https://ns.suyuan.dev/epcis/';

/** The EPCIS 2.0 JSON-LD context every document starts with. */
export const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/** documentContext: the @context of a document Suyuan writes. */
export const documentContext = (): readonly [string, Readonly<Record<string, string>>] => [
  EPCIS_CONTEXT_URL,
  { [SUYUAN_PREFIX]: SUYUAN_NAMESPACE },
];

/** The base used when SUYUAN_ID_BASE is not set: a URN-free https base that says it is unconfigured. */
export const DEFAULT_ID_BASE = 'https://id.suyuan.invalid';

/** idBase: SUYUAN_ID_BASE without trailing slashes; only http(s) URLs without query or fragment. */
export function idBase(value: string | undefined): string {
  const text = (value ?? '').trim();
  if (text === '') return DEFAULT_ID_BASE;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`SUYUAN_ID_BASE="${value}" is not a URL (e.g. https://trace.example.gov.cn/id)`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '') {
    throw new Error(`SUYUAN_ID_BASE="${value}" must be an http(s) URL without query or fragment`);
  }
  return text.replace(/\/+$/, '');
}

export interface Identifiers {
  readonly base: string;
  /** lot: the EPC class of a lot (its Digital Link when the product has a GTIN). */
  lot(code: string, gtin?: string): string;
  party(operatorId: string): string;
  location(region: string): string;
}

export function identifiers(base: string): Identifiers {
  return {
    base,
    lot: (code, gtin) => (gtin === undefined ? `${base}/lot/${code}` : `https://id.gs1.org/01/${gtin}/10/${code}`),
    party: (operatorId) => `${base}/party/${encodeURIComponent(operatorId)}`,
    location: (region) => `${base}/loc/${region}`,
  };
}

/** codeOfEpcClass: the trace code an EPC class names (either form), or undefined. */
export function codeOfEpcClass(epcClass: string, base: string): string | undefined {
  const own = epcClass.startsWith(`${base}/lot/`) ? epcClass.slice(base.length + 5) : undefined;
  const link = /^https:\/\/id\.gs1\.org\/01\/\d{14}\/10\/(\d{20})$/.exec(epcClass)?.[1];
  const code = own ?? link;
  return code !== undefined && /^\d{20}$/.test(code) ? code : undefined;
}

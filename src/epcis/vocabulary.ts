/**
 * CBV 2.0 vocabulary in the event hash: a bare JSON term (`shipping`, `in_transit`, `po`,
 * `Temperature`…) becomes the GS1 web URI its field's JSON-LD context maps it to, and an EPCIS 1.x
 * vocabulary URN (`urn:epcglobal:cbv:bizstep:shipping`) becomes the same web URI.
 */

/** The fields whose values are vocabulary terms, and the URI prefix their bare terms expand under. */
export type VocabularyKind =
  | 'bizStep'
  | 'disposition'
  | 'bizTransactionType'
  | 'sourceDestinationType'
  | 'errorReason'
  | 'measurementType'
  | 'sensorAlert'
  | 'component';

const BARE_TERM_PREFIX: Readonly<Record<VocabularyKind, string>> = {
  bizStep: 'https://ref.gs1.org/cbv/BizStep-',
  disposition: 'https://ref.gs1.org/cbv/Disp-',
  bizTransactionType: 'https://ref.gs1.org/cbv/BTT-',
  sourceDestinationType: 'https://ref.gs1.org/cbv/SDT-',
  errorReason: 'https://ref.gs1.org/cbv/ER-',
  measurementType: 'https://gs1.org/voc/',
  sensorAlert: 'https://gs1.org/voc/',
  component: 'https://ref.gs1.org/cbv/Comp-',
};

/** The EPCIS 1.x vocabulary URNs and their CBV 2.0 web URI prefixes. Identifier URNs (`bt:`, `mda:`) are not vocabulary. */
const VOCABULARY_URNS: readonly (readonly [string, string])[] = [
  ['urn:epcglobal:cbv:bizstep:', BARE_TERM_PREFIX.bizStep],
  ['urn:epcglobal:cbv:disp:', BARE_TERM_PREFIX.disposition],
  ['urn:epcglobal:cbv:btt:', BARE_TERM_PREFIX.bizTransactionType],
  ['urn:epcglobal:cbv:sdt:', BARE_TERM_PREFIX.sourceDestinationType],
  ['urn:epcglobal:cbv:er:', BARE_TERM_PREFIX.errorReason],
];

/**
 * expandBareTerm: `value` under its field's vocabulary prefix if it is a bare term (no colon).
 * Any bare word is expanded, not only the listed CBV terms: the EPCIS schema admits no other bare
 * words in these fields, and listing them would copy the context.
 */
export function expandBareTerm(value: string, kind: VocabularyKind): string {
  return value.includes(':') ? value : BARE_TERM_PREFIX[kind] + value;
}

/** vocabularyUrnToWebUri: the CBV 2.0 web URI of an EPCIS 1.x vocabulary URN, or undefined if `value` is none. */
export function vocabularyUrnToWebUri(value: string): string | undefined {
  for (const [urn, webPrefix] of VOCABULARY_URNS) {
    if (value.startsWith(urn) && value.length > urn.length) return webPrefix + value.slice(urn.length);
  }
  return undefined;
}

/** GS1 EPCIS 2.0 (issue 15): Suyuan's events as EPCIS events, documents, the query subset and CBV 2.0 event hashes. */
export { CBV_VERSION, EPCIS_VERSION, epcisDocument, epcisQueryDocument } from './document.js';
export { CHINA_OFFSET, hasEpcisForm, toEpcis, type EpcisEvent, type LoggedDomainEvent, type MappingLookup } from './fromSuyuan.js';
export {
  DEFAULT_ID_BASE,
  EPCIS_CONTEXT_URL,
  SUYUAN_NAMESPACE,
  SUYUAN_PREFIX,
  codeOfEpcClass,
  documentContext,
  idBase,
  identifiers,
  type Identifiers,
} from './identifiers.js';
export { CBV_BIZSTEP, bizStepUri, pageToken, queryFingerprint, resumeAt, selects, type EpcisQuery } from './query.js';
export { epcisQuantity, packageOf, type EpcisQuantity } from './units.js';
export { withEventId } from './eventId.js';
export { capturedEpcis, isCaptured, withPrefixes, type LoggedCapture } from './captured.js';
export {
  MAX_DOCUMENT_DEPTH,
  capturedEventOf,
  escapePointer,
  prepareCapture,
  referencedLots,
  shapeFailure,
  type Prepared,
} from './capture.js';
export { DEFAULT_EPCIS_SCHEMA, epcisValidator, type EpcisValidator, type SchemaFailure } from './schema.js';
export { EVENT_HASH_VERSION, eventHash, preHashString } from './eventHash.js';
export { documentEventHashes, eventsOf, ignoredFieldsOf } from './documentEvents.js';
export { prefixesOf } from './prefixes.js';
export { constrainDigitalLink } from './digitalLink.js';
export { epcUriToDigitalLink } from './epcUri.js';
export { UNREGISTERED_BUYER, fsmaRows, type CriticalTrackingEvent, type FsmaLookup, type FsmaRow } from './fsma.js';

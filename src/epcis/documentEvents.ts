/**
 * The events of an EPCIS 2.0 JSON-LD document as the event hash needs them: the events in document
 * order, the document's prefixes, and the extension fields it asks hashers to ignore.
 */
import { eventHash } from './eventHash.js';
import type { EpcisEvent } from './event.js';
import { expandCurie, expandedName, prefixesOf } from './prefixes.js';

type Json = Readonly<Record<string, unknown>>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isEvent = (value: unknown): value is EpcisEvent => isRecord(value) && typeof value.type === 'string';

/** The objects of a document that may carry document-level properties: itself, its body, a query's results. */
function documentLevels(document: Json): Json[] {
  const body = isRecord(document.epcisBody) ? document.epcisBody : undefined;
  const results = body !== undefined && isRecord(body.queryResults) ? body.queryResults : undefined;
  return [document, body, results].filter((level): level is Json => level !== undefined);
}

/**
 * eventsOf: the events of an EPCISDocument (`epcisBody.eventList`), an EPCISQueryDocument
 * (`epcisBody.queryResults.resultsBody.eventList`) or a bare event (itself), in document order.
 */
export function eventsOf(document: unknown): EpcisEvent[] {
  if (!isRecord(document)) return [];
  const [, body, results] = documentLevels(document);
  const resultsBody = results !== undefined && isRecord(results.resultsBody) ? results.resultsBody : undefined;
  const list = resultsBody?.eventList ?? body?.eventList;
  if (Array.isArray(list)) return list.filter(isEvent);
  return body === undefined && isEvent(document) ? [document] : [];
}

/**
 * ignoredFieldsOf: the IRIs listed in a document's `ignoreFields` property (in any namespace, on
 * the document, its body or its query results): repository bookkeeping such as a stored hash or a
 * capture ID, which the reference vectors leave out of the event hash.
 */
export function ignoredFieldsOf(document: unknown, prefixes: Readonly<Record<string, string>>): string[] {
  if (!isRecord(document)) return [];
  return documentLevels(document).flatMap((level) =>
    Object.entries(level)
      .filter(([key]) => /[/#:]ignoreFields$/.test(expandedName(key, prefixes) ?? ''))
      .flatMap(([, names]) => (Array.isArray(names) ? names : []))
      .filter((name): name is string => typeof name === 'string')
      .map((name) => expandCurie(name.trim(), prefixes)),
  );
}

/** documentEventHashes: the event hash of every event of `document`, in document order, with its prefixes and ignored fields. */
export function documentEventHashes(document: unknown): string[] {
  const prefixes = prefixesOf(isRecord(document) ? document['@context'] : undefined);
  const ignored = ignoredFieldsOf(document, prefixes);
  return eventsOf(document).map((event) => eventHash(event, prefixes, ignored));
}

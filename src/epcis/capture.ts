/**
 * Capture (issue 15): an EPCIS 2.0 JSON-LD document made ready for `epcis.capture`. The document
 * is validated against the official schema; each event gets its CBV 2.0 event hash, the Suyuan
 * lots it references and the prefixes its names use; what the repository owns (eventID,
 * recordTime) and the fields the document asks hashers to ignore are left out, so that exporting
 * the kept event again gives the same hash. Every failure names its JSON pointer.
 */
import { isValidTraceCode, MAX_CAPTURED_EVENT_CHARS, MAX_CAPTURED_EVENTS, MAX_CAPTURED_LOTS, type CapturedEvent } from '../domain/index.js';
import { eventsOf, ignoredFieldsOf } from './documentEvents.js';
import { epcUriToDigitalLink } from './epcUri.js';
import { eventHash } from './eventHash.js';
import { EPCIS_CONTEXT_PREFIXES, expandedName, prefixesOf } from './prefixes.js';
import type { EpcisEvent } from './event.js';
import { SUYUAN_NAMESPACE, SUYUAN_PREFIX } from './identifiers.js';
import type { EpcisValidator, SchemaFailure } from './schema.js';

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why a document is refused: it is not EPCIS 2.0 (`schema`), or an event of it cannot be captured here (`capture`). */
export type Prepared =
  | { readonly ok: true; readonly events: CapturedEvent[] }
  | { readonly ok: false; readonly stage: 'schema' | 'capture'; readonly failures: SchemaFailure[] };

/** The deepest nesting a captured document may have (EPCIS itself needs about ten levels). */
export const MAX_DOCUMENT_DEPTH = 64;

const EVENT_LIST = '/epcisBody/eventList';
const QUERY_EVENT_LIST = '/epcisBody/queryResults/resultsBody/eventList';

/** prepareCapture: the events of `document` ready to capture, or every failure with its pointer. */
export function prepareCapture(document: unknown, base: string, validate: EpcisValidator): Prepared {
  const shape = shapeFailure(document);
  if (shape) return { ok: false, stage: 'schema', failures: [shape] };
  if (!isRecord(document) || (document.type !== 'EPCISDocument' && document.type !== 'EPCISQueryDocument')) {
    return {
      ok: false,
      stage: 'schema',
      failures: [{ pointer: '/type', message: 'capture takes an EPCISDocument or an EPCISQueryDocument' }],
    };
  }
  const at = document.type === 'EPCISDocument' ? EVENT_LIST : QUERY_EVENT_LIST;
  // Counted before the schema is applied: its cost grows with the document, which a client chooses.
  const raw = rawEventList(document);
  if (raw !== undefined && raw.length > MAX_CAPTURED_EVENTS) {
    const message = `at most ${MAX_CAPTURED_EVENTS} events per capture (split the document)`;
    return { ok: false, stage: 'capture', failures: [{ pointer: at, message }] };
  }
  const invalid = validate(document);
  if (invalid.length > 0) return { ok: false, stage: 'schema', failures: [...invalid] };
  const list = eventsOf(document);
  if (list.length === 0) return { ok: false, stage: 'capture', failures: [{ pointer: at, message: 'the document holds no event' }] };
  if (list.length > MAX_CAPTURED_EVENTS) {
    const message = `at most ${MAX_CAPTURED_EVENTS} events per capture (split the document)`;
    return { ok: false, stage: 'capture', failures: [{ pointer: at, message }] };
  }
  const prefixes = prefixesOf(document['@context']);
  const ignored = ignoredFieldsOf(document, prefixes);
  const failures: SchemaFailure[] = [];
  const events: CapturedEvent[] = [];
  for (const [index, event] of list.entries()) {
    const prepared = prepareEvent(event, `${at}/${index}`, base, prefixes, new Set(ignored));
    if ('pointer' in prepared) failures.push(prepared);
    else events.push(prepared);
  }
  return failures.length > 0 ? { ok: false, stage: 'capture', failures } : { ok: true, events };
}

/** rawEventList: the event list as sent (before any check), if the document has one where EPCIS puts it. */
function rawEventList(document: Json): unknown[] | undefined {
  const body = isRecord(document.epcisBody) ? document.epcisBody : undefined;
  const results =
    body && isRecord(body.queryResults) && isRecord(body.queryResults.resultsBody) ? body.queryResults.resultsBody : undefined;
  const list = (results ?? body)?.eventList;
  return Array.isArray(list) ? list : undefined;
}

/** escapePointer: one segment of an RFC 6901 JSON pointer. */
export const escapePointer = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * shapeFailure: what no JSON schema says but every walker here needs: nesting at most
 * MAX_DOCUMENT_DEPTH deep (else recursion would overflow the stack), and only finite numbers
 * (JSON.parse reads 1e400 as Infinity, which no canonical JSON can write). Iterative, so that a
 * hostile document cannot overflow the stack here either.
 */
export function shapeFailure(document: unknown): SchemaFailure | undefined {
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value: document, pointer: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, pointer, depth } = stack.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) return { pointer: pointer || '/', message: 'numbers must be finite' };
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DOCUMENT_DEPTH) return { pointer: pointer || '/', message: `nested more than ${MAX_DOCUMENT_DEPTH} levels deep` };
    for (const [key, inner] of Object.entries(value))
      stack.push({ value: inner, pointer: `${pointer}/${escapePointer(key)}`, depth: depth + 1 });
  }
  return undefined;
}

function prepareEvent(
  event: EpcisEvent,
  pointer: string,
  base: string,
  prefixes: Readonly<Record<string, string>>,
  ignored: ReadonlySet<string>,
): CapturedEvent | SchemaFailure {
  const captured = capturedEventOf(event, base, prefixes, ignored);
  return 'reason' in captured ? { pointer, message: captured.reason } : captured;
}

/**
 * capturedEventOf: one EPCIS event (already valid under the schema) as `epcis.capture` takes it,
 * under its document's `prefixes` and ignored fields; or why it cannot be captured.
 */
export function capturedEventOf(
  event: EpcisEvent,
  base: string,
  prefixes: Readonly<Record<string, string>> = EPCIS_CONTEXT_PREFIXES,
  ignored: ReadonlySet<string> = new Set(),
): CapturedEvent | { readonly reason: string } {
  const hash = eventHash(event, prefixes, [...ignored]);
  const { eventID, recordTime: _recordTime, ...rest } = event;
  // Ignored names resolve as the hash resolves them: with the event's own @context over the document's.
  const kept = withoutIgnored(rest, prefixesOf(event['@context'], prefixes), ignored) as Json;
  const lots = [...referencedLots(kept, base)];
  if (lots.length === 0) {
    return { reason: `the event references no Suyuan lot (as ${base}/lot/{code} or a GS1 Digital Link with /10/{code})` };
  }
  if (lots.length > MAX_CAPTURED_LOTS) return { reason: `the event references ${lots.length} lots; at most ${MAX_CAPTURED_LOTS}` };
  if (JSON.stringify(kept).length > MAX_CAPTURED_EVENT_CHARS) {
    return { reason: `the event takes more than ${MAX_CAPTURED_EVENT_CHARS} characters of JSON` };
  }
  const own = prefixesOf(event['@context'], {});
  const literals = [...curiePrefixes(kept)].filter((prefix) => !Object.hasOwn(prefixes, prefix) && !Object.hasOwn(own, prefix));
  if (literals.includes(SUYUAN_PREFIX)) {
    return {
      reason: `the event uses the prefix "${SUYUAN_PREFIX}:" without defining it; Suyuan's documents define it (${SUYUAN_NAMESPACE})`,
    };
  }
  return {
    hash,
    ...(typeof eventID === 'string' && eventID !== hash ? { eventId: eventID } : {}),
    lots,
    prefixes: prefixesUsed(kept, prefixes, own),
    ...(literals.length === 0 ? {} : { literals: literals.slice(0, 100) }),
    event: kept as CapturedEvent['event'],
  };
}

/** withoutIgnored: `value` without the extension fields (at any depth) whose IRIs the document listed in ignoreFields. */
function withoutIgnored(value: unknown, prefixes: Readonly<Record<string, string>>, ignored: ReadonlySet<string>): unknown {
  if (ignored.size === 0) return value;
  if (Array.isArray(value)) return value.map((item) => withoutIgnored(item, prefixes, ignored));
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !ignored.has(expandedName(key, prefixes) ?? ''))
      .map(([key, inner]) => [key, withoutIgnored(inner, prefixes, ignored)]),
  );
}

const DIGITAL_LINK_LOT = /^https?:\/\/[^/]+(?:\/[^?#]*)?\/(?:01|gtin)\/\d{8,14}(?:\/[^?#]*)?\/(?:10|lot)\/(\d{20})(?:[/?#]|$)/;

/** referencedLots: the valid Suyuan trace codes the event's identifiers name, each once, in order. */
export function referencedLots(event: unknown, base: string): Set<string> {
  const lots = new Set<string>();
  const own = `${base}/lot/`;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) Object.values(value).forEach(visit);
    else if (typeof value === 'string') {
      const text = value.trim();
      const code = text.startsWith(own) ? text.slice(own.length) : DIGITAL_LINK_LOT.exec(epcUriToDigitalLink(text) ?? text)?.[1];
      if (code !== undefined && /^\d{20}$/.test(code) && isValidTraceCode(code)) lots.add(code);
    }
  };
  visit(event);
  return lots;
}

const CURIE_PREFIX = /^([A-Za-z_][A-Za-z0-9_.-]*):(?!\/\/)/;

/**
 * prefixesUsed: the document prefixes the event's names and values use, where they differ from
 * the EPCIS context's own (which every document has) and the event does not define them in an
 * @context of its own: what an export must declare for it.
 */
function prefixesUsed(
  event: unknown,
  prefixes: Readonly<Record<string, string>>,
  own: Readonly<Record<string, string>>,
): Record<string, string> {
  const used: Record<string, string> = {};
  for (const prefix of curiePrefixes(event)) {
    if (!Object.hasOwn(prefixes, prefix) || Object.hasOwn(own, prefix)) continue;
    if (EPCIS_CONTEXT_PREFIXES[prefix] !== prefixes[prefix]) used[prefix] = prefixes[prefix]!;
  }
  return used;
}

/** curiePrefixes: every prefix a key or string value of `event` starts with, as a CURIE would (`p:` not followed by `//`). */
function curiePrefixes(event: unknown): Set<string> {
  const found = new Set<string>();
  const note = (text: string) => {
    const prefix = CURIE_PREFIX.exec(text)?.[1];
    if (prefix !== undefined) found.add(prefix);
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) {
      for (const [key, inner] of Object.entries(value)) {
        note(key);
        visit(inner);
      }
    } else if (typeof value === 'string') note(value.trim());
  };
  visit(event);
  return found;
}

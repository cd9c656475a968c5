/**
 * Captured events going out again (issue 15): a partner's event is exported as it was kept, with
 * the repository's eventID (the sender's, else its event hash) and recordTime (when the log took
 * it), both outside the event hash, so the receiver computes the hash the sender did. Its names
 * keep their prefixes; a document declares them, renaming one only where two events (or Suyuan's
 * own prefixes) give one prefix two namespaces: names expand to the same IRIs, so hashes hold.
 */
import type { EventOf } from '../domain/index.js';
import type { EpcisEvent } from './event.js';
import { SUYUAN_NAMESPACE, SUYUAN_PREFIX } from './identifiers.js';
import { EPCIS_CONTEXT_PREFIXES } from './prefixes.js';

type Prefixes = Readonly<Record<string, string>>;
/** What each exported captured event needs of its document's context, by object identity (JSON never sees it). */
const contextOfCaptured = new WeakMap<EpcisEvent, { readonly prefixes: Prefixes; readonly literals: readonly string[] }>();

export type LoggedCapture = EventOf<'epcis.captured'> & { readonly position: number; readonly hash: string };

/** capturedEpcis: the EPCIS form of a captured event: as kept, with eventID and recordTime. */
export function capturedEpcis(logged: LoggedCapture): EpcisEvent {
  const { type, ...rest } = logged.data.event as { type: string } & Record<string, unknown>;
  const event: EpcisEvent = { type, eventID: logged.data.eventId ?? logged.data.hash, recordTime: logged.time, ...rest };
  contextOfCaptured.set(event, { prefixes: logged.data.prefixes, literals: logged.data.literals ?? [] });
  return event;
}

/** isCaptured: whether an exported event is a partner's (its eventID is set already). */
export const isCaptured = (event: EpcisEvent): boolean => contextOfCaptured.has(event);

/** The prefixes every Suyuan document declares or inherits, which a captured event may not redefine in it. */
const FIXED: Prefixes = { ...EPCIS_CONTEXT_PREFIXES, [SUYUAN_PREFIX]: SUYUAN_NAMESPACE };

/** Stands for a prefix some event uses undefined, which the document may therefore not define. */
const UNDEFINED = '';

/**
 * withPrefixes: the extra prefixes a document of `events` declares, and the events with any
 * conflicting prefix renamed (the others are the same objects).
 */
export function withPrefixes(events: readonly EpcisEvent[]): { prefixes: Record<string, string>; events: EpcisEvent[] } {
  const declared: Record<string, string> = {};
  for (const event of events) for (const literal of contextOfCaptured.get(event)?.literals ?? []) declared[literal] = UNDEFINED;
  const iriOf = (prefix: string): string | undefined => (Object.hasOwn(FIXED, prefix) ? FIXED[prefix] : declared[prefix]);
  const out = events.map((event) => {
    const needed = contextOfCaptured.get(event)?.prefixes;
    if (needed === undefined) return event;
    const renames = new Map<string, string>();
    for (const [prefix, iri] of Object.entries(needed)) {
      if (iriOf(prefix) === iri) continue;
      if (iriOf(prefix) === undefined) {
        declared[prefix] = iri;
        continue;
      }
      const name = freeName(prefix, iri, iriOf);
      if (iriOf(name) === undefined) declared[name] = iri;
      renames.set(prefix, name);
    }
    return renames.size === 0 ? event : (renamed(event, renames) as EpcisEvent);
  });
  return { prefixes: Object.fromEntries(Object.entries(declared).filter(([, iri]) => iri !== UNDEFINED)), events: out };
}

/**
 * freeName: `{prefix}{n}` for the first n from 2 that is free or names `iri` already (a digit, not
 * `_`: the schema wants compact names to read as URIs, whose schemes allow letters, digits, + - .).
 */
function freeName(prefix: string, iri: string, iriOf: (prefix: string) => string | undefined): string {
  for (let n = 2; ; n++) {
    const name = `${prefix}${n}`;
    const taken = iriOf(name);
    if (taken === undefined || taken === iri) return name;
  }
}

const CURIE = /^([A-Za-z_][A-Za-z0-9_.-]*):(?!\/\/)/;

/** renamed: `value` with CURIE prefixes of keys and string values replaced as `renames` says. */
function renamed(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  const rename = (text: string): string => {
    const prefix = CURIE.exec(text)?.[1];
    const name = prefix === undefined ? undefined : renames.get(prefix);
    return name === undefined ? text : name + text.slice(prefix!.length);
  };
  if (typeof value === 'string') return rename(value);
  if (Array.isArray(value)) return value.map((item) => renamed(item, renames));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [rename(key), renamed(inner, renames)]));
}

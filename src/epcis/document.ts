/** EPCIS 2.0 documents Suyuan writes: an EPCISDocument (a code's lineage) and an EPCISQueryDocument (a query's page). */
import { withPrefixes } from './captured.js';
import type { EpcisEvent } from './event.js';
import { documentContext } from './identifiers.js';

export const EPCIS_VERSION = '2.0.0';
export const CBV_VERSION = '2.0.0';

/** contextAndEvents: the @context of a document of `events` (captured events bring their prefixes) and the events as written in it. */
function contextAndEvents(events: readonly EpcisEvent[]): { context: unknown[]; events: EpcisEvent[] } {
  const [url, own] = documentContext();
  const extra = withPrefixes(events);
  return { context: [url, { ...own, ...extra.prefixes }], events: extra.events };
}

/** epcisDocument: `events` as one EPCISDocument created at `creationDate`. */
export function epcisDocument(events: readonly EpcisEvent[], creationDate: string): Record<string, unknown> {
  const { context, events: eventList } = contextAndEvents(events);
  return { '@context': context, type: 'EPCISDocument', schemaVersion: '2.0', creationDate, epcisBody: { eventList } };
}

/** epcisQueryDocument: one page of a SimpleEventQuery's results. */
export function epcisQueryDocument(events: readonly EpcisEvent[], creationDate: string): Record<string, unknown> {
  const { context, events: eventList } = contextAndEvents(events);
  return {
    '@context': context,
    type: 'EPCISQueryDocument',
    schemaVersion: '2.0',
    creationDate,
    epcisBody: { queryResults: { queryName: 'SimpleEventQuery', resultsBody: { eventList } } },
  };
}

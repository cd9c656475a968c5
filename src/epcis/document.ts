/** EPCIS 2.0 documents Suyuan writes: an EPCISDocument (a code's lineage) and an EPCISQueryDocument (a query's page). */
import type { EpcisEvent } from './fromSuyuan.js';
import { documentContext } from './identifiers.js';

export const EPCIS_VERSION = '2.0.0';
export const CBV_VERSION = '2.0.0';

/** epcisDocument: `events` as one EPCISDocument created at `creationDate`. */
export function epcisDocument(events: readonly EpcisEvent[], creationDate: string): Record<string, unknown> {
  return { '@context': documentContext(), type: 'EPCISDocument', schemaVersion: '2.0', creationDate, epcisBody: { eventList: events } };
}

/** epcisQueryDocument: one page of a SimpleEventQuery's results. */
export function epcisQueryDocument(events: readonly EpcisEvent[], creationDate: string): Record<string, unknown> {
  return {
    '@context': documentContext(),
    type: 'EPCISQueryDocument',
    schemaVersion: '2.0',
    creationDate,
    epcisBody: { queryResults: { queryName: 'SimpleEventQuery', resultsBody: { eventList: events } } },
  };
}

/**
 * The EPCIS 2.0 REST query subset (issue 15, Query): which exported events a query selects, and the
 * opaque page token that resumes a walk of the log where the last page stopped. Pure; the route
 * feeds it events in log order.
 */
import { createHash } from 'node:crypto';
import type { EpcisEvent } from './event.js';

export const CBV_BIZSTEP = 'https://ref.gs1.org/cbv/BizStep-';

export interface EpcisQuery {
  readonly eventType?: readonly string[];
  /** Inclusive lower bound on eventTime, as an instant (ms since the epoch). */
  readonly GE_eventTime?: number;
  /** Exclusive upper bound on eventTime. */
  readonly LT_eventTime?: number;
  readonly EQ_bizStep?: readonly string[];
  readonly MATCH_epc?: readonly string[];
  readonly MATCH_epcClass?: readonly string[];
  readonly MATCH_anyEPCClass?: readonly string[];
  readonly EQ_eventID?: readonly string[];
}

/** bizStepUri: a bare CBV business step as its Web URI; a URI stays as it is. */
export const bizStepUri = (step: string): string =>
  /^[a-z_]+$/.test(step) ? CBV_BIZSTEP + step : step.replace(/^urn:epcglobal:cbv:bizstep:/, CBV_BIZSTEP);

/** A MATCH_ value: exact, or a prefix when it ends in `*` (EPC pattern style). */
const matchesAny = (values: readonly string[], patterns: readonly string[]): boolean =>
  values.some((value) => patterns.some((pattern) => (pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern)));

const list = (event: EpcisEvent, field: string): string[] => {
  const value = event[field];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
};
const classes = (event: EpcisEvent, field: string): string[] => {
  const value = event[field];
  return Array.isArray(value) ? value.flatMap((line) => (typeof line?.epcClass === 'string' ? [line.epcClass as string] : [])) : [];
};

/** selects: whether `event` meets every condition of `query`. */
export function selects(event: EpcisEvent, query: EpcisQuery): boolean {
  if (query.eventType && !query.eventType.includes(event.type)) return false;
  if (query.GE_eventTime !== undefined || query.LT_eventTime !== undefined) {
    const time = Date.parse(String(event.eventTime));
    if (query.GE_eventTime !== undefined && !(time >= query.GE_eventTime)) return false;
    if (query.LT_eventTime !== undefined && !(time < query.LT_eventTime)) return false;
  }
  if (query.EQ_bizStep) {
    const step = typeof event.bizStep === 'string' ? bizStepUri(event.bizStep) : undefined;
    if (step === undefined || !query.EQ_bizStep.map(bizStepUri).includes(step)) return false;
  }
  if (query.EQ_eventID && !query.EQ_eventID.includes(String(event.eventID))) return false;
  if (query.MATCH_epc) {
    const epcs = [...list(event, 'epcList'), ...list(event, 'childEPCs'), ...list(event, 'inputEPCList'), ...list(event, 'outputEPCList')];
    if (typeof event.parentID === 'string') epcs.push(event.parentID);
    if (!matchesAny(epcs, query.MATCH_epc)) return false;
  }
  if (
    query.MATCH_epcClass &&
    !matchesAny([...classes(event, 'quantityList'), ...classes(event, 'childQuantityList')], query.MATCH_epcClass)
  ) {
    return false;
  }
  if (query.MATCH_anyEPCClass) {
    const any = ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'].flatMap((field) => classes(event, field));
    if (!matchesAny(any, query.MATCH_anyEPCClass)) return false;
  }
  return true;
}

/** queryFingerprint: a short digest of the query, so a page token is refused with any other query. */
export function queryFingerprint(query: EpcisQuery): string {
  const entries = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(entries)).digest('base64url').slice(0, 16);
}

/** pageToken: the opaque token of the walk resuming at log position `next` for `query`. */
export const pageToken = (next: number, query: EpcisQuery): string =>
  Buffer.from(`${next}.${queryFingerprint(query)}`).toString('base64url');

/** resumeAt: the log position a token resumes at, or undefined if it is not a token of this query. */
export function resumeAt(token: string, query: EpcisQuery): number | undefined {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{16})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match || match[2] !== queryFingerprint(query)) return undefined;
  return Number(match[1]);
}

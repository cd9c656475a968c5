/**
 * FSMA 204 (US FDA Food Traceability Rule) records of a lineage (issue 15, FSMA 204): the sortable
 * spreadsheet of its Critical Tracking Events with their Key Data Elements — one row per shipped,
 * received, transformed-in and transformed-out line, and the initial packing of every farm lot —
 * so an exporter hands a US buyer what 21 CFR 1.1455 asks for within 24 hours. Pure: names and
 * products come from a lookup. Every cell is filled (a transformation's counterparty is its own
 * location); an unregistered buyer is said to be one, never named.
 */
import type { Quantity } from '../domain/index.js';
import type { LoggedDomainEvent } from './fromSuyuan.js';

export type CriticalTrackingEvent = 'Initial Packing' | 'Shipping' | 'Receiving' | 'Transformation';

export interface FsmaRow {
  readonly cte: CriticalTrackingEvent;
  readonly eventDate: string;
  readonly traceabilityLotCode: string;
  /** The location that assigned the traceability lot code (the lot's issuer). */
  readonly lotCodeSource: string;
  readonly productDescription: string;
  readonly quantity: number;
  readonly unit: string;
  readonly location: string;
  /** Ship-to for shipping, ship-from for receiving, the field of origin for initial packing, the plant for transformation. */
  readonly counterpartyLocation: string;
  readonly line: 'output' | 'input' | 'shipped' | 'received';
  readonly referenceDocumentType: string;
  readonly referenceDocumentNumber: string;
}

export interface FsmaLookup {
  /** "name (id), region" of an operator. */
  locationOf(operatorId: string): string;
  /** The product description of a lot ("name · variety"). */
  productOf(code: string): string;
  /** The operator that issued a lot's code. */
  issuerOf(code: string): string | undefined;
}

export const UNREGISTERED_BUYER = 'unregistered buyer (入市追溯凭证)';
const REFERENCE = 'Suyuan log event';

/** fsmaRows: the CTE rows of the events (any order in, log order out). */
export function fsmaRows(events: readonly LoggedDomainEvent[], lookup: FsmaLookup): FsmaRow[] {
  return [...events].sort((a, b) => a.position - b.position).flatMap((event) => rowsOf(event, lookup));
}

function rowsOf(event: LoggedDomainEvent, lookup: FsmaLookup): FsmaRow[] {
  const reference = { referenceDocumentType: REFERENCE, referenceDocumentNumber: `${event.position}:${event.hash.slice(0, 16)}` };
  const eventDate = event.time;
  const row = (code: string, quantity: Quantity, fields: Pick<FsmaRow, 'cte' | 'location' | 'counterpartyLocation' | 'line'>): FsmaRow => {
    const issuer = lookup.issuerOf(code);
    return {
      ...fields,
      eventDate,
      traceabilityLotCode: code,
      lotCodeSource: issuer === undefined ? fields.location : lookup.locationOf(issuer),
      productDescription: lookup.productOf(code),
      quantity: quantity.amount,
      unit: quantity.unit,
      ...reference,
    };
  };
  switch (event.type) {
    case 'lot.commissioned': {
      const { code, quantity, operatorId, origin } = event.data;
      const field = origin.base === undefined ? `origin region ${origin.region}` : `${origin.base}, region ${origin.region}`;
      return [
        row(code, quantity, {
          cte: 'Initial Packing',
          location: lookup.locationOf(operatorId),
          counterpartyLocation: field,
          line: 'output',
        }),
      ];
    }
    case 'lot.shipped': {
      const { childCode, quantity, operatorId, to } = event.data;
      const shipTo = 'operatorId' in to ? lookup.locationOf(to.operatorId) : UNREGISTERED_BUYER;
      return [
        row(childCode, quantity, {
          cte: 'Shipping',
          location: lookup.locationOf(operatorId),
          counterpartyLocation: shipTo,
          line: 'shipped',
        }),
      ];
    }
    case 'lot.accepted': {
      const { code, parentCode, quantity, operatorId } = event.data;
      const shipper = lookup.issuerOf(code) ?? lookup.issuerOf(parentCode);
      const shipFrom = shipper === undefined ? 'unknown' : lookup.locationOf(shipper);
      return [
        row(code, quantity, {
          cte: 'Receiving',
          location: lookup.locationOf(operatorId),
          counterpartyLocation: shipFrom,
          line: 'received',
        }),
      ];
    }
    case 'lot.processed': {
      const plant = lookup.locationOf(event.data.operatorId);
      const at = { cte: 'Transformation' as const, location: plant, counterpartyLocation: plant };
      return [
        ...event.data.inputs.map((input) => row(input.code, input.quantity, { ...at, line: 'input' })),
        ...event.data.outputs.map((output) => row(output.code, output.quantity, { ...at, line: 'output' })),
      ];
    }
    default:
      return [];
  }
}

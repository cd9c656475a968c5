/**
 * Suyuan's events as GS1 EPCIS 2.0 events (issue 15, Mapping): one table from event type to the
 * EPCIS event(s) it becomes, documented in the README. Pure: what is not in the event (an
 * operator's region, a lot's GTIN) comes from a lookup. Personal data never appears: no
 * certificate issuer or contact, no buyer reference, no principal; an unregistered buyer is said
 * to be one, nothing more. Events that concern no lot (registrations, principals, inspections,
 * cases) have no EPCIS form.
 *
 * Every exported event carries, under Suyuan's namespace, the log position, the Suyuan event type
 * and the log's event hash, so a receiver can ask the log for the inclusion proof of what it got.
 */
import type { DomainEvent, EventOf, Quantity } from '../domain/index.js';
import { type Identifiers, SUYUAN_PREFIX } from './identifiers.js';
import { capturedEpcis } from './captured.js';
import type { EpcisEvent } from './event.js';
import { epcisQuantity, packageOf } from './units.js';

/** China Standard Time: every Suyuan operator is in it (eventTime itself is UTC). */
export const CHINA_OFFSET = '+08:00';

export type { EpcisEvent } from './event.js';

export interface MappingLookup {
  /** The GB/T 2260 region of an operator, for readPoint and bizLocation. */
  regionOf(operatorId: string): string | undefined;
  /** The GTIN recorded for a lot's product, if any. */
  gtinOf(code: string): string | undefined;
}

/** A logged Suyuan event with what the log adds (position and hash). */
export type LoggedDomainEvent = DomainEvent & { readonly position: number; readonly hash: string };

const ext = (name: string): string => `${SUYUAN_PREFIX}:${name}`;

type Mapper<T extends DomainEvent['type']> = (
  event: EventOf<T> & LoggedDomainEvent,
  ids: Identifiers,
  lookup: MappingLookup,
) => EpcisEvent[];

/** What each Suyuan event type becomes; a type missing here has no EPCIS form. */
const MAPPERS: { readonly [T in DomainEvent['type']]?: Mapper<T> } = {
  'lot.commissioned': ({ data }, ids, lookup) => [
    {
      type: 'ObjectEvent',
      action: 'ADD',
      bizStep: 'commissioning',
      disposition: 'active',
      quantityList: [quantityElement(ids, lookup, data.code, data.quantity)],
      ...place(ids, lookup, data.operatorId),
      ilmd: {
        [ext('productName')]: data.product.name,
        [ext('productCategory')]: data.product.category,
        ...(data.product.variety === undefined ? {} : { [ext('variety')]: data.product.variety }),
        [ext('producedAt')]: data.producedAt,
        [ext('originRegion')]: data.origin.region,
        ...(data.origin.base === undefined ? {} : { [ext('productionBase')]: data.origin.base }),
        ...(data.certificate === undefined ? {} : { [ext('certificateIssuedAt')]: data.certificate.issuedAt }),
        ...(data.certificate?.basis === undefined ? {} : { [ext('certificateBasis')]: data.certificate.basis }),
        ...(data.claims.length === 0 ? {} : { [ext('certifications')]: data.claims.map((claim) => `${claim.type}:${claim.number}`) }),
      },
      ...unitExtension(data.quantity),
    },
  ],
  'lot.shipped': ({ data }, ids, lookup) => [
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      quantityList: [quantityElement(ids, lookup, data.childCode, data.quantity)],
      ...place(ids, lookup, data.operatorId),
      sourceList: [{ type: 'owning_party', source: ids.party(data.operatorId) }],
      ...('operatorId' in data.to
        ? { destinationList: [{ type: 'owning_party', destination: ids.party(data.to.operatorId) }] }
        : { [ext('unregisteredBuyer')]: true }),
      [ext('parentLot')]: ids.lot(data.code, lookup.gtinOf(data.code)),
      ...unitExtension(data.quantity),
    },
  ],
  'lot.accepted': ({ data }, ids, lookup) => [receiving(data, ids, lookup, 'in_progress')],
  'lot.rejected': ({ data }, ids, lookup) => [{ ...receiving(data, ids, lookup, 'returned'), [ext('reason')]: data.reason }],
  'lot.processed': ({ data }, ids, lookup) => [
    {
      type: 'TransformationEvent',
      bizStep: data.mode === 'merge' ? 'repackaging' : 'creating_class_instance',
      disposition: 'active',
      inputQuantityList: data.inputs.map((input) => quantityElement(ids, lookup, input.code, input.quantity)),
      outputQuantityList: data.outputs.map((output) => quantityElement(ids, lookup, output.code, output.quantity)),
      ...place(ids, lookup, data.operatorId),
      ilmd: { [ext('producedAt')]: data.producedAt, [ext('mode')]: data.mode },
      [ext('outputs')]: data.outputs.map((output) => ({
        [ext('lot')]: ids.lot(output.code, lookup.gtinOf(output.code)),
        [ext('productName')]: output.product.name,
        [ext('productCategory')]: output.product.category,
        [ext('originRegion')]: output.origin.region,
      })),
    },
  ],
  'lot.sold': ({ data }, ids, lookup) => [
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'retail_selling',
      disposition: 'retail_sold',
      quantityList: [quantityElement(ids, lookup, data.code, data.quantity)],
      ...place(ids, lookup, data.operatorId),
      ...unitExtension(data.quantity),
    },
  ],
  'lot.frozen': ({ data }, ids, lookup) => [
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'holding',
      disposition: data.alertId === undefined ? 'non_sellable_other' : 'recalled',
      quantityList: data.codes.map((code) => ({ epcClass: ids.lot(code, lookup.gtinOf(code)) })),
      [ext('reason')]: data.reason,
      ...(data.alertId === undefined ? {} : { [ext('alert')]: data.alertId }),
      ...(data.region === undefined ? {} : { [ext('authorityRegion')]: data.region }),
    },
  ],
  'lot.released': ({ data }, ids, lookup) => [
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'holding',
      disposition: 'sellable_accessible',
      quantityList: data.codes.map((code) => ({ epcClass: ids.lot(code, lookup.gtinOf(code)) })),
      [ext('reason')]: data.reason,
    },
  ],
  'lot.recorded': ({ data }, ids, lookup) => [
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      quantityList: [{ epcClass: ids.lot(data.code, lookup.gtinOf(data.code)) }],
      ...place(ids, lookup, data.operatorId),
      [ext('productionRecord')]: prefixed(data.record),
    },
  ],
  'sample.taken': ({ data }, ids, lookup) => [
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'inspecting',
      quantityList: [
        data.quantity === undefined
          ? { epcClass: ids.lot(data.lotCode, lookup.gtinOf(data.lotCode)) }
          : quantityElement(ids, lookup, data.lotCode, data.quantity),
      ],
      readPoint: { id: ids.location(data.region) },
      bizLocation: { id: ids.location(data.region) },
      [ext('sample')]: data.sampleId,
      [ext('samplingTask')]: data.taskId,
      [ext('sampledAt')]: ids.party(data.operatorId),
    },
  ],
  'sample.tested': ({ data }, ids, lookup) => [
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'inspecting',
      disposition: data.verdict === 'pass' ? 'conformant' : 'non_conformant',
      quantityList: [{ epcClass: ids.lot(data.lotCode, lookup.gtinOf(data.lotCode)) }],
      ...place(ids, lookup, data.operatorId),
      [ext('sample')]: data.sampleId,
      [ext('verdict')]: data.verdict,
      [ext('results')]: data.items.map((item) => prefixed(item)),
      ...(data.lab === undefined ? {} : { [ext('lab')]: data.lab }),
      ...(data.reportNumber === undefined ? {} : { [ext('reportNumber')]: data.reportNumber }),
    },
  ],
};

/** hasEpcisForm: whether events of `type` are exported at all. */
export const hasEpcisForm = (type: string): boolean => type in MAPPERS || type === 'epcis.captured';

/** toEpcis: the EPCIS events (without eventID) a logged Suyuan event becomes; none for events about no lot. */
export function toEpcis(event: LoggedDomainEvent, ids: Identifiers, lookup: MappingLookup): EpcisEvent[] {
  // A partner's event is exported as it was captured, without Suyuan's fields: they would change its hash.
  if (event.type === 'epcis.captured') return [capturedEpcis(event)];
  const mapper = MAPPERS[event.type] as Mapper<typeof event.type> | undefined;
  if (!mapper) return [];
  return mapper(event as never, ids, lookup).map(({ type, ...mapped }) => ({
    type,
    eventTime: event.time,
    eventTimeZoneOffset: CHINA_OFFSET,
    ...mapped,
    [ext('logPosition')]: event.position,
    [ext('logHash')]: event.hash,
    [ext('eventType')]: event.type,
  }));
}

function quantityElement(ids: Identifiers, lookup: MappingLookup, code: string, quantity: Quantity): Record<string, unknown> {
  return { epcClass: ids.lot(code, lookup.gtinOf(code)), ...epcisQuantity(quantity) };
}

/** place: readPoint and bizLocation at the operator's region, when it is known. */
function place(ids: Identifiers, lookup: MappingLookup, operatorId: string): Record<string, unknown> {
  const region = lookup.regionOf(operatorId);
  return region === undefined ? {} : { readPoint: { id: ids.location(region) }, bizLocation: { id: ids.location(region) } };
}

function unitExtension(quantity: Quantity): Record<string, unknown> {
  const unit = packageOf(quantity.unit);
  return unit === undefined ? {} : { [ext('package')]: unit };
}

function receiving(
  data: EventOf<'lot.accepted'>['data'],
  ids: Identifiers,
  lookup: MappingLookup,
  disposition: 'in_progress' | 'returned',
): EpcisEvent {
  return {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    bizStep: 'receiving',
    disposition,
    quantityList: [quantityElement(ids, lookup, data.code, data.quantity)],
    ...place(ids, lookup, data.operatorId),
    destinationList: [{ type: 'owning_party', destination: ids.party(data.operatorId) }],
    [ext('parentLot')]: ids.lot(data.parentCode, lookup.gtinOf(data.parentCode)),
    ...unitExtension(data.quantity),
  };
}

/** prefixed: a flat record's fields under Suyuan's prefix (nested extension elements). */
function prefixed(record: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [ext(key), value]));
}

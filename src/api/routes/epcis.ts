/**
 * GS1 EPCIS 2.0 over HTTP (issue 15): `GET /epcis/events`, the REST query subset answering an
 * EPCISQueryDocument, and `GET /v1/codes/{code}/epcis`, a code's upstream lineage as one
 * EPCISDocument. Access follows the log's: auditors, subscribers and admins query the whole log
 * (a region-scoped one sees its region's events, as on /v1/log/events); the public may query only
 * named lots and gets the events their public views show (the proof bundle's disclosure rule).
 */
import { z } from 'zod';
import { lotTag } from '../../domain/index.js';
import type { Principal } from '../auth/principal.js';
import {
  type EpcisEvent,
  type EpcisQuery,
  type Identifiers,
  type LoggedDomainEvent,
  type MappingLookup,
  CBV_VERSION,
  EPCIS_VERSION,
  codeOfEpcClass,
  epcisDocument,
  epcisQueryDocument,
  type FsmaLookup,
  type FsmaRow,
  fsmaRows,
  idBase,
  identifiers,
  pageToken,
  resumeAt,
  selects,
  toEpcis,
  withEventId,
} from '../../epcis/index.js';
import type { SealedEvent } from '../../store/index.js';
import type { ApiContext, RateLimited, RoutePlugin } from '../context.js';
import { isDisclosed, logScope, regionLookup } from '../log/scope.js';
import { ProblemError } from '../problem.js';
import { onPath } from '../proof/disclosure.js';
import { lotAccess } from '../read/access.js';
import { readLineageChains } from '../proof/bundle.js';
import { CodeParamsSchema, problems } from '../schemas/common.js';
import type { ZodApp } from '../zodApp.js';
import { type CsvColumn, sendCsv, toCsv } from '../csv.js';

const tags = ['epcis'];
const EPCIS_TYPE = 'application/ld+json';
/** Log events read per store call while a query walks the log. */
const BATCH = 512;
/** Log events one page may walk past (so a query that selects little still answers quickly, with a next page). */
const SCAN_BUDGET = 20_000;
/** Named lots a public query may ask for at once. */
const PUBLIC_LOTS = 20;

const Instant = z.iso.datetime({ offset: true }).transform((text) => Date.parse(text));
const List = z
  .string()
  .max(4000)
  .transform((text) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  )
  .pipe(z.array(z.string().min(1).max(500)).min(1).max(100));

export const EpcisQuerySchema = z.strictObject({
  eventType: List.pipe(
    z.array(z.enum(['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent'])),
  ).optional(),
  GE_eventTime: Instant.optional(),
  LT_eventTime: Instant.optional(),
  EQ_bizStep: List.optional(),
  MATCH_epc: List.optional(),
  MATCH_epcClass: List.optional(),
  MATCH_anyEPCClass: List.optional(),
  EQ_eventID: List.optional(),
  perPage: z.coerce.number().int().min(1).max(1000).default(30),
  nextPageToken: z.string().max(200).optional(),
});

export const epcisRoutes: RoutePlugin<RateLimited & { idBase?: string }> = async (app: ZodApp, { ctx, rateLimit, idBase: base }) => {
  const ids = identifiers(idBase(base));
  const lookup: MappingLookup = {
    regionOf: (operatorId) => ctx.read.operatorRegion(operatorId),
    gtinOf: (code) => ctx.read.lotProduct(code)?.gtin,
  };
  const exportOf = (event: SealedEvent): EpcisEvent[] => toEpcis(event as unknown as LoggedDomainEvent, ids, lookup).map(withEventId);
  const versions = { 'gs1-epcis-version': EPCIS_VERSION, 'gs1-cbv-version': CBV_VERSION };

  app.get(
    '/epcis/events',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'EPCIS 2.0 events (REST query subset), as an EPCISQueryDocument',
        description:
          'Filters: eventType, GE_eventTime, LT_eventTime, EQ_bizStep, MATCH_epc, MATCH_epcClass, MATCH_anyEPCClass, EQ_eventID ' +
          '(lists comma-separated; a MATCH_ value ending in * matches a prefix); `perPage` and `nextPageToken` page through ' +
          'in log order, with a `Link: rel="next"` header. Without a key, only named lots (MATCH_epcClass or MATCH_anyEPCClass, ' +
          'exact) may be asked for, and only the events their public views show are answered.',
        querystring: EpcisQuerySchema,
        response: { 200: z.unknown(), ...problems(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { perPage, nextPageToken, ...filters } = request.query;
      const query: EpcisQuery = filters;
      const from = nextPageToken === undefined ? 0 : resumeAt(nextPageToken, query);
      if (from === undefined) {
        throw new ProblemError('InvalidQuery', 'nextPageToken is not a token of this query (repeat every other parameter unchanged)', {
          field: 'nextPageToken',
        });
      }
      const { size } = ctx.head();
      const page =
        request.principal && isLogReader(request.principal)
          ? await walkLog(ctx, request.principal, exportOf, query, from, size, perPage)
          : await walkPublicLots(ctx, ids, exportOf, query, from, size, perPage);
      if (page.next !== undefined) {
        const url = new URL(request.url, 'http://host');
        url.searchParams.set('nextPageToken', pageToken(page.next, query));
        reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
      }
      reply.headers(versions).header('cache-control', 'no-cache');
      return reply.type(EPCIS_TYPE).send(JSON.stringify(epcisQueryDocument(page.events, new Date().toISOString())));
    },
  );

  app.get(
    '/v1/codes/:code/epcis',
    {
      config: { rateLimit },
      schema: {
        tags: ['codes', ...tags],
        summary: "The code's upstream lineage as one EPCIS 2.0 EPCISDocument",
        description:
          'The public gets the events the public proof bundle discloses in full; auditors and regulators of the region get every event.',
        params: CodeParamsSchema,
        response: { 200: z.unknown(), ...problems(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const { size } = ctx.head();
      const lineage = await readLineageChains(ctx, code, size);
      if (!lineage) throw new ProblemError('UnknownLot', `no lot has the trace code ${code}`, { field: 'code' });
      const facts = ctx.read.accessFacts(code);
      const full =
        facts !== undefined && lotAccess(request.principal, facts, (operatorId) => ctx.read.operatorRegion(operatorId)) === 'full';
      const events = lineage.events.filter((event) => full || onPath(event, lineage.lots)).flatMap(exportOf);
      reply.headers(versions).header('cache-control', full ? 'private, no-store' : 'no-cache');
      return reply.type(EPCIS_TYPE).send(JSON.stringify(epcisDocument(events, new Date().toISOString())));
    },
  );

  app.get(
    '/v1/codes/:code/fsma204.csv',
    {
      config: { rateLimit },
      schema: {
        tags: ['codes', ...tags],
        summary: "FSMA 204 records of the code's upstream lineage: one sortable row per CTE line with its KDEs (CSV)",
        description:
          'Shipping, receiving and transformation rows (one per input and output line) and the initial packing of every farm lot; the public gets the rows of the events its public view shows.',
        params: CodeParamsSchema,
        response: { 200: z.string(), ...problems(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const { full, events } = await disclosedLineage(ctx, request.principal, code);
      const rows = fsmaRows(events as unknown as LoggedDomainEvent[], fsmaLookup(ctx));
      reply.header('cache-control', full ? 'private, no-store' : 'no-cache');
      return sendCsv(reply, `fsma204-${code}.csv`, toCsv(FSMA_COLUMNS, rows));
    },
  );
};

/**
 * The FSMA 204 spreadsheet's columns (21 CFR 1.1455(c): sortable, with the KDEs of each CTE). Locations
 * are operators (business identity, public); an individual buyer is never named.
 */
const FSMA_COLUMNS: readonly CsvColumn<FsmaRow>[] = [
  { header: 'Critical Tracking Event', value: (row) => row.cte },
  { header: 'Event Date', value: (row) => row.eventDate },
  { header: 'Traceability Lot Code', value: (row) => row.traceabilityLotCode },
  { header: 'Traceability Lot Code Source', value: (row) => row.lotCodeSource },
  { header: 'Product Description', value: (row) => row.productDescription },
  { header: 'Quantity', value: (row) => row.quantity },
  { header: 'Unit of Measure', value: (row) => row.unit },
  { header: 'Location', value: (row) => row.location },
  { header: 'Counterparty Location', value: (row) => row.counterpartyLocation },
  { header: 'Line', value: (row) => row.line },
  { header: 'Reference Document Type', value: (row) => row.referenceDocumentType },
  { header: 'Reference Document Number', value: (row) => row.referenceDocumentNumber },
];

/** disclosedLineage: the lineage's events `principal` may see: all for full access, else those its public view shows. */
async function disclosedLineage(
  ctx: ApiContext,
  principal: Principal | null,
  code: string,
): Promise<{ full: boolean; events: SealedEvent[] }> {
  const lineage = await readLineageChains(ctx, code, ctx.head().size);
  if (!lineage) throw new ProblemError('UnknownLot', `no lot has the trace code ${code}`, { field: 'code' });
  const facts = ctx.read.accessFacts(code);
  const full = facts !== undefined && lotAccess(principal, facts, (operatorId) => ctx.read.operatorRegion(operatorId)) === 'full';
  return { full, events: lineage.events.filter((event) => full || onPath(event, lineage.lots)) };
}

/** fsmaLookup: operators as "name (id), region", lots' products and issuers, from the read model. */
function fsmaLookup(ctx: ApiContext): FsmaLookup {
  return {
    locationOf: (operatorId) => {
      const operator = ctx.read.operator(operatorId);
      return operator ? `${operator.name} (${operatorId}), ${operator.region}` : operatorId;
    },
    productOf: (code) => {
      const product = ctx.read.lotProduct(code);
      return product ? [product.name, product.variety].filter(Boolean).join(' · ') : code;
    },
    issuerOf: (code) => ctx.read.lot(code, 'public')?.issuer.id,
  };
}

const isLogReader = (principal: Principal): boolean => ['auditor', 'subscriber', 'admin'].includes(principal.role);

interface Page {
  readonly events: EpcisEvent[];
  /** The log position the next page starts at, when there is more to walk. */
  readonly next?: number;
}

/** walkLog: a log reader's page, walking the log from `from` (region-scoped readers skip what their scope withholds). */
async function walkLog(
  ctx: ApiContext,
  reader: Principal,
  exportOf: (event: SealedEvent) => EpcisEvent[],
  query: EpcisQuery,
  from: number,
  size: number,
  perPage: number,
): Promise<Page> {
  const scope = logScope(reader, regionLookup(ctx));
  const events: EpcisEvent[] = [];
  let position = from;
  while (position < size && position - from < SCAN_BUDGET) {
    const batch = await ctx.store.readFrom(position, Math.min(BATCH, size - position));
    if (batch.length === 0) break;
    for (const sealed of batch) {
      position = sealed.position + 1;
      if (!isDisclosed(scope(sealed))) continue;
      for (const event of exportOf(sealed)) if (selects(event, query)) events.push(event);
      // A page ends after a whole log event, so one event's EPCIS forms are never split across pages.
      if (events.length >= perPage) return { events, ...(position < size ? { next: position } : {}) };
    }
  }
  return { events, ...(position < size ? { next: position } : {}) };
}

/** walkPublicLots: the public's page, over the chains of the lots the query names exactly, disclosed as their public views are. */
async function walkPublicLots(
  ctx: ApiContext,
  ids: Identifiers,
  exportOf: (event: SealedEvent) => EpcisEvent[],
  query: EpcisQuery,
  from: number,
  size: number,
  perPage: number,
): Promise<Page> {
  const named = [...(query.MATCH_epcClass ?? []), ...(query.MATCH_anyEPCClass ?? [])];
  const codes = [...new Set(named.map((epcClass) => codeOfEpcClass(epcClass, ids.base)))];
  if (named.length === 0 || codes.some((code) => code === undefined) || codes.length > PUBLIC_LOTS) {
    throw new ProblemError(
      'Unauthorized',
      `without a key, name up to ${PUBLIC_LOTS} lots exactly with MATCH_epcClass or MATCH_anyEPCClass (${ids.lot('{code}')})`,
      {
        field: 'MATCH_epcClass',
      },
    );
  }
  const chains = await Promise.all((codes as string[]).map((code) => ctx.store.readByTag(lotTag(code))));
  // A named lot's public view is its path back to its origins: the shipment that made it tags its parent too.
  const lots = new Set(
    (codes as string[]).flatMap((code) => ctx.read.lineage(code, 'backward', { maxNodes: 2000 })?.nodes.map((node) => node.code) ?? []),
  );
  const byPosition = new Map<number, SealedEvent>();
  for (const chain of chains)
    for (const event of chain) if (event.position >= from && event.position < size) byPosition.set(event.position, event);
  const events: EpcisEvent[] = [];
  for (const sealed of [...byPosition.values()].sort((a, b) => a.position - b.position)) {
    if (!onPath(sealed, lots)) continue;
    for (const event of exportOf(sealed)) if (selects(event, query)) events.push(event);
    if (events.length >= perPage) {
      const next = sealed.position + 1;
      const more = [...byPosition.keys()].some((position) => position >= next);
      return { events, ...(more ? { next } : {}) };
    }
  }
  return { events };
}

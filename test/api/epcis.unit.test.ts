/**
 * GET /epcis/events and GET /v1/codes/{code}/epcis over a seeded chain: paging walks the whole log
 * without a gap or a duplicate (property test), filters select what they say, the public may ask
 * only for named lots and gets their public view, bad input is a 400 naming the parameter, and
 * every document validates against the official EPCIS 2.0 schema.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, keyDigest, newApiKey, type ZodApp } from '../../src/api/index.js';
import { identifiers, type EpcisEvent, type LoggedDomainEvent, toEpcis, withEventId } from '../../src/epcis/index.js';
import { generateKey } from '../../src/hash/index.js';
import { openSuyuanLedger, type LogKey } from '../../src/ledger/index.js';
import { startProjections, type RunningProjections } from '../../src/projections/index.js';
import { type SeedResult, seedDemo } from '../../src/seed/index.js';
import { TEST_APP_OPTIONS } from './support/harness.js';
import { createMemoryStore, type EventStore } from '../../src/store/index.js';

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;
const SCHEMA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance/epcis/schema/epcis-json-schema.json');
const BASE = 'https://trace.example.gov.cn/id';
const ids = identifiers(BASE);

let app: ZodApp;
let store: EventStore;
let projections: RunningProjections;
let seeded: SeedResult;
let adminKey: string;
let auditorKey: string;
/** The whole log's export, computed apart from the route. */
let everything: EpcisEvent[];
let validate: (document: unknown) => boolean;

type Answer = { status: number; body: any; headers: Record<string, unknown> };
async function get(url: string, key?: string): Promise<Answer> {
  const response = await app.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { status: response.statusCode, body: JSON.parse(response.body), headers: response.headers };
}

/** walk follows `Link: rel="next"` from `url` and returns every event it met and the pages it took. */
async function walk(url: string, key?: string): Promise<{ events: EpcisEvent[]; pages: number }> {
  const events: EpcisEvent[] = [];
  let next: string | undefined = url;
  let pages = 0;
  while (next) {
    const answer = await get(next, key);
    expect(answer.status).toBe(200);
    events.push(...answer.body.epcisBody.queryResults.resultsBody.eventList);
    pages++;
    next = /^<([^>]+)>; rel="next"$/.exec(String(answer.headers.link ?? ''))?.[1];
  }
  return { events, pages };
}

beforeAll(async () => {
  store = createMemoryStore();
  const key: LogKey = { origin: 'epcis.test/log', ...generateKey('epcis.test/log') };
  const ledger = await openSuyuanLedger({ store, key });
  seeded = await seedDemo(ledger, { lots: 300, seed: 11 });
  projections = await startProjections({ store, ledger });
  adminKey = newApiKey();
  app = await build({
    ledger,
    store,
    read: projections.readModel,
    adminKeyDigest: keyDigest(adminKey),
    ...TEST_APP_OPTIONS,
    epcis: { idBase: BASE },
  });
  const auditor = await app.inject({
    method: 'POST',
    url: '/v1/principals',
    headers: { authorization: `Bearer ${adminKey}` },
    payload: { name: '审计', role: 'auditor' },
  });
  auditorKey = JSON.parse(auditor.body).key;
  const read = projections.readModel;
  const lookup = { regionOf: (id: string) => read.operatorRegion(id), gtinOf: () => undefined };
  const { size } = await store.head();
  everything = (await store.readFrom(0, size)).flatMap((event) =>
    toEpcis(event as unknown as LoggedDomainEvent, ids, lookup).map(withEventId),
  );
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
}, 60_000);

afterAll(async () => {
  await app?.close();
  await projections?.stop();
});

describe('GET /epcis/events', () => {
  it('pages through the whole log in order, without a gap or a duplicate, whatever the page size', async () => {
    expect(everything.length).toBeGreaterThan(500);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 40, max: 400 }), async (perPage) => {
        const { events, pages } = await walk(`/epcis/events?perPage=${perPage}`, auditorKey);
        expect(events.map((event) => event.eventID)).toEqual(everything.map((event) => event.eventID));
        expect(pages).toBeGreaterThanOrEqual(Math.ceil(everything.length / perPage));
      }),
      { numRuns: 6 },
    );
  });

  it('answers an EPCISQueryDocument that validates, with the version headers', async () => {
    const answer = await get('/epcis/events?perPage=200', auditorKey);
    expect(answer.headers['gs1-epcis-version']).toBe('2.0.0');
    expect(answer.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(answer.body.type).toBe('EPCISQueryDocument');
    expect(validate(answer.body)).toBe(true);
  });

  it.each([
    ['eventType=TransformationEvent', (event: EpcisEvent) => event.type === 'TransformationEvent'],
    ['EQ_bizStep=shipping,receiving', (event: EpcisEvent) => event.bizStep === 'shipping' || event.bizStep === 'receiving'],
    ['EQ_bizStep=https://ref.gs1.org/cbv/BizStep-retail_selling', (event: EpcisEvent) => event.bizStep === 'retail_selling'],
  ])('selects with %s exactly what the filter says', async (filter, expected) => {
    const { events } = await walk(`/epcis/events?perPage=500&${filter}`, auditorKey);
    const wanted = everything.filter(expected);
    expect(wanted.length).toBeGreaterThan(0);
    expect(events.map((event) => event.eventID)).toEqual(wanted.map((event) => event.eventID));
  });

  it('finds a lot by MATCH_epcClass and by MATCH_anyEPCClass (which also looks at inputs and outputs)', async () => {
    const code = seeded.codes.processed!;
    const epcClass = ids.lot(code);
    const lines = (event: EpcisEvent, fields: string[]) =>
      fields.flatMap((field) => ((event[field] as { epcClass: string }[] | undefined) ?? []).map((line) => line.epcClass));
    const byClass = await walk(`/epcis/events?MATCH_epcClass=${encodeURIComponent(epcClass)}`, auditorKey);
    expect(byClass.events.map((event) => event.eventID)).toEqual(
      everything.filter((event) => lines(event, ['quantityList']).includes(epcClass)).map((event) => event.eventID),
    );
    const byAny = await walk(`/epcis/events?MATCH_anyEPCClass=${encodeURIComponent(epcClass)}`, auditorKey);
    const any = everything.filter((event) => lines(event, ['quantityList', 'inputQuantityList', 'outputQuantityList']).includes(epcClass));
    expect(any.some((event) => event.type === 'TransformationEvent')).toBe(true);
    expect(byAny.events.map((event) => event.eventID)).toEqual(any.map((event) => event.eventID));
  });

  it('finds one event by EQ_eventID and events in a time window', async () => {
    const target = everything[everything.length >> 1]!;
    const one = await walk(`/epcis/events?EQ_eventID=${encodeURIComponent(String(target.eventID))}`, auditorKey);
    expect(one.events).toEqual([target]);
    const at = String(target.eventTime);
    const windowed = await walk(
      `/epcis/events?perPage=1000&GE_eventTime=${encodeURIComponent(at)}&LT_eventTime=${encodeURIComponent(at)}`,
      auditorKey,
    );
    expect(windowed.events).toEqual([]);
    const after = new Date(Date.parse(at) + 1).toISOString();
    const instant = await walk(
      `/epcis/events?perPage=1000&GE_eventTime=${encodeURIComponent(at)}&LT_eventTime=${encodeURIComponent(after)}`,
      auditorKey,
    );
    expect(instant.events.map((event) => event.eventID)).toEqual(
      everything.filter((event) => event.eventTime === at).map((event) => event.eventID),
    );
    expect(instant.events.length).toBeGreaterThan(0);
  });

  it('refuses bad parameters with a 400 naming them, and a page token of another query', async () => {
    for (const [query, field] of [
      ['GE_eventTime=yesterday', 'GE_eventTime'],
      ['perPage=0', 'perPage'],
      ['eventType=FarmEvent', 'eventType'],
      ['nextPageToken=bm90LWEtdG9rZW4', 'nextPageToken'],
      ['colour=red', ''],
    ] as const) {
      const answer = await get(`/epcis/events?${query}`, auditorKey);
      expect(answer.status, query).toBe(400);
      expect(JSON.stringify(answer.body), query).toContain(field);
    }
    const first = await get('/epcis/events?perPage=5&eventType=ObjectEvent', auditorKey);
    const token = /nextPageToken=([^&>]+)/.exec(String(first.headers.link))![1]!;
    const other = await get(`/epcis/events?perPage=5&eventType=TransformationEvent&nextPageToken=${token}`, auditorKey);
    expect(other.status).toBe(400);
    expect(other.body.field ?? JSON.stringify(other.body)).toContain('nextPageToken');
  });

  it('lets the public ask only for named lots, and answers their public view', async () => {
    const anonymous = await get('/epcis/events');
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.body)).toContain('MATCH_epcClass');
    const code = seeded.codes.retail;
    const { events } = await walk(`/epcis/events?MATCH_anyEPCClass=${encodeURIComponent(ids.lot(code))}`);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(['lot.sold', 'sample.taken', 'sample.tested']).not.toContain(event['suyuan:eventType']);
      expect(event['suyuan:unregisteredBuyer']).toBeUndefined();
    }
  });
});

describe('GET /v1/codes/{code}/epcis', () => {
  it("gives a code's upstream lineage as one valid EPCISDocument, through processing and merges", async () => {
    for (const code of [seeded.codes.retail, seeded.codes.processed!, seeded.codes.frozen!]) {
      const answer = await get(`/v1/codes/${code}/epcis`, auditorKey);
      expect(answer.status).toBe(200);
      expect(answer.body.type).toBe('EPCISDocument');
      expect(validate(answer.body)).toBe(true);
      const events: EpcisEvent[] = answer.body.epcisBody.eventList;
      expect(events.some((event) => event.bizStep === 'commissioning')).toBe(true);
      for (const event of events) expect(everything).toContainEqual(event);
    }
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    expect((await get('/v1/codes/14401130000000000012/epcis')).status).toBe(404);
    expect((await get('/v1/codes/not-a-code/epcis')).status).toBe(400);
  });
});

describe('GET /v1/codes/{code}/fsma204.csv', () => {
  /** Splits the CSV (no field of this export holds a comma inside quotes other than locations, which are quoted). */
  const parse = (text: string): string[][] =>
    text
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n')
      .map((line) =>
        [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((match) => match[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')),
      );

  it('has one row per input and output line of every transformation, and every KDE cell filled', async () => {
    const code = seeded.codes.processed!;
    const response = await app.inject({
      method: 'GET',
      url: `/v1/codes/${code}/fsma204.csv`,
      headers: { authorization: `Bearer ${auditorKey}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = parse(response.body);
    expect(header).toContain('Traceability Lot Code');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toHaveLength(header!.length);
      for (const cell of row) expect(cell.trim(), JSON.stringify(row)).not.toBe('');
    }
    const lineage = await get(`/v1/codes/${code}/epcis`, auditorKey);
    const transformations: EpcisEvent[] = lineage.body.epcisBody.eventList.filter(
      (event: EpcisEvent) => event.type === 'TransformationEvent',
    );
    expect(transformations.length).toBeGreaterThan(0);
    const lines = transformations.reduce(
      (sum, event) => sum + (event.inputQuantityList as unknown[]).length + (event.outputQuantityList as unknown[]).length,
      0,
    );
    expect(rows.filter((row) => row[0] === 'Transformation')).toHaveLength(lines);
    expect(rows.some((row) => row[0] === 'Initial Packing')).toBe(true);
    expect(rows.some((row) => row[0] === 'Shipping')).toBe(true);
  });

  it('gives the public the rows of its public view and answers 404 for an unknown code', async () => {
    const response = await app.inject({ method: 'GET', url: `/v1/codes/${seeded.codes.marketEntry}/fsma204.csv` });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('unregistered buyer');
    expect((await app.inject({ method: 'GET', url: '/v1/codes/14401130000000000012/fsma204.csv' })).statusCode).toBe(404);
  });
});

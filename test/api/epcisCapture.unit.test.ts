/**
 * POST /epcis/capture over a seeded chain: the official example documents, their identifiers
 * rewritten to seeded lots, are captured and come back from /epcis/events with the same event
 * hashes; every document meant to be invalid is refused with a pointer and nothing is appended;
 * rollback keeps nothing of a document with one bad event, proceed keeps the good ones; who may
 * capture what; duplicates, error declarations, personal data, idempotent replays.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, keyDigest, newApiKey, type ZodApp } from '../../src/api/index.js';
import { generateTraceCode, traceCodeRegion } from '../../src/domain/index.js';
import { documentEventHashes, epcisValidator, eventsOf } from '../../src/epcis/index.js';
import { verifyBundle } from '../../src/verify/index.js';
import { generateKey } from '../../src/hash/index.js';
import { openSuyuanLedger, type LogKey } from '../../src/ledger/index.js';
import { startProjections, type RunningProjections } from '../../src/projections/index.js';
import { type SeedResult, seedDemo } from '../../src/seed/index.js';
import { TEST_APP_OPTIONS } from './support/harness.js';
import { createMemoryStore, type EventStore } from '../../src/store/index.js';

const CONFORMANCE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance/epcis');
const BASE = 'https://trace.example.gov.cn/id';
const verdicts = JSON.parse(readFileSync(resolve(CONFORMANCE, 'expected-verdicts.json'), 'utf8')) as Record<string, unknown>;
const read = (path: string): any => JSON.parse(readFileSync(resolve(CONFORMANCE, path), 'utf8'));
const validate = epcisValidator(resolve(CONFORMANCE, 'schema/epcis-json-schema.json'));

let app: ZodApp;
let store: EventStore;
let projections: RunningProjections;
let seeded: SeedResult;
let adminKey: string;
let auditorKey: string;
let subscriberKey: string;
/** Lots nobody else uses in this file, handed out one per rewritten event. */
let freeLots: string[];
let vkey: string;
let ledgerOfTest: Awaited<ReturnType<typeof openSuyuanLedger>>;

type Answer = { status: number; body: any; headers: Record<string, unknown> };
async function call(
  method: 'GET' | 'POST',
  url: string,
  key?: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await app.inject({
    method,
    url,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(payload === undefined ? {} : { 'content-type': url === '/epcis/capture' ? 'application/ld+json' : 'application/json' }),
      ...headers,
    },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
  return { status: response.statusCode, body: response.body === '' ? undefined : JSON.parse(response.body), headers: response.headers };
}

/** capture posts a document and waits for its job to finish. */
async function capture(document: unknown, key = subscriberKey, headers: Record<string, string> = {}): Promise<{ post: Answer; job: any }> {
  const post = await call('POST', '/epcis/capture', key, document, headers);
  if (post.status !== 202) return { post, job: undefined };
  const location = String(post.headers.location);
  for (let attempt = 0; attempt < 400; attempt++) {
    const job = await call('GET', location, key);
    expect(job.status).toBe(200);
    if (!job.body.running) return { post, job: job.body };
    await new Promise((done) => setTimeout(done, 5));
  }
  throw new Error(`capture job ${location} still running`);
}

const logSize = async () => (await store.head()).size;
const lotUri = (code: string) => `${BASE}/lot/${code}`;
const takeLot = () => {
  const code = freeLots.shift();
  if (code === undefined) throw new Error('out of seeded lots');
  return code;
};

/** rewrite: an example event naming a seeded lot in its first identifier (list, quantity list or parent). */
function rewrite(event: any): any {
  const copy = structuredClone(event);
  const uri = lotUri(takeLot());
  const list = ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'].find((name) => copy[name]?.length > 0);
  const quantities = ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'].find(
    (name) => copy[name]?.length > 0,
  );
  if (list !== undefined) copy[list][0] = uri;
  else if (quantities !== undefined) copy[quantities][0].epcClass = uri;
  else if (typeof copy.parentID === 'string') copy.parentID = uri;
  else throw new Error(`no identifier to rewrite in a ${copy.type}`);
  return copy;
}

function rewritten(document: any): any {
  const copy = structuredClone(document);
  const body = copy.epcisBody.queryResults?.resultsBody ?? copy.epcisBody;
  body.eventList = body.eventList.map(rewrite);
  return copy;
}

/** minimalEvent: a valid ObjectEvent about `code` with one extension field. */
const minimalEvent = (code: string, extra: Record<string, unknown> = {}) => ({
  type: 'ObjectEvent',
  eventTime: '2026-06-01T08:00:00.000+08:00',
  eventTimeZoneOffset: '+08:00',
  action: 'OBSERVE',
  bizStep: 'receiving',
  disposition: 'in_progress',
  epcList: [lotUri(code)],
  'ex:store': 'Shenzhen store 12',
  ...extra,
});
const documentOf = (...events: unknown[]) => ({
  '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { ex: 'https://ns.example.com/epcis/' }],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-06-01T08:00:00.000+08:00',
  epcisBody: { eventList: events },
});

async function newPrincipal(payload: Record<string, unknown>): Promise<string> {
  const answer = await call('POST', '/v1/principals', adminKey, payload);
  expect(answer.status).toBe(201);
  return answer.body.key;
}

/** queried: the events /epcis/events answers for one eventID, and their hashes as a receiver computes them. */
async function queried(eventId: string): Promise<{ events: any[]; hashes: string[] }> {
  const answer = await call('GET', `/epcis/events?EQ_eventID=${encodeURIComponent(eventId)}&perPage=1000`, auditorKey);
  expect(answer.status).toBe(200);
  expect(validate(answer.body)).toEqual([]);
  return { events: eventsOf(answer.body), hashes: documentEventHashes(answer.body) };
}

beforeAll(async () => {
  store = createMemoryStore();
  const key: LogKey = { origin: 'capture.test/log', ...generateKey('capture.test/log') };
  const ledger = await openSuyuanLedger({ store, key });
  vkey = ledger.vkey;
  ledgerOfTest = ledger;
  seeded = await seedDemo(ledger, { lots: 300, seed: 12 });
  projections = await startProjections({ store, ledger });
  adminKey = newApiKey();
  app = await build({
    ledger,
    store,
    read: projections.readModel,
    adminKeyDigest: keyDigest(adminKey),
    ...TEST_APP_OPTIONS,
    epcis: { idBase: BASE, schemaPath: resolve(CONFORMANCE, 'schema/epcis-json-schema.json') },
  });
  auditorKey = await newPrincipal({ name: '审计', role: 'auditor' });
  subscriberKey = await newPrincipal({ name: '某商超平台', role: 'subscriber' });
  const { size } = await store.head();
  const notable = new Set(Object.values(seeded.codes));
  const codes = (await store.readFrom(0, size)).flatMap((event) => {
    const data = event.data as { code?: string; childCode?: string; outputs?: { code: string }[] };
    if (event.type === 'lot.commissioned') return [data.code!];
    if (event.type === 'lot.shipped') return [data.childCode!];
    if (event.type === 'lot.processed') return data.outputs!.map((output) => output.code);
    return [];
  });
  freeLots = codes.filter((code) => !notable.has(code));
}, 60_000);

afterAll(async () => {
  await app?.close();
  await projections?.stop();
});

const exampleDocuments = [...(verdicts.valid_under_both as string[]), ...(verdicts.valid_normative_only as string[])].filter(
  (path) => read(path).type === 'EPCISDocument' || read(path).type === 'EPCISQueryDocument',
);

describe('capturing the official examples', () => {
  it.each(exampleDocuments)('%s: captured, and queried back with the same event hashes', async (path) => {
    const document = rewritten(read(path));
    const hashes = documentEventHashes(document);
    // An error declaration corrects an event captured before it: capture the events it corrects first.
    const corrected = eventsOf(document).filter((event: any) => event.errorDeclaration !== undefined);
    if (corrected.length > 0) {
      const originals = { ...document, epcisBody: { eventList: corrected.map(({ errorDeclaration: _e, ...event }: any) => event) } };
      expect((await capture(originals)).job.success).toBe(true);
    }
    const before = await logSize();
    const { post, job } = await capture(document);
    expect(post.status, JSON.stringify(post.body)).toBe(202);
    expect(job.errors).toEqual([]);
    expect(job.success).toBe(true);
    expect(job.captured.map((entry: any) => entry.eventHash)).toEqual(hashes);
    expect(await logSize()).toBe(before + hashes.length);
    for (const [index, entry] of job.captured.entries()) {
      const back = await queried(entry.eventID);
      const at = back.events.findIndex((event) => event.eventID === entry.eventID && event.recordTime !== undefined);
      expect(at, `event ${index} is answered`).toBeGreaterThanOrEqual(0);
      expect(back.hashes).toContain(hashes[index]);
    }
  });
});

const invalidDocuments = [
  ...(verdicts.invalid_under_both as string[]),
  ...Object.keys(verdicts.upstream_valid_but_fail_normative_schema as Record<string, string>),
].filter((path) => path.startsWith('examples/openepcis/') || path.startsWith('derived-invalid/'));

describe('refusing documents', () => {
  it('has the invalid documents to refuse', () => {
    expect(invalidDocuments.filter((path) => path.startsWith('examples/openepcis/')).length).toBeGreaterThanOrEqual(17);
  });

  it.each(invalidDocuments)('%s: refused with a pointer, nothing appended', async (path) => {
    const before = await logSize();
    const { post } = await capture(read(path));
    expect([400, 422]).toContain(post.status);
    expect(post.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(post.body.errors.length).toBeGreaterThan(0);
    for (const error of post.body.errors) expect(error.pointer).toMatch(/^\//);
    expect(post.body.field).toBe(post.body.errors[0].pointer);
    expect(await logSize()).toBe(before);
  });

  it('refuses, with the pointer of the bad event, a document with one schema-invalid event among good ones', async () => {
    const before = await logSize();
    const bad = { ...minimalEvent(takeLot()), action: 'SHIP' };
    const { post } = await capture(documentOf(minimalEvent(takeLot()), minimalEvent(takeLot()), bad));
    expect(post.status).toBe(400);
    expect(post.body.code).toBe('EpcisInvalid');
    expect(post.body.errors.map((error: any) => error.pointer)).toContain('/epcisBody/eventList/2/action');
    expect(await logSize()).toBe(before);
  });

  it('refuses (422) an event that references no Suyuan lot, naming it', async () => {
    const foreign = { ...minimalEvent(takeLot()), epcList: ['urn:epc:id:sgtin:0614141.107346.2018'] };
    const { post } = await capture(documentOf(minimalEvent(takeLot()), foreign));
    expect(post.status).toBe(422);
    expect(post.body.code).toBe('EpcisNotCapturable');
    expect(post.body.errors).toEqual([expect.objectContaining({ pointer: '/epcisBody/eventList/1' })]);
  });

  it('answers a body that is not JSON with 400, and another media type with 415', async () => {
    const garbled = await app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: { authorization: `Bearer ${subscriberKey}`, 'content-type': 'application/ld+json' },
      payload: '{"type": "EPCISDocument",',
    });
    expect(garbled.statusCode).toBe(400);
    const text = await app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: { authorization: `Bearer ${subscriberKey}`, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(text.statusCode).toBe(415);
  });

  it('refuses, before any walk, nesting past 64 levels and numbers JSON cannot write; and lone surrogates', async () => {
    const before = await logSize();
    let deep = '"x"';
    for (let level = 0; level < 20_000; level++) deep = `[${deep}]`;
    const text = (extra: string) => JSON.stringify(documentOf(minimalEvent(takeLot(), { 'ex:v': 'V' }))).replace('"V"', extra);
    const send = (payload: string) =>
      app.inject({
        method: 'POST',
        url: '/epcis/capture',
        headers: { authorization: `Bearer ${subscriberKey}`, 'content-type': 'application/ld+json' },
        payload,
      });
    const nested = await send(text(deep));
    expect(nested.statusCode).toBe(400);
    expect(nested.json().errors[0].message).toMatch(/nested more than 64 levels/);
    const infinite = await send(text('1e400'));
    expect(infinite.statusCode).toBe(400);
    expect(infinite.json().errors[0]).toMatchObject({ pointer: '/epcisBody/eventList/0/ex:v', message: 'numbers must be finite' });
    const surrogate = await send(text('"\\ud800"'));
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().field).toBe('epcisBody.eventList.0.ex:v');
    const unprefixed = await capture(documentOf(minimalEvent(takeLot(), { '😀': 'x' })));
    expect(unprefixed.post.status).toBe(400);
    expect(unprefixed.post.body.code).toBe('EpcisInvalid');
    expect(await logSize()).toBe(before);
  });

  it('answers 503 CaptureUnavailable, appending nothing, on a node without the EPCIS schema', async () => {
    const before = await logSize();
    const bare = await build({
      ledger: ledgerOfTest,
      store,
      read: projections.readModel,
      adminKeyDigest: keyDigest(adminKey),
      ...TEST_APP_OPTIONS,
      logger: false,
      epcis: { idBase: BASE, schemaPath: '/nonexistent/epcis-json-schema.json' },
    });
    const answer = await bare.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: { authorization: `Bearer ${subscriberKey}`, 'content-type': 'application/ld+json' },
      payload: JSON.stringify(documentOf(minimalEvent(takeLot()))),
    });
    await bare.close();
    expect(answer.statusCode).toBe(503);
    expect(answer.json().code).toBe('CaptureUnavailable');
    expect(await logSize()).toBe(before);
  });

  it('lets only operator and subscriber keys capture', async () => {
    const document = documentOf(minimalEvent(takeLot()));
    expect((await call('POST', '/epcis/capture', undefined, document)).status).toBe(401);
    expect((await call('POST', '/epcis/capture', auditorKey, document)).status).toBe(403);
    expect((await call('POST', '/epcis/capture', adminKey, document)).status).toBe(403);
  });

  it('refuses an unknown GS1-Capture-Error-Behaviour, naming the header', async () => {
    const { post } = await capture(documentOf(minimalEvent(takeLot())), subscriberKey, { 'gs1-capture-error-behaviour': 'sometimes' });
    expect(post.status).toBe(400);
    expect(JSON.stringify(post.body)).toContain('gs1-capture-error-behaviour');
  });
});

/** A valid trace code that no lot has. */
const unknownLot = () => generateTraceCode({ kind: 1, region: '440118', serial: '99999999999' });

describe('rollback and proceed', () => {
  it('keeps nothing of a document whose third event names an unknown lot (rollback, the default)', async () => {
    const before = await logSize();
    const document = documentOf(minimalEvent(takeLot()), minimalEvent(takeLot()), minimalEvent(unknownLot()), minimalEvent(takeLot()));
    const { post, job } = await capture(document);
    expect(post.status).toBe(202);
    expect(post.headers.location).toMatch(/^\/epcis\/capture\/[0-9a-f]{32}$/);
    expect(post.headers['gs1-epcis-version']).toBe('2.0.0');
    expect(job).toMatchObject({ running: false, success: false, captureErrorBehaviour: 'rollback', captured: [] });
    expect(job.errors).toEqual([expect.objectContaining({ pointer: '/epcisBody/eventList/2', code: 'UnknownLot' })]);
    expect(await logSize()).toBe(before);
  });

  it('keeps the good events under proceed, and reports the bad one', async () => {
    const before = await logSize();
    const document = documentOf(minimalEvent(takeLot()), minimalEvent(unknownLot()), minimalEvent(takeLot()));
    const { job } = await capture(document, subscriberKey, { 'gs1-capture-error-behaviour': 'proceed' });
    expect(job).toMatchObject({ running: false, success: false, captureErrorBehaviour: 'proceed' });
    expect(job.errors).toEqual([expect.objectContaining({ pointer: '/epcisBody/eventList/1', code: 'UnknownLot' })]);
    const hashes = documentEventHashes(document);
    expect(job.captured.map((entry: any) => entry.eventHash)).toEqual([hashes[0], hashes[2]]);
    expect(await logSize()).toBe(before + 2);
  });
});

describe('what is captured', () => {
  it('joins the lot: its chain, its full EPCIS export and its proof bundle, verified; not its public view', async () => {
    const code = seeded.codes.retail;
    const document = documentOf(minimalEvent(code, { bizStep: 'retail_selling', disposition: 'retail_sold' }));
    const [hash] = documentEventHashes(document);
    const { job } = await capture(document);
    expect(job.success).toBe(true);
    const [entry] = job.captured;
    const sealed = (await store.readFrom(entry.position, 1))[0]!;
    expect(sealed.type).toBe('epcis.captured');
    expect(sealed.tags).toContain(`lot:${code}`);
    expect(sealed.actor).toMatch(/^subscriber:/);
    const full = await call('GET', `/v1/codes/${code}/epcis`, auditorKey);
    expect(validate(full.body)).toEqual([]);
    expect(documentEventHashes(full.body)).toContain(hash);
    const publicView = await call('GET', `/v1/codes/${code}/epcis`);
    expect(documentEventHashes(publicView.body)).not.toContain(hash);
    const bundle = await call('GET', `/v1/codes/${code}/proof`, auditorKey);
    expect(bundle.body.chains[code]).toContain(entry.position);
    expect(verifyBundle(bundle.body, vkey)).toMatchObject({ ok: true });
    const publicBundle = await call('GET', `/v1/codes/${code}/proof`);
    const redacted = publicBundle.body.events.find((event: any) => event.position === entry.position);
    expect(redacted).toBeDefined();
    expect(redacted.event).toBeUndefined();
    expect(verifyBundle(publicBundle.body, vkey)).toMatchObject({ ok: true });
  });

  it('refuses an event captured already, and the same event twice in one document', async () => {
    const event = minimalEvent(takeLot());
    expect((await capture(documentOf(event))).job.success).toBe(true);
    const before = await logSize();
    const again = await capture(documentOf(event));
    expect(again.job.errors).toEqual([expect.objectContaining({ pointer: '/epcisBody/eventList/0', code: 'EventCaptured' })]);
    const other = minimalEvent(takeLot());
    const twice = await capture(documentOf(other, { ...other, eventID: 'urn:uuid:0d7c6f6e-3a43-4a52-9d40-7e8a9f1c2b3d' }));
    expect(twice.job.errors).toEqual([expect.objectContaining({ pointer: '/epcisBody/eventList/1', code: 'DuplicateEvent' })]);
    expect(await logSize()).toBe(before);
  });

  it('accepts an error declaration once, and only from the sender of the event it corrects', async () => {
    const event = minimalEvent(takeLot());
    expect((await capture(documentOf(event))).job.success).toBe(true);
    const declaration = { ...event, errorDeclaration: { declarationTime: '2026-06-02T08:00:00.000+08:00', reason: 'incorrect_data' } };
    const otherKey = await newPrincipal({ name: '另一平台', role: 'subscriber' });
    expect((await capture(documentOf(declaration), otherKey)).job.errors).toEqual([expect.objectContaining({ code: 'NotSender' })]);
    expect((await capture(documentOf(declaration))).job.success).toBe(true);
    expect((await capture(documentOf(declaration))).job.errors).toEqual([expect.objectContaining({ code: 'EventCaptured' })]);
    const stray = { ...minimalEvent(takeLot()), errorDeclaration: declaration.errorDeclaration };
    expect((await capture(documentOf(stray))).job.errors).toEqual([expect.objectContaining({ code: 'UnknownEvent' })]);
  });

  it('refuses personal data: a mobile number in text, a citizen ID even inside an identifier', async () => {
    const before = await logSize();
    const phone = await capture(documentOf(minimalEvent(takeLot(), { 'ex:contact': '联系人 13812345678' })));
    expect(phone.job.errors).toEqual([expect.objectContaining({ pointer: '/epcisBody/eventList/0/ex:contact', code: 'PersonalData' })]);
    const citizen = '11010519491231002X';
    const id = await capture(documentOf(minimalEvent(takeLot(), { 'ex:person': `https://example.com/people/${citizen}` })));
    expect(id.job.errors).toEqual([expect.objectContaining({ code: 'PersonalData' })]);
    expect(await logSize()).toBe(before);
  });

  it('lets an operator capture about the lots it holds, as itself through its key, and not about others', async () => {
    const operatorId = seeded.operatorIds.store;
    const operatorKey = await newPrincipal({ name: '门店收银', role: 'operator', operatorId });
    const code = seeded.codes.retail;
    const own = await capture(documentOf(minimalEvent(code, { 'ex:till': '3' })), operatorKey);
    expect(own.job.success).toBe(true);
    const sealed = (await store.readFrom(own.job.captured[0].position, 1))[0]!;
    expect(sealed.actor).toMatch(new RegExp(`^op:${operatorId}/`));
    const foreign = await capture(documentOf(minimalEvent(seeded.codes.farm)), operatorKey);
    expect(foreign.job.errors).toEqual([expect.objectContaining({ pointer: '/epcisBody/eventList/0', code: 'NotConcerned' })]);
  });

  it("keeps a regional subscriber to its region's lots", async () => {
    const code = takeLot();
    const elsewhere = traceCodeRegion(code).startsWith('11') ? '31' : '11';
    const regional = await newPrincipal({ name: '地方平台', role: 'subscriber', region: elsewhere });
    const { job } = await capture(documentOf(minimalEvent(code)), regional);
    expect(job.errors).toEqual([expect.objectContaining({ code: 'OutOfRegion' })]);
  });

  it('replays a capture posted again with its Idempotency-Key, appending once', async () => {
    const document = documentOf(minimalEvent(takeLot()));
    const before = await logSize();
    const first = await capture(document, subscriberKey, { 'idempotency-key': 'capture-0001' });
    const second = await capture(document, subscriberKey, { 'idempotency-key': 'capture-0001' });
    expect(second.job.success).toBe(true);
    expect(second.job.replayOf).toBe(first.job.captureID);
    expect(second.job.captured).toEqual(first.job.captured);
    expect(await logSize()).toBe(before + 1);
  });

  it('replays a proceed capture posted again with its Idempotency-Key, event by event', async () => {
    const document = documentOf(minimalEvent(takeLot()), minimalEvent(takeLot()));
    const before = await logSize();
    const headers = { 'idempotency-key': 'proceed-0001', 'gs1-capture-error-behaviour': 'proceed' };
    const first = await capture(document, subscriberKey, headers);
    const second = await capture(document, subscriberKey, headers);
    expect(first.job.success).toBe(true);
    expect(second.job.captured).toEqual(first.job.captured);
    expect(await logSize()).toBe(before + 2);
  });

  it("shows a job only to the key that posted it, and lists the key's jobs", async () => {
    const { post, job } = await capture(documentOf(minimalEvent(takeLot())));
    const otherKey = await newPrincipal({ name: '第三平台', role: 'subscriber' });
    expect((await call('GET', String(post.headers.location), otherKey)).status).toBe(404);
    expect((await call('GET', String(post.headers.location), adminKey)).status).toBe(200);
    const mine = await call('GET', '/epcis/capture', subscriberKey);
    expect(mine.body[0].captureID).toBe(job.captureID);
    expect((await call('GET', '/epcis/capture', otherKey)).body).toEqual([]);
  });
});

/**
 * Capture under fuzzing: partner events whose extension fields hold anything JSON can (full Unicode
 * text in names and values, nested objects and lists, any finite number) are either refused with a
 * 4xx and leave the log as it was, or captured whole: the event comes back from /epcis/events as it
 * was sent, with the hash capture computed. Never a 500.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentEventHashes, eventsOf } from '../../src/epcis/index.js';
import { type Keys, lotBody, setUp } from './support/chain.js';
import { type Harness, harness } from './support/harness.js';

let h: Harness;
let keys: Keys;
let code: string;
beforeAll(async () => {
  h = await harness();
  keys = await setUp(h);
  code = JSON.parse((await h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(10) })).body).code;
});
afterAll(() => h.close());

const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
const leaf = fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(text, tie('value'), { maxKeys: 3 }),
  ),
})).value;
/** Extension names: mostly well-formed CURIEs, sometimes anything. */
const name = fc.oneof(
  { arbitrary: fc.stringMatching(/^ex:[A-Za-z][A-Za-z0-9_-]{0,12}$/), weight: 6 },
  { arbitrary: text.map((local) => `ex:${local}`), weight: 1 },
  { arbitrary: text, weight: 1 },
);

async function poll(location: string): Promise<any> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const job = JSON.parse((await h.call('GET', location, { key: keys.subscriber })).body);
    if (!job.running) return job;
    await new Promise((done) => setTimeout(done, 2));
  }
  throw new Error(`job ${location} still running`);
}

describe('capture fuzzing', () => {
  it('refuses with a 4xx and appends nothing, or captures the event exactly', async () => {
    let sequence = 0;
    const outcomes = { refused: 0, declined: 0, captured: 0 };
    await fc.assert(
      fc.asyncProperty(fc.dictionary(name, value, { minKeys: 1, maxKeys: 4 }), async (extensions) => {
        const event = {
          type: 'ObjectEvent',
          // A distinct time each run, so no two runs send the same event.
          eventTime: new Date(Date.UTC(2026, 0, 1) + sequence++ * 1000).toISOString(),
          eventTimeZoneOffset: '+08:00',
          action: 'OBSERVE',
          epcList: [`https://id.suyuan.invalid/lot/${code}`],
          ...extensions,
        };
        const document = {
          '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { ex: 'https://ns.example.com/fuzz/' }],
          type: 'EPCISDocument',
          schemaVersion: '2.0',
          creationDate: '2026-01-01T00:00:00.000+08:00',
          epcisBody: { eventList: [event] },
        };
        const before = (await h.store.head()).size;
        const posted = await h.call('POST', '/epcis/capture', { key: keys.subscriber, body: document });
        expect(posted.statusCode, posted.body).toBeLessThan(500);
        if (posted.statusCode !== 202) {
          expect([400, 422]).toContain(posted.statusCode);
          expect((await h.store.head()).size).toBe(before);
          outcomes.refused++;
          return;
        }
        const job = await poll(String(posted.headers.location));
        if (!job.success) {
          expect(job.errors.length).toBeGreaterThan(0);
          expect(job.errors.every((error: { code: string }) => error.code !== 'Internal')).toBe(true);
          expect((await h.store.head()).size).toBe(before);
          outcomes.declined++;
          return;
        }
        outcomes.captured++;
        expect((await h.store.head()).size).toBe(before + 1);
        const [hash] = documentEventHashes(document);
        expect(job.captured[0].eventHash).toBe(hash);
        const answer = JSON.parse(
          (await h.call('GET', `/epcis/events?EQ_eventID=${encodeURIComponent(hash!)}`, { key: keys.auditor })).body,
        );
        expect(documentEventHashes(answer)).toEqual([hash]);
        const { eventID: _id, recordTime: _time, ...back } = eventsOf(answer)[0]!;
        expect(back).toEqual(JSON.parse(JSON.stringify(event)));
      }),
      { numRuns: 100 },
    );
    // The fuzzer reaches both ends: events refused, and events captured whole.
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.captured).toBeGreaterThan(5);
  }, 120_000);
});

/**
 * benchmarks/epcis.ts — EPCIS export speed (issue 15): Suyuan events of a seeded chain mapped to
 * EPCIS 2.0, given their CBV 2.0 event hash and serialised, events per second, beside
 * JSON.stringify of the same Suyuan events in the same run (the cheapest export there is).
 * The chain is made in memory by the real domain (DomainTarget), so no store is timed.
 * Capture: a document of 500 partner events (one lot each, a temperature reading, an extension
 * field) checked against the official schema and given event hashes and lots, beside JSON.parse
 * of the same text (the least a capture must do). The ledger's commit is not timed here.
 *
 * Run: npx tsx benchmarks/epcis.ts   (--lots 20000)
 */
import { parseArgs } from 'node:util';
import { epcisValidator, identifiers, type LoggedDomainEvent, prepareCapture, toEpcis, withEventId } from '../src/epcis/index.js';
import { DomainTarget, seedDemo } from '../src/seed/index.js';
import type { SealedEvent } from '../src/store/index.js';
import { rate, report, round } from './measure.js';

const { values: args } = parseArgs({ options: { lots: { type: 'string', default: '20000' } } });
const events: SealedEvent[] = [];
await seedDemo(new DomainTarget((event) => events.push({ ...event, hash: event.position.toString(16).padStart(64, '0') })), {
  lots: Number(args.lots),
  seed: 3,
  // The in-memory target forgets a cohort's lots once it is done; the regulators' demo needs them.
  regulators: false,
  captures: false,
});
const regions = new Map<string, string>();
for (const event of events) {
  if (event.type === 'operator.registered') {
    const data = event.data as { operatorId: string; region: string };
    regions.set(data.operatorId, data.region);
  }
}
const ids = identifiers('https://trace.example.gov.cn/id');
const lookup = { regionOf: (id: string) => regions.get(id), gtinOf: () => undefined };
const exported = events.filter((event) => toEpcis(event as unknown as LoggedDomainEvent, ids, lookup).length > 0);

const at = (i: number): SealedEvent => exported[i % exported.length]!;
let sink = 0;
const stringify = rate((i) => {
  sink += JSON.stringify(at(i)).length;
});
const mapped = rate((i) => {
  sink += JSON.stringify(toEpcis(at(i) as unknown as LoggedDomainEvent, ids, lookup)).length;
});
const hashed = rate((i) => {
  sink += JSON.stringify(toEpcis(at(i) as unknown as LoggedDomainEvent, ids, lookup).map(withEventId)).length;
});
report({ benchmark: 'epcis.export', events: exported.length, jsonStringifyPerSecond: round(stringify), unit: 'events/s' });
report({ benchmark: 'epcis.export.mapped', perSecond: round(mapped), ratioToStringify: round(mapped / stringify), unit: 'events/s' });
report({
  benchmark: 'epcis.export.withEventId',
  perSecond: round(hashed),
  ratioToStringify: round(hashed / stringify),
  unit: 'events/s',
  sink: sink > 0,
});

const lots = events.filter((event) => event.type === 'lot.commissioned').map((event) => (event.data as { code: string }).code);
const captureDocument = {
  '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { sm: 'https://ns.supermarket.example.cn/epcis/' }],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-06-01T08:00:00.000+08:00',
  epcisBody: {
    eventList: Array.from({ length: 500 }, (_, i) => ({
      type: 'ObjectEvent',
      eventTime: new Date(Date.UTC(2026, 5, 1, 0, 0, i)).toISOString(),
      eventTimeZoneOffset: '+08:00',
      action: 'OBSERVE',
      bizStep: 'receiving',
      disposition: 'in_progress',
      quantityList: [{ epcClass: ids.lot(lots[i % lots.length]!), quantity: 10 + (i % 7), uom: 'KGM' }],
      sensorElementList: [{ sensorReport: [{ type: 'Temperature', value: 3 + (i % 5) * 0.5, uom: 'CEL' }] }],
      'sm:store': `store-${i % 40}`,
    })),
  },
};
const text = JSON.stringify(captureDocument);
const validate = epcisValidator();
const parsed = rate(
  () => {
    sink += (JSON.parse(text) as { epcisBody: { eventList: unknown[] } }).epcisBody.eventList.length;
  },
  1.5,
  5,
);
const captured = rate(
  () => {
    const prepared = prepareCapture(JSON.parse(text), ids.base, validate);
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.failures.slice(0, 3)));
    sink += prepared.events.length;
  },
  1.5,
  2,
);
report({
  benchmark: 'epcis.capture.parse',
  perSecond: round(parsed * 500),
  unit: 'events/s',
  document: `500 events, ${text.length} bytes`,
});
report({ benchmark: 'epcis.capture.prepared', perSecond: round(captured * 500), ratioToParse: round(captured / parsed), unit: 'events/s' });

/**
 * benchmarks/epcis.ts — EPCIS export speed (issue 15): Suyuan events of a seeded chain mapped to
 * EPCIS 2.0, given their CBV 2.0 event hash and serialised, events per second, beside
 * JSON.stringify of the same Suyuan events in the same run (the cheapest export there is).
 * The chain is made in memory by the real domain (DomainTarget), so no store is timed.
 *
 * Run: npx tsx benchmarks/epcis.ts   (--lots 20000)
 */
import { parseArgs } from 'node:util';
import { identifiers, type LoggedDomainEvent, toEpcis, withEventId } from '../src/epcis/index.js';
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

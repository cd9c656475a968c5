/**
 * The reports and the trace hook equal a naive recomputation straight from
 * the event list (issue 12, acceptance): random logs of operators, lots,
 * hand-offs, inspections, samples and cases; random regions and windows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endOf, foldEvents, startOf, type DomainEvent, type OperatorState } from '../../../src/domain/index.js';
import type { SealedEvent } from '../../../src/store/index.js';
import { ACTIVITY_COUNTS, type ActivityCount } from '../../../src/projections/index.js';
import { DAY_MS, Log, code } from './support.js';

const REGIONS = ['440113', '440106', '440305', '441900', '110105', '310101'];
const OPERATORS = ['op-a', 'op-b', 'op-c', 'op-d', 'op-e'];
const CERTS = [
  { type: 'green', number: 'G-1' },
  { type: 'organic', number: 'O-1' },
  { type: 'geographical-indication', number: 'GI-1' },
];
const START = Date.parse('2026-01-01T00:00:00.000Z');

const step = fc.record({
  kind: fc.constantFrom('register', 'status', 'certify', 'commission', 'ship', 'accept', 'process', 'inspect', 'sample', 'case'),
  a: fc.nat(1000),
  b: fc.nat(1000),
  gapHours: fc.nat(24 * 6),
});

/** logOf turns random steps into a log (events a decider may refuse are fine: the projection folds what the log holds). */
function logOf({
  homes,
  steps,
}: {
  homes: readonly number[];
  steps: readonly { kind: string; a: number; b: number; gapHours: number }[];
}): Log {
  const log = new Log(new Date(START).toISOString());
  // Most operators start registered (one in five left pending), in drawn regions.
  for (const [index, operator] of OPERATORS.entries()) {
    const home = homes[index] ?? 0;
    if (home % 7 === 6) continue;
    log.register(operator, REGIONS[home % REGIONS.length]!);
    if (home % 5 !== 4) log.status(operator, 'approved');
  }
  const lots: { code: string; holder: string }[] = [];
  const pending: { child: string; parent: string; to: string }[] = [];
  let next = 1;
  for (const { kind, a, b, gapHours } of steps) {
    log.at(log.now + gapHours * 3_600_000);
    const operator = OPERATORS[a % OPERATORS.length]!;
    switch (kind) {
      case 'register':
        log.register(operator, REGIONS[b % REGIONS.length]!);
        break;
      case 'status':
        log.status(operator, (['approved', 'approved', 'suspended', 'reinstated', 'withdrawn'] as const)[b % 5]!);
        break;
      case 'certify': {
        const cert = CERTS[b % CERTS.length]!;
        const from = new Date(log.now - (b % 50) * DAY_MS).toISOString().slice(0, 10);
        const to = new Date(log.now + ((b % 7) - 2) * 30 * DAY_MS).toISOString().slice(0, 10);
        log.certify(operator, cert.type, cert.number, from, to);
        break;
      }
      case 'commission': {
        const lot = code(next++);
        log.commission(lot, operator, b % 3 === 0 ? [] : [CERTS[b % CERTS.length]!]);
        lots.push({ code: lot, holder: operator });
        break;
      }
      case 'ship': {
        const parent = lots[b % Math.max(1, lots.length)];
        if (!parent) break;
        const child = code(next++);
        log.ship(parent.code, child, parent.holder, operator);
        pending.push({ child, parent: parent.code, to: operator });
        break;
      }
      case 'accept': {
        const shipped = pending.splice(b % Math.max(1, pending.length), 1)[0];
        if (!shipped) break;
        log.accept(shipped.child, shipped.parent, shipped.to);
        lots.push({ code: shipped.child, holder: shipped.to });
        break;
      }
      case 'process': {
        const input = lots[b % Math.max(1, lots.length)];
        if (!input) break;
        const outputs = Array.from({ length: 1 + (a % 3) }, () => code(next++));
        log.process([input.code], outputs, input.holder);
        for (const output of outputs) lots.push({ code: output, holder: input.holder });
        break;
      }
      case 'inspect':
        log.inspect(`i${log.events.length}`, operator, REGIONS[b % REGIONS.length]!, 'pass');
        break;
      case 'sample': {
        const lot = lots[b % Math.max(1, lots.length)];
        if (!lot) break;
        const id = `s${log.events.length}`;
        log.sample(id, 't1', lot.code, lot.holder);
        if (a % 2 === 0) log.test(id, 't1', lot.code, lot.holder, b % 2 === 0 ? 'fail' : 'pass');
        break;
      }
      case 'case': {
        const id = `c${log.events.length}`;
        log.openCase(id, operator);
        if (b % 2 === 0) log.penalize(id, operator);
        break;
      }
    }
  }
  return log;
}

/** The acts an event counts, and who acted (counting.ts, restated from the definitions). */
function actsOf(event: SealedEvent): { operatorId: string; kind: ActivityCount; times: number }[] {
  const data = event.data as Record<string, unknown> & { operatorId: string };
  switch (event.type) {
    case 'lot.commissioned':
      return [{ operatorId: data.operatorId, kind: 'lots', times: 1 }];
    case 'lot.processed':
      return [{ operatorId: data.operatorId, kind: 'lots', times: (data.outputs as unknown[]).length }];
    case 'lot.accepted':
      return [
        { operatorId: data.operatorId, kind: 'lots', times: 1 },
        { operatorId: data.operatorId, kind: 'handOffs', times: 1 },
      ];
    case 'lot.shipped':
      return [{ operatorId: data.operatorId, kind: 'handOffs', times: 1 }];
    case 'inspection.recorded':
      return [{ operatorId: data.operatorId, kind: 'inspections', times: 1 }];
    case 'sample.taken':
      return [{ operatorId: data.operatorId, kind: 'samples', times: 1 }];
    case 'sample.tested':
      return data.verdict === 'fail' ? [{ operatorId: data.operatorId, kind: 'failedSamples', times: 1 }] : [];
    case 'case.opened':
      return [{ operatorId: data.operatorId, kind: 'cases', times: 1 }];
    case 'case.penalized':
      return [{ operatorId: data.operatorId, kind: 'penalties', times: 1 }];
    default:
      return [];
  }
}

function naiveActivity(
  events: readonly SealedEvent[],
  prefix: string,
  fromMs: number,
  toMs: number,
): Map<string, Record<ActivityCount, number>> {
  const regions = new Map<string, string>();
  const rows = new Map<string, Record<ActivityCount, number>>();
  const length = Math.min(prefix.length + 2, 6);
  for (const event of events) {
    const time = Date.parse(event.time);
    for (const act of actsOf(event)) {
      const region = regions.get(act.operatorId);
      if (region === undefined || !region.startsWith(prefix) || time < fromMs || time > toMs) continue;
      const key = region.slice(0, length);
      const row = rows.get(key) ?? (Object.fromEntries(ACTIVITY_COUNTS.map((name) => [name, 0])) as Record<ActivityCount, number>);
      row[act.kind] += act.times;
      rows.set(key, row);
    }
    if (event.type === 'operator.registered') {
      const data = event.data as { operatorId: string; region: string };
      regions.set(data.operatorId, data.region);
    }
  }
  return rows;
}

function operatorsOf(events: readonly SealedEvent[]): OperatorState[] {
  const states = foldEvents(events as unknown as DomainEvent[]);
  return [...states.values()].filter((state): state is OperatorState => state.entity === 'operator');
}

function claimCounts(events: readonly SealedEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of events) {
    if (event.type !== 'lot.commissioned') continue;
    for (const claim of (event.data as { claims: { type: string; number: string }[] }).claims) {
      const key = `${claim.type}:${claim.number}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

const scope = fc.constantFrom('', '44', '4401', '440113', '440000', '441900', '11', '31');
const steps = fc.record({
  homes: fc.array(fc.nat(1000), { minLength: OPERATORS.length, maxLength: OPERATORS.length }),
  steps: fc.array(step, { minLength: 20, maxLength: 150, size: 'large' }),
});

describe('regulation reports against a naive recomputation', () => {
  it('activity counts every act of the window by the acting operator’s region', () => {
    fc.assert(
      fc.property(steps, scope, fc.nat(300), fc.nat(300), (drawn, region, fromDay, span) => {
        const log = logOf(drawn);
        const { queries } = log.build();
        const from = new Date(START + fromDay * DAY_MS).toISOString().slice(0, 10);
        const to = new Date(START + (fromDay + span) * DAY_MS).toISOString().slice(0, 10);
        const report = queries.activity(region, from, to);
        const prefix = region === '440000' ? '44' : region;
        const expected = naiveActivity(log.events, prefix, startOf(from), endOf(to));
        expect(report.rows.map(({ regionName: _name, ...row }) => row)).toEqual(
          [...expected.keys()].sort().map((key) => ({ region: key, ...expected.get(key)! })),
        );
        for (const name of ACTIVITY_COUNTS) {
          expect(report.total[name]).toBe([...expected.values()].reduce((sum, row) => sum + row[name], 0));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('coverage counts operators and the valid certifications of approved ones, and those lots claim', () => {
    fc.assert(
      fc.property(steps, scope, fc.nat(400), (drawn, region, day) => {
        const log = logOf(drawn);
        const now = new Date(START + day * DAY_MS);
        const report = log.build().queries.coverage(region, now);
        const prefix = region === '440000' ? '44' : region;
        const length = Math.min(prefix.length + 2, 6);
        const claims = claimCounts(log.events);
        const rows = new Map<string, { registered: number; approved: number; certified: number; traced: number }>();
        for (const operator of operatorsOf(log.events)) {
          if (!operator.region.startsWith(prefix)) continue;
          const key = operator.region.slice(0, length);
          const row = rows.get(key) ?? { registered: 0, approved: 0, certified: 0, traced: 0 };
          row.registered++;
          if (operator.status === 'approved') {
            row.approved++;
            const valid = operator.certifications.filter((c) => startOf(c.validFrom) <= now.getTime() && now.getTime() <= endOf(c.validTo));
            row.certified += valid.length;
            row.traced += valid.filter((c) => (claims.get(`${c.type}:${c.number}`) ?? 0) > 0).length;
          }
          rows.set(key, row);
        }
        expect(
          report.rows.map((row) => ({
            region: row.region,
            registered: row.operatorsRegistered,
            approved: row.operatorsApproved,
            certified: row.certifiedProducts,
            traced: row.certifiedProductsUnderTrace,
          })),
        ).toEqual([...rows.keys()].sort().map((key) => ({ region: key, ...rows.get(key)! })));
        const certified = [...rows.values()].reduce((sum, row) => sum + row.certified, 0);
        expect(report.total.certifiedProducts).toBe(certified);
        expect(report.total.operatorsRegistered).toBe([...rows.values()].reduce((sum, row) => sum + row.registered, 0));
      }),
      { numRuns: 150 },
    );
  });

  it('traceStatus counts the operator’s lots and hand-offs of the window, as a filter of the log finds them', () => {
    fc.assert(
      fc.property(
        steps,
        fc.constantFrom(...OPERATORS),
        fc.nat(400),
        fc.integer({ min: 1, max: 400 }),
        (drawn, operatorId, day, windowDays) => {
          const log = logOf(drawn);
          const now = new Date(START + day * DAY_MS);
          const status = log.build().queries.traceStatus(operatorId, { windowDays }, now);
          const operator = operatorsOf(log.events).find((state) => state.id === operatorId);
          if (!operator) {
            expect(status).toBeUndefined();
            return;
          }
          const inWindow = (event: SealedEvent) => {
            const time = Date.parse(event.time);
            return time >= now.getTime() - windowDays * DAY_MS && time <= now.getTime();
          };
          let lots = 0;
          let handOffs = 0;
          for (const event of log.events.filter(inWindow)) {
            for (const act of actsOf(event)) {
              if (act.operatorId !== operatorId) continue;
              if (act.kind === 'lots') lots += act.times;
              if (act.kind === 'handOffs') handOffs += act.times;
            }
          }
          expect(status).toMatchObject({ lotsInWindow: lots, handOffsInWindow: handOffs, status: operator.status });
          expect(status!.underTrace).toBe(operator.status === 'approved' && lots > 0);
          const claims = claimCounts(log.events);
          expect(status!.certifications.map((c) => c.tracedLots)).toEqual(
            operator.certifications.map((c) => claims.get(`${c.type}:${c.number}`) ?? 0),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});

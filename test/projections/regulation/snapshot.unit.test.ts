/**
 * A snapshot of the regulation projection, encoded and decoded as the runner
 * does, restores a projection that answers every query as the original does
 * and goes on applying the log from where it stopped.
 */
import { describe, expect, it } from 'vitest';
import { RegulationProjection, RegulationQueries, decodeSnapshot, encodeSnapshot } from '../../../src/projections/index.js';
import { Log, code } from './support.js';

function history(): Log {
  const log = new Log('2026-03-01T00:00:00.000Z').onboard('farm-1').onboard('shop-1', '440106').onboard('shop-2', '110105');
  log.certify('farm-1', 'green', 'LB-1', '2026-01-01', '2026-03-05');
  log.commission(code(1), 'farm-1', [{ type: 'green', number: 'LB-1' }]);
  log.recordInput(code(1), 'farm-1', '2026-03-01', 10);
  log.ship(code(1), code(2), 'farm-1', 'shop-1', [{ type: 'green', number: 'LB-1' }]);
  log.accept(code(2), code(1), 'shop-1');
  log.task('task-1');
  log.sample('s1', 'task-1', code(2), 'shop-1', '440106');
  log.test('s1', 'task-1', code(2), 'shop-1', 'fail');
  log.inspect('insp-1', 'shop-1', '440106', 'rectify', '2026-03-20');
  log.openCase('case-1', 'shop-1', '440106');
  log.penalize('case-1', 'shop-1');
  log.status('shop-1', 'suspended');
  log.at('2026-04-01T00:00:00.000Z').ship(code(2), code(3), 'shop-1', 'shop-2', [{ type: 'green', number: 'LB-1' }]);
  log.sample('s2', 'task-1', code(2), 'shop-1', '440106');
  log.test('s2', 'task-1', code(2), 'shop-1', 'fail');
  return log;
}

function answers(queries: RegulationQueries, now: Date) {
  return {
    risks: queries.risks({}, now),
    inspections: queries.inspections({}, now),
    tasks: queries.tasks({}),
    sample: queries.sample('s1'),
    cases: queries.cases({}),
    alerts: queries.alerts({}),
    trace: ['farm-1', 'shop-1', 'shop-2'].map((id) => queries.traceStatus(id, { windowDays: 90 }, now)),
    coverage: ['', '44', '4401'].map((region) => queries.coverage(region, now)),
    activity: ['', '44', '440106'].map((region) => queries.activity(region, '2026-01-01', '2026-12-31')),
  };
}

describe('regulation snapshot', () => {
  it('restores identical answers and continues from its position', () => {
    const log = history();
    const now = new Date('2026-04-02T00:00:00.000Z');
    const half = Math.floor(log.events.length / 2);
    const original = new RegulationProjection();
    for (const event of log.events.slice(0, half)) original.apply(event);

    const restored = new RegulationProjection();
    restored.restore(decodeSnapshot(Buffer.concat(encodeSnapshot(original.snapshot()))));
    expect(restored.position).toBe(half);
    expect(restored.lastHash).toBe(original.lastHash);
    expect(answers(new RegulationQueries(restored), now)).toEqual(answers(new RegulationQueries(original), now));

    for (const event of log.events.slice(half)) {
      original.apply(event);
      restored.apply(event);
    }
    const final = answers(new RegulationQueries(restored), now);
    expect(final).toEqual(answers(new RegulationQueries(original), now));
    expect(final.risks.map((finding) => finding.rule).sort()).toEqual([
      'certification-expired',
      'overdue-rectification',
      'pre-harvest-interval',
      'repeat-failures',
      'suspended-hand-off',
    ]);
    expect(final.trace[1]).toMatchObject({ underTrace: false, lotsInWindow: 1, handOffsInWindow: 2 });
    expect(final.trace[0]!.certifications).toEqual([
      { type: 'green', number: 'LB-1', product: '菜心', validTo: '2026-03-05', valid: false, tracedLots: 1, traced: true },
    ]);
  });

  it('is empty again after reset, and refuses an event out of order', () => {
    const log = history();
    const projection = new RegulationProjection();
    for (const event of log.events) projection.apply(event);
    expect(() => projection.apply(log.events[0]!)).toThrow(/expects the event at position/);
    projection.reset();
    expect(projection.position).toBe(0);
    expect(new RegulationQueries(projection).risks({}, new Date())).toEqual([]);
  });
});

/**
 * The risk rules (issue 12 §6): for each, a log that makes the situation and
 * the finding it raises (rule, operator, lot, evidence positions), and a log
 * where the rule holds and nothing is raised.
 */
import { describe, expect, it } from 'vitest';
import { DAY_MS, Log, code } from './support.js';

const FARM = 'farm-1';
const SHOP = 'shop-1';
const GREEN = { type: 'green', number: 'LB-44-001' };

function traders(): Log {
  return new Log('2026-03-01T00:00:00.000Z').onboard(FARM).onboard(SHOP, '440106');
}

describe('pre-harvest-interval (安全间隔期)', () => {
  it('finds a shipment of a child lot before the interval of an input recorded on its ancestor', () => {
    const log = traders();
    log.commission(code(1), FARM);
    const record = log.recordInput(code(1), FARM, '2026-03-01', 14);
    log.ship(code(1), code(2), FARM, SHOP);
    log.accept(code(2), code(1), SHOP);
    const early = log.after(3).ship(code(2), code(3), SHOP, FARM);
    const findings = log.build().queries.risks({ rule: 'pre-harvest-interval' }, new Date(log.now));
    // Both the first shipment (same day) and the grandchild's are too early.
    const found = findings.find((finding) => finding.lotCode === code(2));
    expect(found).toMatchObject({ rule: 'pre-harvest-interval', operatorId: SHOP, region: '440106' });
    expect(found?.evidence).toEqual([
      { position: record, type: 'lot.recorded', lotCode: code(1) },
      { position: early, type: 'lot.shipped', lotCode: code(2) },
    ]);
    expect(findings.map((finding) => finding.lotCode).sort()).toEqual([code(1), code(2)]);
  });

  it('finds a processing input and a sale before the interval, and passes the latest interval to the outputs', () => {
    const log = traders();
    log.commission(code(1), FARM);
    const record = log.recordInput(code(1), FARM, '2026-03-01', 7);
    const processed = log.after(1).process([code(1)], [code(2)], FARM);
    const sold = log.after(1).sell(code(2), FARM);
    const findings = log.build().queries.risks({ rule: 'pre-harvest-interval' }, new Date(log.now));
    expect(findings.map(({ lotCode, evidence }) => [lotCode, evidence.map((e) => e.position)])).toEqual([
      [code(2), [record, sold]],
      [code(1), [record, processed]],
    ]);
  });

  it('raises nothing for a shipment after the interval', () => {
    const log = traders();
    log.commission(code(1), FARM);
    log.recordInput(code(1), FARM, '2026-03-01', 14);
    log.at('2026-03-15T00:00:00+08:00').ship(code(1), code(2), FARM, SHOP);
    log.sell(code(2), SHOP);
    expect(log.build().queries.risks({}, new Date(log.now))).toEqual([]);
  });
});

describe('certification-expired', () => {
  it('finds a shipment claiming a certification past its validTo, and a commissioning before its validFrom', () => {
    const log = traders();
    const certified = log.certify(FARM, GREEN.type, GREEN.number, '2026-03-01', '2026-03-10');
    log.commission(code(1), FARM, [GREEN]);
    const late = log.at('2026-03-11T00:00:00+08:00').ship(code(1), code(2), FARM, SHOP, [GREEN]);
    const findings = log.build().queries.risks({ rule: 'certification-expired' }, new Date(log.now));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'certification-expired', operatorId: FARM, lotCode: code(1) });
    expect(findings[0]!.evidence).toEqual([
      { position: certified, type: 'operator.certified' },
      { position: late, type: 'lot.shipped', lotCode: code(1) },
    ]);

    const early = new Log('2026-01-01T00:00:00.000Z').onboard(FARM);
    early.certify(FARM, GREEN.type, GREEN.number, '2026-02-01', '2027-01-31');
    const commissioned = early.commission(code(5), FARM, [GREEN]);
    const [found] = early.build().queries.risks({}, new Date(early.now));
    expect(found).toMatchObject({ rule: 'certification-expired', lotCode: code(5) });
    expect(found!.evidence.at(-1)).toEqual({ position: commissioned, type: 'lot.commissioned', lotCode: code(5) });
  });

  it('finds a sale of a lot whose inherited claim has expired', () => {
    const log = traders();
    log.certify(FARM, GREEN.type, GREEN.number, '2026-03-01', '2026-03-10');
    log.commission(code(1), FARM, [GREEN]);
    log.ship(code(1), code(2), FARM, SHOP, [GREEN]);
    const sold = log.at('2026-03-12T00:00:00+08:00').sell(code(2), SHOP);
    const [found] = log.build().queries.risks({}, new Date(log.now));
    expect(found).toMatchObject({ rule: 'certification-expired', operatorId: SHOP, lotCode: code(2) });
    expect(found!.evidence.at(-1)?.position).toBe(sold);
  });

  it('raises nothing when the certification was renewed, or on its last day', () => {
    const log = traders();
    log.certify(FARM, GREEN.type, GREEN.number, '2026-03-01', '2026-03-10');
    log.commission(code(1), FARM, [GREEN]);
    log.at('2026-03-10T23:59:00+08:00').ship(code(1), code(2), FARM, SHOP, [GREEN]);
    log.certify(FARM, GREEN.type, GREEN.number, '2026-03-01', '2029-03-10');
    log.at('2026-06-01T00:00:00+08:00').ship(code(1), code(3), FARM, SHOP, [GREEN]);
    expect(log.build().queries.risks({}, new Date(log.now))).toEqual([]);
  });
});

describe('suspended-hand-off', () => {
  it('finds a shipment and a receipt by a suspended operator (written raw: the deciders refuse them)', () => {
    const log = traders();
    log.commission(code(1), FARM);
    const suspended = log.status(FARM, 'suspended');
    const shipped = log.ship(code(1), code(2), FARM, SHOP);
    log.status(SHOP, 'revoked');
    const accepted = log.accept(code(2), code(1), SHOP);
    const findings = log.build().queries.risks({ rule: 'suspended-hand-off' }, new Date(log.now));
    expect(
      findings.map(({ operatorId, lotCode, evidence }) => ({ operatorId, lotCode, positions: evidence.map((e) => e.position) })),
    ).toEqual([
      { operatorId: SHOP, lotCode: code(2), positions: [accepted - 1, accepted] },
      { operatorId: FARM, lotCode: code(1), positions: [suspended, shipped] },
    ]);
    expect(
      log
        .build()
        .queries.risks({ region: '440106' }, new Date(log.now))
        .map((f) => f.operatorId),
    ).toEqual([SHOP]);
  });

  it('raises nothing once the operator is reinstated', () => {
    const log = traders();
    log.commission(code(1), FARM);
    log.status(FARM, 'suspended');
    log.status(FARM, 'reinstated');
    log.ship(code(1), code(2), FARM, SHOP);
    log.accept(code(2), code(1), SHOP);
    log.sell(code(2), SHOP);
    expect(log.build().queries.risks({}, new Date(log.now))).toEqual([]);
  });
});

describe('repeat-failures', () => {
  function sampled(log: Log, id: string, verdict: 'pass' | 'fail'): number {
    log.sample(id, 'task-1', code(1), FARM);
    return log.test(id, 'task-1', code(1), FARM, verdict);
  }

  it('finds two failed samples within 12 months, one finding for the run, evidence every failure in the window', () => {
    const log = traders();
    log.task('task-1');
    log.commission(code(1), FARM);
    const first = sampled(log, 's1', 'fail');
    log.after(100);
    sampled(log, 's2', 'pass');
    const second = sampled(log.after(100), 's3', 'fail');
    const third = sampled(log.after(100), 's4', 'fail');
    const findings = log.build().queries.risks({ rule: 'repeat-failures' }, new Date(log.now));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'repeat-failures', operatorId: FARM, region: '440113', lotCode: code(1) });
    expect(findings[0]!.evidence.map((e) => e.position)).toEqual([first, second, third]);
    expect(findings[0]!.at).toBe(log.events[third]!.time);
  });

  it('raises nothing for failures 13 months apart', () => {
    const log = traders();
    log.task('task-1');
    log.commission(code(1), FARM);
    sampled(log, 's1', 'fail');
    sampled(log.after(396), 's2', 'fail');
    expect(log.build().queries.risks({}, new Date(log.now))).toEqual([]);
  });
});

describe('overdue-rectification', () => {
  it('finds a rectification past its deadline, at the end of that day', () => {
    const log = traders();
    const recorded = log.inspect('insp-1', FARM, '440113', 'rectify', '2026-03-10');
    const { queries } = log.build();
    expect(queries.risks({}, new Date('2026-03-10T23:00:00+08:00'))).toEqual([]);
    const [found] = queries.risks({}, new Date('2026-03-11T00:00:00+08:00'));
    expect(found).toMatchObject({ rule: 'overdue-rectification', operatorId: FARM, region: '440113', at: '2026-03-10T15:59:59.999Z' });
    expect(found!.evidence).toEqual([{ position: recorded, type: 'inspection.recorded' }]);
    expect(queries.inspections({ overdue: true }, new Date('2026-04-01T00:00:00Z')).map((i) => i.inspectionId)).toEqual(['insp-1']);
  });

  it('raises nothing once the rectification is closed', () => {
    const log = traders();
    log.inspect('insp-1', FARM, '440113', 'rectify', '2026-03-10');
    log.inspect('insp-2', FARM, '440113', 'pass');
    log.closeRectification('insp-1', FARM);
    const now = new Date(Date.parse('2026-03-10T00:00:00Z') + 30 * DAY_MS);
    const { queries } = log.build();
    expect(queries.risks({}, now)).toEqual([]);
    expect(queries.inspection('insp-1')).toMatchObject({ overdue: false, rectified: { note: '已整改' } });
  });
});

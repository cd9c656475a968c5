/**
 * The showcase's paging: each page looks at a bounded number of operators, so
 * a rare filter over a large region answers what it found with a cursor to go
 * on from; following the cursors finds exactly the operators under trace.
 */
import { describe, expect, it } from 'vitest';
import { LotProjection, OperatorProjection, ReadModel, RegulationProjection } from '../../../src/projections/index.js';
import { SCAN_LIMIT } from '../../../src/projections/regulation/showcase.js';
import { Log, code } from './support.js';

function model(log: Log): ReadModel {
  const lots = new LotProjection();
  const operators = new OperatorProjection();
  const regulation = new RegulationProjection();
  for (const event of log.events) {
    lots.apply(event);
    operators.apply(event);
    regulation.apply(event);
  }
  return new ReadModel(lots, operators, undefined, { regulation });
}

describe('the showcase pages', () => {
  it('stop after SCAN_LIMIT operators with a cursor, and the cursors reach every operator under trace exactly once', () => {
    const log = new Log(new Date(Date.now() - 10 * 86_400_000).toISOString());
    const traced: string[] = [];
    const total = SCAN_LIMIT * 2 + 10;
    for (let i = 0; i < total; i++) {
      const id = `OP${String(i).padStart(6, '0')}`;
      log.onboard(id);
      if (i === 3 || i === SCAN_LIMIT + 7 || i === total - 1) {
        log.commission(code(i), id);
        traced.push(id);
      }
    }
    const read = model(log);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = read.showcase.page({ windowDays: 180, limit: 20, ...(after ? { after } : {}) }, new Date());
      seen.push(...page.operators.map((operator) => operator.operatorId));
      after = page.next;
      pages++;
    } while (after !== undefined && pages < 10);
    expect(seen).toEqual(traced);
    expect(pages, 'a page per SCAN_LIMIT operators, and a last one').toBe(3);
  });
});

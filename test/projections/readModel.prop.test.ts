/**
 * The read model's ready-made JSON never goes stale: after every event, the
 * kept text of every lot equals a fresh rendering. Its access facts say what
 * the full view says. And its edges: formatted codes, unknown codes,
 * malformed cursors, limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTraceCode } from '../../src/domain/index.js';
import { InvalidQueryError, LotProjection, OperatorProjection, ReadModel } from '../../src/projections/index.js';
import { scenarioArbitrary } from '../domain/support/simulation.js';
import { build } from './support/build.js';
import { history } from './support/history.js';

const lotCodes = (events: ReturnType<typeof history>) => [
  ...new Set(events.flatMap((event) => event.tags.filter((tag) => tag.startsWith('lot:')).map((tag) => tag.slice(4)))),
];

describe('ReadModel', () => {
  it('keeps JSON text only while it is true: every change to a lot drops it', () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.integer({ min: 0, max: 3 }), (steps, cacheSize) => {
        const events = history(steps);
        const codes = lotCodes(events);
        const lots = new LotProjection();
        const operators = new OperatorProjection();
        const model = new ReadModel(lots, operators, undefined, { jsonCacheSize: cacheSize * 5 });
        for (const event of events) {
          lots.apply(event);
          operators.apply(event);
          for (const code of codes) {
            const view = model.lot(code);
            expect(model.lotJson(code)).toBe(view && JSON.stringify(view));
            expect(model.lotJson(code, 'public')).toBe(view && JSON.stringify(model.lot(code, 'public')));
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('answers access facts and operator regions as the full views state them', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (steps) => {
        const events = history(steps);
        const { model } = build(events);
        for (const code of lotCodes(events)) {
          const view = model.lot(code)!;
          expect(model.accessFacts(formatTraceCode(code))).toEqual({
            region: view.region,
            issuerId: view.issuer.id,
            holderId: view.holder?.id,
            recipientId: view.recipient?.id,
          });
          for (const party of [view.issuer, view.holder, view.recipient]) {
            if (party) expect(model.operatorRegion(party.id)).toBe(model.operator(party.id)?.region);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('reads formatted codes, and answers undefined for unknown or malformed ones', () => {
    const events = history([{ action: 0, a: 0, b: 0, c: 1, amount: 5000, honest: true }]);
    const { model } = build(events);
    const [code] = lotCodes(events);
    expect(model.lot(formatTraceCode(code!))?.code).toBe(code);
    expect(model.lot(formatTraceCode(code!).replaceAll(' ', '-'))?.code).toBe(code);
    expect(model.lotJson(formatTraceCode(code!))).toBe(model.lotJson(code!));
    const flipped = `${code!.slice(0, 19)}${(Number(code!.at(-1)) + 1) % 10}`;
    for (const bad of ['', '123', 'x'.repeat(20), flipped, `${code}0`]) {
      expect(model.lot(bad)).toBeUndefined();
      expect(model.lotJson(bad)).toBeUndefined();
      expect(model.lineage(bad, 'backward')).toBeUndefined();
      expect(model.oneStepForward(bad)).toBeUndefined();
      expect(model.accessFacts(bad)).toBeUndefined();
      expect(model.lineageJson(bad, 'backward')).toBeUndefined();
    }
    expect(model.operator('nobody')).toBeUndefined();
    expect(model.operatorRegion('nobody')).toBeUndefined();
  });

  it("refuses malformed cursors as the caller's mistake", () => {
    const { model } = build(history([{ action: 0, a: 0, b: 0, c: 1, amount: 5000, honest: true }]));
    expect(() => model.operators({ after: 'no-colon' })).toThrow(InvalidQueryError);
    const farm = model.operators({}).operators[0]!.id;
    expect(() => model.holdings(farm, { after: 'not-a-code' })).toThrow(InvalidQueryError);
  });

  it('clamps lineage limits and still lists the root', () => {
    const events = history(
      Array.from({ length: 40 }, (_, i) => ({ action: (i * 31) % 90, a: i, b: i * 3, c: i * 7, amount: 2000 + i, honest: true })),
    );
    const { model } = build(events);
    for (const code of lotCodes(events)) {
      const view = model.lineage(code, 'forward', { maxDepth: -5, maxNodes: 0 })!;
      expect(view.nodes).toHaveLength(1);
      expect(view.nodes[0]).toMatchObject({ code, depth: 0 });
      expect(view.edges).toEqual([]);
    }
  });
});

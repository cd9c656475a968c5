/**
 * For random histories made by the real domain, every projection equals a
 * naive recomputation from the events: lot and operator states (the domain's
 * foldEvents), one step back and forward, lot views, holdings, the regional
 * directory, and each lot's event positions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseStatus, childLinks, regionCovers, type LotState, type OperatorStatus, type ProductionRecord } from '../../src/domain/index.js';
import { scenarioArbitrary } from '../domain/support/simulation.js';
import { build } from './support/build.js';
import { comparable, history, naive } from './support/history.js';

const RUNS = 120;
const STATUSES: readonly OperatorStatus[] = ['pending', 'approved', 'rejected', 'suspended', 'withdrawn'];

describe('projections against a naive recomputation', () => {
  it('hold every lot and operator exactly as the domain folds them', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (steps) => {
        const events = history(steps);
        const expected = naive(events);
        const { lots, operators } = build(events);
        expect(lots.size).toBe(expected.lots.size);
        for (const [code, lot] of expected.lots) expect(comparable(lots.state(code)!), code).toEqual(comparable(lot));
        expect(operators.size).toBe(expected.operators.size);
        for (const [id, operator] of expected.operators) expect(operators.get(id)).toEqual(operator);
      }),
      { numRuns: RUNS },
    );
  });

  it('answer one step back and forward as the lots link them, each side listing the other', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (steps) => {
        const events = history(steps);
        const expected = naive(events);
        const { model } = build(events);
        for (const [code, lot] of expected.lots) {
          const back = model.oneStepBack(code)!;
          const forward = model.oneStepForward(code)!;
          expect(back.map(({ code: parent, quantity }) => ({ code: parent, quantity }))).toEqual(lot.parents);
          expect(forward.map(({ code: child, quantity, via }) => ({ code: child, quantity, via }))).toEqual(childLinks(lot));
          for (const parent of back) {
            expect(model.oneStepForward(parent.code)!.map((step) => step.code)).toContain(code);
            expect(parent.unit).toBe(expected.lots.get(parent.code)!.unit);
          }
          for (const child of forward) expect(model.oneStepBack(child.code)!.map((step) => step.code)).toContain(code);
        }
        expect(model.oneStepBack('1'.repeat(20))).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it('render lot views from the same state, with records in order and public views hiding buyers', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (steps) => {
        const events = history(steps);
        const expected = naive(events);
        const { model } = build(events);
        const records = new Map<string, ProductionRecord[]>();
        for (const event of events) {
          if (event.type !== 'lot.recorded') continue;
          const { code, record } = event.data as { code: string; record: ProductionRecord };
          records.set(code, [...(records.get(code) ?? []), record]);
        }
        for (const [code, lot] of expected.lots) {
          const view = model.lot(code)!;
          expect(view).toMatchObject({
            code,
            kind: lot.kind,
            status: lot.status,
            product: lot.product,
            quantity: lot.quantity,
            available: lot.available,
            held: lot.held,
            shipped: lot.shipped,
            sold: lot.sold,
            processed: lot.processed,
            producedAt: lot.producedAt,
            createdAt: lot.createdAt,
            claims: lot.claims,
            issuer: { id: lot.issuer },
          });
          expect(view.holder?.id).toBe(lot.holder);
          expect(view.recipient?.id).toBe(lot.recipient);
          expect(view.buyer).toEqual(lot.buyer);
          expect(view.certificate).toEqual(lot.certificate);
          expect(view.frozen).toEqual(lot.frozen);
          expect(view.records).toEqual(records.get(code) ?? []);
          expect(view.records.length).toBe(lot.records);
          expect(view.children?.map((link) => link.code)).toEqual(childLinks(lot).map((link) => link.code));
          expect(JSON.parse(model.lotJson(code)!)).toEqual(JSON.parse(JSON.stringify(view)));
          const publicView = model.lot(code, 'public')!;
          for (const hidden of ['holder', 'recipient', 'buyer', 'children']) expect(publicView).not.toHaveProperty(hidden);
          if (lot.frozen)
            expect(publicView.frozen).toEqual({ reason: lot.frozen.reason, at: lot.frozen.at, resumeStatus: lot.frozen.resumeStatus });
          expect(model.lotJson(code, 'public')).toBe(JSON.stringify(publicView));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("list each operator's live holdings and what is on its way to it", () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.integer({ min: 1, max: 5 }), (steps, pageSize) => {
        const events = history(steps);
        const expected = naive(events);
        const { model } = build(events);
        for (const operatorId of expected.operators.keys()) {
          const live = (lot: LotState) => ['open', 'received', 'in-transit'].includes(baseStatus(lot));
          const mine = [...expected.lots.values()].filter((lot) => live(lot) && (lot.holder ?? lot.recipient) === operatorId);
          const held = mine.filter((lot) => baseStatus(lot) !== 'in-transit').map((lot) => lot.code);
          const inTransit = mine.filter((lot) => baseStatus(lot) === 'in-transit').map((lot) => lot.code);
          const pages = [];
          let after: string | undefined;
          do {
            const page = model.holdings(operatorId, { limit: pageSize, ...(after ? { after } : {}) })!;
            pages.push(page);
            after = page.next;
          } while (after);
          expect(pages.flatMap((page) => page.held.map((lot) => lot.code)).sort()).toEqual(held.sort());
          expect(pages.flatMap((page) => page.inTransit.map((lot) => lot.code)).sort()).toEqual(inTransit.sort());
        }
        expect(model.holdings('nobody')).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it('page through the regional directory in (region, id) order, filtered by prefix and status', () => {
    const prefixes = ['', '4', '44', '4401', '440113', '440000', '440100', '43', '430102', '11'];
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.constantFrom(...prefixes),
        fc.option(fc.subarray([...STATUSES], { minLength: 1 }), { nil: undefined }),
        fc.integer({ min: 1, max: 3 }),
        (steps, regionPrefix, status, limit) => {
          const events = history(steps);
          const expected = [...naive(events).operators.values()]
            .filter((op) => regionCovers(regionPrefix, op.region) && (!status || status.includes(op.status)))
            .sort((a, b) => (a.region === b.region ? (a.id < b.id ? -1 : 1) : a.region < b.region ? -1 : 1))
            .map((op) => op.id);
          const { model } = build(events);
          const seen: string[] = [];
          let after: string | undefined;
          do {
            const page = model.operators({ regionPrefix, limit, ...(status ? { status } : {}), ...(after ? { after } : {}) });
            expect(page.operators.length).toBeLessThanOrEqual(limit);
            seen.push(...page.operators.map((op) => op.id));
            after = page.next;
          } while (after);
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("keep the positions of each lot's events", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (steps) => {
        const events = history(steps);
        const { model } = build(events, { eventPositions: true });
        expect(build(events).model.lotEvents(events.find((e) => e.type === 'lot.commissioned')?.tags[0]?.slice(4) ?? '')).toBeUndefined();
        const expected = new Map<string, number[]>();
        for (const event of events) {
          for (const tag of event.tags) {
            if (tag.startsWith('lot:')) expected.set(tag.slice(4), [...(expected.get(tag.slice(4)) ?? []), event.position]);
          }
        }
        for (const [code, positions] of expected) expect(model.lotEvents(code)).toEqual(positions);
      }),
      { numRuns: 60 },
    );
  });
});

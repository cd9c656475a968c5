/**
 * Random trade: sequences of commands over several operators and lots, built
 * from the current state so that most succeed. After every step, every lot
 * balances, the lineage has no cycle, and each event's tags are exactly the
 * entities it changed — which is what lets the ledger compute `prev` from tags.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseStatus, childLinks, isRejectionCode, toThousandths, type LotState } from '../../src/domain/index.js';
import { Simulation, lotCodes, scenarioArbitrary } from './support/simulation.js';

const RUNS = 300;

/**
 * The balance of a lot, in integer thousandths of its unit. For every lot that
 * was not refused by its recipient:
 *
 *   quantity (produced, received or made) = available
 *     + held      (Σ shipment children still in transit)
 *     + shipped   (Σ shipment children accepted, or delivered on a market-entry certificate)
 *     + sold      (Σ retail sales of the lot)
 *     + processed (Σ portions of the lot consumed by merges and processing)
 *
 * A refused lot's quantity went back to its parent: all its counters are zero.
 */
function balanceProblems(lot: LotState, lots: ReadonlyMap<string, LotState>, history: TradeTotals): string[] {
  const quantity = toThousandths(lot.quantity);
  const available = toThousandths(lot.available);
  const held = toThousandths(lot.held);
  const shipped = toThousandths(lot.shipped);
  const sold = toThousandths(lot.sold);
  const processed = toThousandths(lot.processed);
  const problems: string[] = [];
  const check = (holds: boolean, problem: string) => {
    if (!holds) problems.push(`lot ${lot.code}: ${problem}`);
  };
  check(quantity > 0, 'quantity is not positive');
  check(
    [available, held, shipped, sold, processed].every((counter) => counter >= 0),
    'a counter is negative',
  );
  const status = baseStatus(lot);
  if (status === 'rejected') {
    check(available + held + shipped + sold + processed === 0, 'a refused lot still counts goods');
    return problems;
  }
  const accounted = available + held + shipped + sold + processed;
  check(accounted === quantity, 'quantity ≠ available + held + shipped + sold + processed');

  let inTransit = 0;
  let delivered = 0;
  for (const link of childLinks(lot).filter(({ via }) => via === 'shipment')) {
    const child = lots.get(link.code);
    if (!child) {
      check(false, `child ${link.code} does not exist`);
      continue;
    }
    const [parent, ...others] = child.parents;
    check(others.length === 0 && parent?.code === lot.code, `child ${link.code} has other parents`);
    const sameQuantity = parent?.quantity === link.quantity && child.quantity === link.quantity;
    check(sameQuantity, `child ${link.code} quantity differs`);
    const childStatus = baseStatus(child);
    if (childStatus === 'in-transit') inTransit += toThousandths(link.quantity);
    else if (childStatus !== 'rejected') delivered += toThousandths(link.quantity);
  }
  check(held === inTransit, 'held ≠ Σ children in transit');
  check(shipped === delivered, 'shipped ≠ Σ children accepted or delivered');
  check(sold === (history.sold.get(lot.code) ?? 0), 'sold ≠ Σ retail sales');
  check(processed === (history.processed.get(lot.code) ?? 0), 'processed ≠ Σ portions merged or processed');

  const empty = available === 0 && held === 0;
  if (status === 'depleted' || status === 'merged') check(empty, `${status} but not empty`);
  if (status === 'open' || status === 'received') check(!empty, `${status} but empty`);
  check((lot.status === 'frozen') === (lot.frozen !== undefined), 'frozen status and frozen info disagree');
  return problems;
}

/** cycleProblems walks every ancestor of a lot: it must never meet the lot itself, nor a parent that lost the link. */
function cycleProblems(lot: LotState, lots: ReadonlyMap<string, LotState>): string[] {
  const problems: string[] = [];
  for (const { code } of lot.parents) {
    const parent = lots.get(code);
    if (!parent || !childLinks(parent).some((link) => link.code === lot.code)) {
      problems.push(`lot ${lot.code}: parent ${code} does not list it as a child`);
    }
  }
  const seen = new Set<string>();
  const stack = lot.parents.map((parent) => parent.code);
  for (let code = stack.pop(); code !== undefined; code = stack.pop()) {
    if (code === lot.code) return [...problems, `lot ${lot.code} is its own ancestor`];
    if (seen.has(code)) continue;
    seen.add(code);
    stack.push(...(lots.get(code)?.parents.map((grandparent) => grandparent.code) ?? []));
  }
  return problems;
}

/** Retail sales and processing portions per lot, summed from the accepted events themselves. */
interface TradeTotals {
  readonly sold: Map<string, number>;
  readonly processed: Map<string, number>;
}

function addTo(totals: Map<string, number>, code: string, amount: number): void {
  totals.set(code, (totals.get(code) ?? 0) + toThousandths(amount));
}

describe('random trade', () => {
  it('keeps every lot balanced and acyclic, and tags every event with exactly what it changes', () => {
    const decided = { accepted: 0, rejected: 0 };
    const codes = new Map<string, number>();
    fc.assert(
      fc.property(scenarioArbitrary, (steps) => {
        const simulation = new Simulation();
        const totals: TradeTotals = { sold: new Map(), processed: new Map() };
        steps.forEach((step, index) => {
          const firstNew = simulation.applied.length;
          const { decision } = simulation.run(step, index);
          if (decision.ok) decided.accepted += 1;
          else {
            decided.rejected += 1;
            expect(isRejectionCode(decision.rejection.code)).toBe(true);
            codes.set(decision.rejection.code, (codes.get(decision.rejection.code) ?? 0) + 1);
          }
          const touched = new Set<string>();
          for (const { event, changed } of simulation.applied.slice(firstNew)) {
            expect(new Set(event.tags).size, 'no duplicate tags').toBe(event.tags.length);
            expect(new Set(event.tags), `${event.type} tags exactly what it changes`).toEqual(changed);
            for (const code of lotCodes(changed)) touched.add(code);
            if (event.type === 'lot.sold') addTo(totals.sold, event.data.code, event.data.quantity.amount);
            if (event.type === 'lot.processed') {
              for (const input of event.data.inputs) addTo(totals.processed, input.code, input.quantity.amount);
            }
          }
          const lots = new Map(simulation.lots().map((lot) => [lot.code, lot]));
          const problems = [...lots.values()].flatMap((lot) => balanceProblems(lot, lots, totals));
          // A cycle can only appear through a link added now, so the lots this step changed are the ones to walk.
          for (const code of touched) problems.push(...cycleProblems(lots.get(code) as LotState, lots));
          expect(problems, `after step ${index}`).toEqual([]);
        });
      }),
      { numRuns: RUNS },
    );
    // The generator is useful only if most commands go through and the refusals are varied.
    expect(decided.accepted).toBeGreaterThan(decided.rejected);
    expect(codes.size).toBeGreaterThanOrEqual(10);
  });

  it("lets the ledger compute prev from tags: each lot's chain is exactly the events that changed it", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (steps) => {
        const simulation = new Simulation();
        for (const [index, step] of steps.entries()) simulation.run(step, index);
        // prev, as the ledger computes it (DESIGN §4), with event indices standing in for hashes.
        const lastWithTag = new Map<string, number>();
        const prevOf = new Map<string, number | undefined>(); // `${index} ${code}` → previous event of that lot
        const changedBy = new Map<string, number[]>();
        simulation.applied.forEach(({ event, changed, created }, index) => {
          for (const code of lotCodes(event.tags)) {
            prevOf.set(`${index} ${code}`, lastWithTag.get(code));
            lastWithTag.set(code, index);
          }
          for (const code of lotCodes(created)) {
            expect(prevOf.get(`${index} ${code}`), 'a new lot has no prev').toBeUndefined();
          }
          for (const code of lotCodes(changed)) changedBy.set(code, [...(changedBy.get(code) ?? []), index]);
        });
        for (const [code, last] of lastWithTag) {
          const chain: number[] = [];
          for (let index: number | undefined = last; index !== undefined; index = prevOf.get(`${index} ${code}`)) {
            chain.unshift(index);
          }
          expect(chain, `history of lot ${code}`).toEqual(changedBy.get(code));
        }
      }),
      { numRuns: RUNS },
    );
  });
});

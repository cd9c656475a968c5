/**
 * Lineage walks against a naive breadth-first search over the domain's own
 * parent and child links: each lot once, at its smallest depth; exactly the
 * edges between listed lots; maxDepth and maxNodes respected, and
 * `truncated` set exactly when a limit left something out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childLinks, type LotState } from '../../src/domain/index.js';
import { scenarioArbitrary } from '../domain/support/simulation.js';
import { build } from './support/build.js';
import { history, naive } from './support/history.js';

type Direction = 'backward' | 'forward';

/** Every lot reachable from `root`, with its smallest depth. */
function depths(lots: Map<string, LotState>, root: string, direction: Direction): Map<string, number> {
  const next = (code: string) =>
    direction === 'backward' ? lots.get(code)!.parents.map((p) => p.code) : childLinks(lots.get(code)!).map((c) => c.code);
  const found = new Map([[root, 0]]);
  const queue = [root];
  for (let code = queue.shift(); code !== undefined; code = queue.shift()) {
    for (const other of next(code)) {
      if (found.has(other)) continue;
      found.set(other, found.get(code)! + 1);
      queue.push(other);
    }
  }
  return found;
}

/** Every edge between two lots of `included`, as "parent>child". */
function edgesAmong(lots: Map<string, LotState>, included: ReadonlySet<string>): string[] {
  const edges: string[] = [];
  for (const code of included) {
    for (const child of childLinks(lots.get(code)!)) if (included.has(child.code)) edges.push(`${code}>${child.code}`);
  }
  return edges.sort();
}

describe('lineage', () => {
  it('lists each reachable lot once at its smallest depth, with every edge between them, when unlimited', () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.constantFrom<Direction>('backward', 'forward'), (steps, direction) => {
        const events = history(steps);
        const { lots } = naive(events);
        const { model } = build(events);
        for (const code of lots.keys()) {
          const view = model.lineage(code, direction, { maxDepth: 1000, maxNodes: 1_000_000 })!;
          const expected = depths(lots, code, direction);
          expect(view.root).toBe(code);
          expect(view.nodes[0]).toMatchObject({ code, depth: 0 });
          expect(new Set(view.nodes.map((node) => node.code)).size, 'no lot twice').toBe(view.nodes.length);
          expect(new Map(view.nodes.map((node) => [node.code, node.depth]))).toEqual(expected);
          const edges = view.edges.map((edge) => `${edge.parent}>${edge.child}`);
          expect(new Set(edges).size, 'no edge twice').toBe(edges.length);
          expect(edges.sort()).toEqual(edgesAmong(lots, new Set(expected.keys())));
          expect(view.truncated).toBe(false);
          for (const node of view.nodes) expect(node.status).toBe(lots.get(node.code)!.status);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('respects maxDepth and maxNodes, keeps breadth-first order, and says when it cut', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.constantFrom<Direction>('backward', 'forward'),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 8 }),
        (steps, direction, maxDepth, maxNodes) => {
          const events = history(steps);
          const { lots } = naive(events);
          const { model } = build(events);
          for (const code of lots.keys()) {
            const view = model.lineage(code, direction, { maxDepth, maxNodes })!;
            const all = depths(lots, code, direction);
            const within = [...all.values()].filter((depth) => depth <= maxDepth).length;
            expect(view.nodes.length).toBeLessThanOrEqual(maxNodes);
            expect(view.nodes.length).toBe(Math.min(within, maxNodes));
            for (const node of view.nodes) {
              expect(node.depth).toBe(all.get(node.code));
              expect(node.depth).toBeLessThanOrEqual(maxDepth);
            }
            // Breadth first: a lot at depth d is listed only once every lot nearer than d is.
            const deepest = Math.max(...view.nodes.map((node) => node.depth));
            const nearer = [...all.values()].filter((depth) => depth < deepest).length;
            expect(view.nodes.filter((node) => node.depth < deepest).length).toBe(nearer);
            const included = new Set(view.nodes.map((node) => node.code));
            expect(view.edges.map((edge) => `${edge.parent}>${edge.child}`).sort()).toEqual(edgesAmong(lots, included));
            expect(view.truncated).toBe(included.size < all.size);
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});

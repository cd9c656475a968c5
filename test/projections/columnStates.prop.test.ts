/**
 * The column backend (ColumnStates: lots in the projection's columns, materialized on read) and
 * the object backend (a Map of the domain's states) are the same state: random trade histories
 * decided against each give the same decisions, and every entity is equal after every step,
 * after folding the log again (as the writer's recovery does) and after a snapshot image.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesOf, childLinks, evolve, type EntityState } from '../../src/domain/index.js';
import { ColumnStates } from '../../src/projections/index.js';
import { Simulation, scenarioArbitrary } from '../domain/support/simulation.js';

/** ColumnStates with values(), as the simulation reads its world. */
class SimulatedColumns extends ColumnStates {
  *values(): IterableIterator<EntityState> {
    for (const tag of this.keys()) yield this.get(tag)!;
  }
}

/** A lot's children as its own (the object backend shares a longer log between successive states). */
const comparable = (state: EntityState | undefined) =>
  state?.entity === 'lot' ? { ...state, childLog: childLinks(state), childCount: state.childCount } : state;

function expectSame(columns: ColumnStates, objects: { keys(): Iterable<string>; get(tag: string): EntityState | undefined }) {
  const tags = [...objects.keys()].sort();
  expect([...columns.keys()].sort()).toEqual(tags);
  for (const tag of tags) expect(comparable(columns.get(tag)), tag).toEqual(comparable(objects.get(tag)));
}

describe('ColumnStates', () => {
  it('decides and folds every random history exactly as the object backend does', () => {
    let wide = 0;
    let wideEdges = 0;
    fc.assert(
      fc.property(scenarioArbitrary, fc.constantFrom(0, 1, 3, 4096), (steps, recentLots) => {
        const objects = new Simulation();
        const columns = new SimulatedColumns(undefined, recentLots);
        const onColumns = new Simulation(columns);
        for (const [index, step] of steps.entries()) {
          const expected = objects.run(step, index);
          const actual = onColumns.run(step, index);
          expect(actual).toEqual(expected);
        }
        expectSame(columns, objects.states as Map<string, EntityState>);
        expect(columns.lots.size).toBe(objects.lots().length);
        wide += columns.lots.table.wideAmounts.size;
        wideEdges += columns.lots.graph.wideQuantities.size;
      }),
      { numRuns: 60 },
    );
    // Some amounts (of lots and of the edges between them) did not fit Uint32 thousandths, and came back exact all the same.
    expect(wide).toBeGreaterThan(0);
    expect(wideEdges).toBeGreaterThan(0);
  });

  it('folds the log as recovery does (only the tags of each event), and survives its snapshot image', () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.constantFrom(0, 4096), (steps, recentLots) => {
        const objects = new Simulation();
        const initial = new Map(objects.states as Map<string, EntityState>);
        for (const [index, step] of steps.entries()) objects.run(step, index);
        const folded = new ColumnStates();
        for (const [tag, state] of initial) folded.set(tag, state);
        for (const { event } of objects.applied) {
          for (const [tag, next] of changesOf(event, folded)) folded.set(tag, next);
          folded.applied(event);
        }
        expectSame(folded, objects.states as Map<string, EntityState>);
        // Folded by the backend itself (lots on their rows, as recovery does), starting with some lots kept as objects.
        const onRows = new ColumnStates(undefined, recentLots);
        for (const [tag, state] of initial) onRows.set(tag, state);
        for (const { event } of objects.applied) {
          onRows.fold(event, { evolve });
          for (const tag of event.tags) onRows.get(tag); // keeps it as an object, which the next event must not read stale
        }
        expectSame(onRows, objects.states as Map<string, EntityState>);
        const records = (states: ColumnStates) => Array.from({ length: states.lots.size }, (_, id) => states.lots.table.recordsOf(id));
        expect(records(onRows)).toEqual(records(folded));
        // Through the image, with nothing kept as objects: every lot is read from its row.
        const restored = new ColumnStates();
        restored.importImage(structuredClone(folded.exportImage()));
        expectSame(restored, objects.states as Map<string, EntityState>);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps lots with codes the columns cannot hold, and refuses to remove a lot', () => {
    const states = new ColumnStates();
    const odd = { entity: 'lot', code: 'x' } as unknown as EntityState;
    states.set('lot:x', odd);
    expect(states.get('lot:x')).toBe(odd);
    expect(states.lots.size).toBe(0);
    const restored = new ColumnStates();
    restored.importImage(structuredClone(states.exportImage()));
    expect(restored.get('lot:x')).toEqual(odd);
    expect(states.delete('lot:x')).toBe(true);
    expect(states.get('lot:x')).toBeUndefined();
  });
});

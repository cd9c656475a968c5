/**
 * Random histories for projection tests: the domain's trade simulation
 * (commands built from the current state, decided and evolved by the real
 * domain), its events numbered as a log would number them.
 */
import { createHash } from 'node:crypto';
import {
  childLinks,
  foldEvents,
  type DomainEvent,
  type EntityState,
  type LotState,
  type OperatorState,
} from '../../../src/domain/index.js';
import type { SealedEvent } from '../../../src/store/index.js';
import { FARM, WHOLESALER, onboarded, registered } from '../../domain/support/fixtures.js';
import { OPERATORS, Simulation, type Step } from '../../domain/support/simulation.js';

/** seal numbers events from `start` and gives each a stand-in hash (projections never check hashes). */
export function seal(events: readonly DomainEvent[], start = 0): SealedEvent[] {
  return events.map((event, i) => {
    const position = start + i;
    return {
      v: 1,
      position,
      type: event.type,
      time: event.time,
      actor: event.actor,
      tags: [...event.tags],
      data: event.data,
      prev: [],
      hash: createHash('sha256').update(`${position}:${event.type}`).digest('hex'),
    };
  });
}

/**
 * The simulation starts from operators folded in directly, not from events
 * it records: the log starts with the same onboarding (the stallholder left
 * pending).
 */
function preamble(): DomainEvent[] {
  const [, , stall, grower] = OPERATORS;
  return [...onboarded(FARM), ...onboarded(WHOLESALER), ...onboarded(grower!), registered(stall!)];
}

/** history runs the steps through the simulation and returns the onboarding and its events as a log. */
export function history(steps: readonly Step[]): SealedEvent[] {
  const simulation = new Simulation();
  for (const [index, step] of steps.entries()) simulation.run(step, index);
  return seal([...preamble(), ...simulation.applied.map(({ event }) => event)]);
}

/** Naive recomputation: fold the whole log with the domain and split lots from operators. */
export function naive(events: readonly SealedEvent[]): { lots: Map<string, LotState>; operators: Map<string, OperatorState> } {
  const states: Map<string, EntityState> = foldEvents(events as unknown as DomainEvent[]);
  const lots = new Map<string, LotState>();
  const operators = new Map<string, OperatorState>();
  for (const state of states.values()) {
    if (state.entity === 'lot') lots.set(state.code, state);
    else if (state.entity === 'operator') operators.set(state.id, state);
  }
  return { lots, operators };
}

/** A lot state with its children as a plain list, for comparing states built in different ways. */
export function comparable(lot: LotState): Omit<LotState, 'childLog' | 'childCount'> & { children: unknown[] } {
  const { childLog: _log, childCount: _count, ...rest } = lot;
  return { ...rest, children: childLinks(lot) };
}

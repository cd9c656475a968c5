/**
 * evolve: how one event changes the entity behind one tag. Pure; returns a
 * new state object, or undefined when the event leaves that entity as it was.
 * The ledger calls it for each tag of each event, and nothing else changes.
 *
 * Requires `tag` to be one of `event.tags`. Most events name their entities
 * in their data as well and leave other entities alone, but a freeze or
 * release (which may tag 100,000 lots) takes its tag as the lot to change,
 * so that evolving all its tags costs O(tags), not O(tags²).
 */
import type { DomainEvent } from './events.js';
import { evolveCase } from './enforcement/index.js';
import { evolveCaptured } from './epcis/index.js';
import { evolveLot } from './lot/index.js';
import { evolveAlert, evolveRecall, evolveSample, evolveTask } from './monitoring/index.js';
import { evolveOperator } from './operator/index.js';
import { evolvePrincipal, principalIdOf } from './principal/index.js';
import type { EntityState, StateView } from './state.js';
import { evolveInspection } from './supervision/index.js';
import { parseTag, type ParsedTag } from './tags.js';

export function evolve(tag: string, state: EntityState | undefined, event: DomainEvent): EntityState | undefined {
  const parsed = parseTag(tag);
  if (parsed) return evolveEntity(parsed, state, event);
  const principalId = principalIdOf(tag);
  if (principalId !== undefined) {
    return evolvePrincipal(principalId, state?.entity === 'principal' ? state : undefined, event);
  }
  return undefined;
}

function evolveEntity({ entity, id }: ParsedTag, state: EntityState | undefined, event: DomainEvent): EntityState | undefined {
  const own = state?.entity === entity ? state : undefined;
  switch (entity) {
    case 'lot':
      return evolveLot(id, own as Extract<EntityState, { entity: 'lot' }> | undefined, event);
    case 'operator':
      return evolveOperator(id, own as Extract<EntityState, { entity: 'operator' }> | undefined, event);
    case 'inspection':
      return evolveInspection(id, own as Extract<EntityState, { entity: 'inspection' }> | undefined, event);
    case 'task':
      return evolveTask(id, own as Extract<EntityState, { entity: 'task' }> | undefined, event);
    case 'sample':
      return evolveSample(id, own as Extract<EntityState, { entity: 'sample' }> | undefined, event);
    case 'alert':
      return evolveAlert(id, own as Extract<EntityState, { entity: 'alert' }> | undefined, event);
    case 'case':
      return evolveCase(id, own as Extract<EntityState, { entity: 'case' }> | undefined, event);
    case 'recall':
      return evolveRecall(id, own as Extract<EntityState, { entity: 'recall' }> | undefined, event);
    case 'epcis':
      return evolveCaptured(id, own as Extract<EntityState, { entity: 'epcis' }> | undefined, event);
  }
}

/** changesOf returns the new state of every entity the event changes, read against `view`. */
export function changesOf(event: DomainEvent, view: StateView): Map<string, EntityState> {
  const changes = new Map<string, EntityState>();
  for (const tag of event.tags) {
    const next = evolve(tag, changes.get(tag) ?? view.get(tag), event);
    if (next) changes.set(tag, next);
  }
  return changes;
}

/** foldEvents replays events, in order, over a copy of `initial` (e.g. to rebuild state from the log). */
export function foldEvents(
  events: Iterable<DomainEvent>,
  initial: Iterable<readonly [string, EntityState]> = [],
): Map<string, EntityState> {
  const states = new Map(initial);
  for (const event of events) {
    for (const [tag, next] of changesOf(event, states)) states.set(tag, next);
  }
  return states;
}

/**
 * A cascading freeze of a lot with 100,000 descendants costs O(descendants):
 * deciding it reads each lot a bounded number of times, and evolving its one
 * event touches each tagged lot once, never searching the event's list of
 * codes for it. Work is counted through an instrumented view and event, not
 * timed: a budget exceeded throws at once, so quadratic code fails fast.
 */
import { describe, expect, it } from 'vitest';
import {
  actorId,
  changesOf,
  decide,
  foldEvents,
  generateTraceCode,
  lotTag,
  type Actor,
  type ChildLink,
  type Command,
  type DomainEvent,
  type EntityState,
  type LotState,
  type StateView,
} from '../../../src/domain/index.js';
import { CABBAGE, EARLIER, FARM, GZ_INSPECTOR, NOW, ORIGIN, PANYU, onboarded } from '../support/fixtures.js';

const DESCENDANTS = 100_000;
/** Reads of the view allowed per lot, deciding or evolving. */
const READS_PER_LOT = 4;

/** A binary tree of processing steps: lot i made lots 2i+1 and 2i+2, all held by the farm. */
function tree(descendants: number): { codes: string[]; states: Map<string, EntityState> } {
  const count = descendants + 1;
  const codes = Array.from({ length: count }, (_, i) =>
    generateTraceCode({ kind: i === 0 ? 1 : 2, region: PANYU, serial: String(i).padStart(11, '0') }),
  );
  const states = foldEvents(onboarded(FARM));
  for (let i = 0; i < count; i++) {
    const childLog: ChildLink[] = [2 * i + 1, 2 * i + 2]
      .filter((child) => child < count)
      .map((child) => ({ code: codes[child]!, quantity: 1, via: 'process' }));
    const lot: LotState = {
      entity: 'lot',
      code: codes[i]!,
      kind: i === 0 ? 1 : 2,
      region: PANYU,
      status: 'open',
      madeBy: i === 0 ? 'commission' : 'process',
      product: CABBAGE,
      unit: 'kg',
      quantity: 1,
      available: 1,
      held: 0,
      shipped: 0,
      sold: 0,
      processed: 0,
      issuer: FARM.id,
      holder: FARM.id,
      parents: i === 0 ? [] : [{ code: codes[(i - 1) >> 1]!, quantity: 1 }],
      childLog,
      childCount: childLog.length,
      origin: ORIGIN,
      producedAt: '2026-11-01',
      claims: [],
      records: 0,
      createdAt: EARLIER,
    };
    states.set(lotTag(lot.code), lot);
  }
  return { codes, states };
}

/** A view over `states` that counts its reads and throws past `budget`. */
function countingView(states: ReadonlyMap<string, EntityState>, budget: number): StateView & { readonly reads: () => number } {
  let reads = 0;
  return {
    get(tag) {
      reads += 1;
      if (reads > budget) throw new Error(`more than ${budget} reads of the view`);
      return states.get(tag);
    },
    reads: () => reads,
  };
}

/** `items`, counting every element read (includes, indexOf, indexing) and throwing past `budget`. */
function countingArray<T>(items: readonly T[], budget: number): { readonly items: T[]; readonly reads: () => number } {
  let reads = 0;
  const proxy = new Proxy([...items], {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        reads += 1;
        if (reads > budget) throw new Error(`more than ${budget} reads of an event's list`);
      }
      return Reflect.get(target, key, receiver);
    },
  });
  return { items: proxy, reads: () => reads };
}

/** decideCounted decides `command` through a counting view and returns its single event, stamped. */
function decideCounted(command: Command, actor: Actor, states: ReadonlyMap<string, EntityState>, lots: number): DomainEvent {
  const view = countingView(states, READS_PER_LOT * lots);
  const decision = decide(command, { actor, time: NOW }, view);
  if (!decision.ok) throw new Error(`${decision.rejection.code}: ${decision.rejection.message}`);
  expect(decision.events).toHaveLength(1);
  expect(view.reads()).toBeLessThanOrEqual(READS_PER_LOT * lots);
  return { ...decision.events[0]!, actor: actorId(actor), time: NOW } as DomainEvent;
}

/** evolveCounted applies `event` to every lot it tags, counting reads of the view and of the event's lists. */
function evolveCounted(event: DomainEvent & { data: { codes: string[] } }, states: ReadonlyMap<string, EntityState>, lots: number) {
  const view = countingView(states, READS_PER_LOT * lots);
  const tags = countingArray(event.tags, 2 * lots);
  const codes = countingArray(event.data.codes, 2 * lots);
  const counted = { ...event, tags: tags.items, data: { ...event.data, codes: codes.items } } as DomainEvent;
  const changes = changesOf(counted, view);
  expect(view.reads()).toBeLessThanOrEqual(READS_PER_LOT * lots);
  expect(tags.reads() + codes.reads()).toBeLessThanOrEqual(2 * lots);
  return changes;
}

describe('a cascading freeze of 100,000 descendants', () => {
  const { codes, states } = tree(DESCENDANTS);
  const lots = codes.length;

  it('freezes every descendant, reading each lot a bounded number of times', () => {
    const freeze: Command = { type: 'lot.freeze', code: codes[0]!, reason: '农残超标', cascade: true };
    const event = decideCounted(freeze, GZ_INSPECTOR, states, lots);
    expect(event.type).toBe('lot.frozen');
    if (event.type !== 'lot.frozen') return;
    expect(event.data.codes).toHaveLength(lots);
    expect(event.tags.every((tag, i) => tag === lotTag(event.data.codes[i]!))).toBe(true);

    const changes = evolveCounted(event, states, lots);
    const frozen = codes.filter((code) => {
      const lot = changes.get(lotTag(code));
      return lot?.entity === 'lot' && lot.status === 'frozen' && lot.frozen?.region === '4401';
    });
    expect(frozen).toHaveLength(lots);
  });

  it('releases them all again at the same cost', () => {
    const frozenStates = new Map(states);
    for (const code of codes) {
      const lot = states.get(lotTag(code)) as LotState;
      const frozen = { reason: '农残超标', at: NOW, by: actorId(GZ_INSPECTOR), region: '4401', resumeStatus: 'open' } as const;
      frozenStates.set(lotTag(code), { ...lot, status: 'frozen', frozen });
    }

    const release: Command = { type: 'lot.release', code: codes[0]!, reason: '复检合格', cascade: true };
    const event = decideCounted(release, GZ_INSPECTOR, frozenStates, lots);
    expect(event.type).toBe('lot.released');
    if (event.type !== 'lot.released') return;
    const changes = evolveCounted(event, frozenStates, lots);
    const open = codes.filter((code) => {
      const lot = changes.get(lotTag(code));
      return lot?.entity === 'lot' && lot.status === 'open' && lot.frozen === undefined;
    });
    expect(open).toHaveLength(lots);
  });
});

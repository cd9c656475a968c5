import { describe, expect, it } from 'vitest';
import { changesOf, evolve, foldEvents, lotTag, operatorTag, type DomainEvent, type EntityState } from '../../src/domain/index.js';
import { FARM, PANYU, WHOLESALER, commissioned, freshCode, frozenEvent, onboarded, received, shipped } from './support/fixtures.js';

const ROOT = freshCode(1, PANYU);
const CHILD = freshCode(2, PANYU);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('evolve', () => {
  const history: DomainEvent[] = [
    ...onboarded(FARM),
    ...onboarded(WHOLESALER),
    commissioned(ROOT, 100),
    shipped({ from: ROOT, child: CHILD, amount: 100, to: WHOLESALER }),
  ];

  it('returns new objects and never mutates state or event', () => {
    const states = foldEvents(history);
    for (const state of states.values()) deepFreeze(state);
    const accepted = deepFreeze(received('lot.accepted', { child: CHILD, from: ROOT, amount: 100 }));
    const before = structuredClone([...states]);
    const parent = evolve(lotTag(ROOT), states.get(lotTag(ROOT)), accepted);
    expect(parent).not.toBe(states.get(lotTag(ROOT)));
    expect([...states]).toEqual(before);
  });

  it('leaves entities the event does not concern unchanged', () => {
    const states = foldEvents(history);
    const event = received('lot.accepted', { child: CHILD, from: ROOT, amount: 100 });
    expect(evolve(operatorTag(FARM.id), states.get(operatorTag(FARM.id)), event)).toBeUndefined();
    expect(evolve(lotTag(freshCode(1, PANYU)), undefined, event)).toBeUndefined();
    expect(evolve('sample:42', undefined, event)).toBeUndefined();
    const elsewhere = commissioned(freshCode(1, PANYU), 1);
    expect(evolve(lotTag(ROOT), states.get(operatorTag(FARM.id)), elsewhere)).toBeUndefined();
  });

  it('keeps the status to resume current while a lot is frozen', () => {
    const states = foldEvents([
      ...history,
      frozenEvent('lot.frozen', [ROOT]),
      received('lot.accepted', { child: CHILD, from: ROOT, amount: 100 }),
    ]);
    expect(states.get(lotTag(ROOT))).toMatchObject({
      status: 'frozen',
      frozen: { resumeStatus: 'depleted' },
      shipped: 100,
    });
    const released = foldEvents([frozenEvent('lot.released', [ROOT])], states);
    expect(released.get(lotTag(ROOT))).toMatchObject({ status: 'depleted' });
  });

  it('brings a lot back to life when goods it had fully shipped are refused', () => {
    const states = foldEvents([...history, received('lot.rejected', { child: CHILD, from: ROOT, amount: 100 })]);
    expect(states.get(lotTag(ROOT))).toMatchObject({ status: 'open', available: 100, held: 0 });
    expect(states.get(lotTag(CHILD))).toMatchObject({ status: 'rejected', available: 0 });
  });

  it('changesOf returns the new state of each tagged entity, reading through a view', () => {
    const states = foldEvents(history);
    const view = { get: (tag: string): EntityState | undefined => states.get(tag) };
    const changes = changesOf(received('lot.accepted', { child: CHILD, from: ROOT, amount: 100 }), view);
    expect([...changes.keys()]).toEqual([lotTag(CHILD), lotTag(ROOT)]);
    expect(states.get(lotTag(CHILD))).toMatchObject({ status: 'in-transit' });
  });

  it('freezes and releases through changesOf exactly the lots the event tags', () => {
    const other = freshCode(1, PANYU);
    const states = foldEvents([...history, commissioned(other, 5)]);
    const freeze = frozenEvent('lot.frozen', [ROOT, CHILD], true);
    const frozen = changesOf(freeze, states);
    expect([...frozen.keys()]).toEqual([lotTag(ROOT), lotTag(CHILD)]);
    expect(frozen.get(lotTag(CHILD))).toMatchObject({ status: 'frozen', frozen: { resumeStatus: 'in-transit', region: '4401' } });
    const after = foldEvents([freeze], states);
    expect(after.get(lotTag(other))).toMatchObject({ status: 'open' });
    expect([...changesOf(frozenEvent('lot.released', [CHILD]), after).keys()]).toEqual([lotTag(CHILD)]);
  });

  it('leaves a lot frozen already as it was, and one not frozen as it is on release', () => {
    const states = foldEvents([...history, frozenEvent('lot.frozen', [ROOT])]);
    expect(evolve(lotTag(ROOT), states.get(lotTag(ROOT)), frozenEvent('lot.frozen', [ROOT]))).toBeUndefined();
    expect(evolve(lotTag(CHILD), states.get(lotTag(CHILD)), frozenEvent('lot.released', [CHILD]))).toBeUndefined();
  });

  it('foldEvents does not touch the state it starts from', () => {
    const states = foldEvents(history);
    const snapshot = structuredClone([...states]);
    foldEvents([received('lot.accepted', { child: CHILD, from: ROOT, amount: 100 })], states);
    expect([...states]).toEqual(snapshot);
  });
});

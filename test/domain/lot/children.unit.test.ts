import { describe, expect, it } from 'vitest';
import { childLinks, withChildren, type ChildLink } from '../../../src/domain/index.js';

const link = (code: string): ChildLink => ({ code, quantity: 1, via: 'shipment' });

describe('a lot’s children log', () => {
  it('keeps every state’s own children when successors fork (a refused command’s state is dropped)', () => {
    const empty = { childLog: [] as ChildLink[], childCount: 0 };
    const a = withChildren(empty, [link('a')]);
    const ab = withChildren(a, [link('b')]);
    // A second successor of `a`, as when the batch that made `ab` was refused.
    const ac = withChildren(a, [link('c')]);
    const acd = withChildren(ac, [link('d')]);
    expect(childLinks(empty)).toEqual([]);
    expect(childLinks(a)).toEqual([link('a')]);
    expect(childLinks(ab)).toEqual([link('a'), link('b')]);
    expect(childLinks(ac)).toEqual([link('a'), link('c')]);
    expect(childLinks(acd)).toEqual([link('a'), link('c'), link('d')]);
  });

  it('appends without copying while states follow one another', () => {
    let state = { childLog: [] as ChildLink[], childCount: 0 } as ReturnType<typeof withChildren>;
    const first = withChildren(state, [link('0')]);
    state = first;
    for (let i = 1; i < 1000; i++) state = withChildren(state, [link(String(i))]);
    expect(state.childLog).toBe(first.childLog);
    expect(state.childCount).toBe(1000);
    expect(childLinks(first)).toEqual([link('0')]);
  });
});

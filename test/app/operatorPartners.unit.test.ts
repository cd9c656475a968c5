/** Recent partners on the device, and which lot in transit a scanned code names. */
import { describe, expect, it } from 'vitest';
import { matchIncoming } from '../../app/src/screens/operator/incoming.js';
import {
  loadPartners,
  PARTNERS_KEPT,
  type PartnerStorage,
  parsePartners,
  rememberPartner,
  savePartner,
} from '../../app/src/screens/operator/partners.js';

function memoryStorage(): PartnerStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('rememberPartner', () => {
  it('puts the latest partner first, once', () => {
    const list = rememberPartner([{ id: 'a' }, { id: 'b', name: 'B' }], { id: 'b' });
    expect(list).toEqual([{ id: 'b', name: 'B' }, { id: 'a' }]);
  });

  it('takes a name learnt now', () => {
    expect(rememberPartner([{ id: 'a' }], { id: 'a', name: '批发行' })).toEqual([{ id: 'a', name: '批发行' }]);
  });

  it(`keeps at most ${PARTNERS_KEPT}`, () => {
    let list = rememberPartner([], { id: 'p0' });
    for (let n = 1; n < 20; n++) list = rememberPartner(list, { id: `p${n}` });
    expect(list).toHaveLength(PARTNERS_KEPT);
    expect(list[0]).toEqual({ id: 'p19' });
  });
});

describe('parsePartners', () => {
  it.each([null, '', 'not json', '{"id":"a"}', '42'])('reads %j as no partners', (text) => expect(parsePartners(text)).toEqual([]));

  it('drops damaged entries and stray fields', () => {
    expect(
      parsePartners(JSON.stringify([{ id: 'a', name: 'A', key: 'x' }, { id: '' }, null, { name: 'no id' }, { id: 'b', name: 3 }])),
    ).toEqual([{ id: 'a', name: 'A' }, { id: 'b' }]);
  });
});

describe('savePartner and loadPartners', () => {
  it('keeps each operator’s partners apart on one device', () => {
    const storage = memoryStorage();
    savePartner(storage, 'farm', { id: 'wholesaler', name: '批发行' });
    savePartner(storage, 'farm', { id: 'store' });
    savePartner(storage, 'other', { id: 'x' });
    expect(loadPartners(storage, 'farm')).toEqual([{ id: 'store' }, { id: 'wholesaler', name: '批发行' }]);
    expect(loadPartners(storage, 'other')).toEqual([{ id: 'x' }]);
    expect(loadPartners(storage, 'nobody')).toEqual([]);
  });
});

describe('matchIncoming', () => {
  const inTransit = [{ code: 'child-1' }, { code: 'child-2' }];
  const parents: Record<string, string[]> = { 'child-1': ['parent-a'], 'child-2': ['parent-b'] };

  it('finds a lot in transit by its own code', () => {
    expect(matchIncoming(' child-2 ', inTransit, () => undefined)).toEqual({ kind: 'direct', lot: { code: 'child-2' } });
  });

  it('finds the one child in transit of a scanned parent', () => {
    expect(matchIncoming('parent-a', inTransit, (child) => parents[child])).toEqual({
      kind: 'via-parent',
      lot: { code: 'child-1' },
      parent: 'parent-a',
    });
  });

  it('names nothing when two children share the parent, or none does', () => {
    expect(matchIncoming('parent-a', inTransit, () => ['parent-a'])).toEqual({ kind: 'none' });
    expect(matchIncoming('parent-c', inTransit, (child) => parents[child])).toEqual({ kind: 'none' });
    expect(matchIncoming('', inTransit, () => undefined)).toEqual({ kind: 'none' });
  });
});

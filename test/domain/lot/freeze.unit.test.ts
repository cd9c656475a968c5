import { describe, expect, it } from 'vitest';
import { lotTag, type DomainEvent, type FreezeLot, type ReleaseLot } from '../../../src/domain/index.js';
import {
  ADMIN,
  FARM,
  FURONG,
  GD_REVIEWER,
  GZ_INSPECTOR,
  HN_INSPECTOR,
  NOW,
  PANYU,
  STALL,
  TIANHE,
  WHOLESALER,
  as,
  authority,
  commissioned,
  freshCode,
  frozenEvent,
  merged,
  onboarded,
  received,
  shipped,
} from '../support/fixtures.js';
import { given } from '../support/givenWhenThen.js';

const GD_INSPECTOR = authority('inspector', '44');
const PANYU_INSPECTOR = authority('inspector', PANYU);

const ROOT = freshCode(1, PANYU); // 100 kg at the farm
const CHILD = freshCode(2, PANYU); // 40 kg accepted by the wholesaler
const CERTIFICATE = freshCode(3, TIANHE); // 10 kg from the wholesaler to a market buyer
const MERGED = freshCode(2, PANYU); // 50 kg of the root merged at the farm
const RETURNED = freshCode(2, PANYU); // 5 kg refused by the wholesaler
const REASON = '农残超标';

const freeze = (cascade = false, code = ROOT): FreezeLot => ({ type: 'lot.freeze', code, reason: REASON, cascade });
const release = (cascade = false, code = ROOT): ReleaseLot => ({ type: 'lot.release', code, reason: '复检合格', cascade });

const lineage = () => [
  ...onboarded(FARM),
  ...onboarded(WHOLESALER),
  commissioned(ROOT, 100),
  shipped({ from: ROOT, child: CHILD, amount: 40, to: WHOLESALER }),
  received('lot.accepted', { child: CHILD, from: ROOT, amount: 40 }),
  shipped({ from: CHILD, child: CERTIFICATE, amount: 10, by: WHOLESALER }),
  merged([[ROOT, 50]], MERGED),
  shipped({ from: ROOT, child: RETURNED, amount: 5, to: WHOLESALER }),
  received('lot.rejected', { child: RETURNED, from: ROOT, amount: 5 }),
];

describe('lot.freeze', () => {
  it('freezes a lot, remembering the status to return to', () => {
    const then = given(lineage()).when(freeze(), GZ_INSPECTOR);
    then.thenEmits([{ type: 'lot.frozen', tags: [lotTag(ROOT)], data: { codes: [ROOT], reason: REASON, cascade: false, region: '4401' } }]);
    expect(then.thenState(lotTag(ROOT))).toMatchObject({
      status: 'frozen',
      frozen: { reason: REASON, at: NOW, by: 'authority:inspector-4401', region: '4401', resumeStatus: 'open' },
    });
  });

  it('freezes every descendant with cascade, except goods refused and returned', () => {
    const codes = [ROOT, CHILD, MERGED, CERTIFICATE];
    given(lineage())
      .when(freeze(true), ADMIN)
      .thenEmits([{ type: 'lot.frozen', tags: codes.map(lotTag), data: { codes, reason: REASON, cascade: true, region: '' } }]);
  });

  it('leaves descendants that are frozen already out of a cascade, but not their own descendants', () => {
    const codes = [ROOT, MERGED, CERTIFICATE];
    given(lineage(), frozenEvent('lot.frozen', [CHILD]))
      .when(freeze(true), ADMIN)
      .thenEmits([{ type: 'lot.frozen', tags: codes.map(lotTag), data: { codes, reason: REASON, cascade: true, region: '' } }]);
  });

  it('freezes a lot in transit, which resumes its journey when released', () => {
    const inTransit = freshCode(2, PANYU);
    const history = [...lineage(), shipped({ from: ROOT, child: inTransit, amount: 1, to: WHOLESALER })];
    expect(given(history).when(freeze(false, inTransit), GZ_INSPECTOR).thenState(lotTag(inTransit))).toMatchObject({
      status: 'frozen',
      frozen: { resumeStatus: 'in-transit' },
    });
    const released = given(history, frozenEvent('lot.frozen', [inTransit])).when(release(false, inTransit), GZ_INSPECTOR);
    expect(released.thenState(lotTag(inTransit))).toMatchObject({ status: 'in-transit' });
    expect((released.thenState(lotTag(inTransit)) as { frozen?: unknown }).frozen).toBeUndefined();
  });

  it('refuses operators and authorities that do not freeze', () => {
    given(lineage()).when(freeze(), as(FARM)).thenRejects('Forbidden');
    given(lineage()).when(freeze(), GD_REVIEWER).thenRejects('Forbidden');
  });

  it('refuses an unknown lot', () =>
    given(lineage())
      .when(freeze(false, freshCode(1, PANYU)), ADMIN)
      .thenRejects('UnknownLot', 'code'));

  it('refuses an authority outside the lot region', () => given(lineage()).when(freeze(), HN_INSPECTOR).thenRejects('OutOfRegion', 'code'));

  it('lets an authority act on a lot now held in its region', () => {
    const toChangsha = freshCode(2, PANYU);
    const history = [
      ...lineage(),
      ...onboarded(STALL),
      shipped({ from: ROOT, child: toChangsha, amount: 1, to: STALL }),
      received('lot.accepted', { child: toChangsha, from: ROOT, amount: 1, to: STALL }),
    ];
    given(history).when(freeze(false, toChangsha), HN_INSPECTOR).thenAccepts();
  });

  it('refuses a cascade reaching a descendant outside the region', () => {
    const toChangsha = freshCode(2, PANYU);
    const stallCertificate = freshCode(3, FURONG);
    const history = [
      ...lineage(),
      ...onboarded(STALL),
      shipped({ from: ROOT, child: toChangsha, amount: 1, to: STALL }),
      received('lot.accepted', { child: toChangsha, from: ROOT, amount: 1, to: STALL }),
      shipped({ from: toChangsha, child: stallCertificate, amount: 1, by: STALL }),
    ];
    given(history).when(freeze(true), GZ_INSPECTOR).thenRejects('OutOfRegion', 'code');
    given(history).when(freeze(true), ADMIN).thenAccepts();
  });

  it('refuses a lot that is frozen already, with all its descendants if asked', () => {
    given(lineage(), frozenEvent('lot.frozen', [ROOT]))
      .when(freeze(), GZ_INSPECTOR)
      .thenRejects('AlreadyFrozen', 'code');
    given(lineage(), frozenEvent('lot.frozen', [ROOT, CHILD, MERGED, CERTIFICATE]))
      .when(freeze(true), ADMIN)
      .thenRejects('AlreadyFrozen', 'code');
  });

  it('refuses a freeze without a reason', () =>
    given(lineage())
      .when({ ...freeze(), reason: '' }, ADMIN)
      .thenRejects('InvalidCommand', 'reason'));
});

describe('lot.release', () => {
  it('releases a frozen lot to the status it had', () => {
    const then = given(lineage(), frozenEvent('lot.frozen', [ROOT])).when(release(), GZ_INSPECTOR);
    then.thenEmits([{ type: 'lot.released', tags: [lotTag(ROOT)], data: { codes: [ROOT], reason: '复检合格', cascade: false } }]);
    expect(then.thenState(lotTag(ROOT))).toMatchObject({ status: 'open', available: 10 });
    expect((then.thenState(lotTag(ROOT)) as { frozen?: unknown }).frozen).toBeUndefined();
  });

  it('releases every frozen descendant with cascade', () =>
    given(lineage(), frozenEvent('lot.frozen', [ROOT, CHILD, CERTIFICATE]))
      .when(release(true), ADMIN)
      .thenEmits([
        {
          type: 'lot.released',
          tags: [ROOT, CHILD, CERTIFICATE].map(lotTag),
          data: { codes: [ROOT, CHILD, CERTIFICATE], reason: '复检合格', cascade: true },
        },
      ]));

  it('refuses operators, unknown lots and authorities of other regions', () => {
    const frozen = [...lineage(), frozenEvent('lot.frozen', [ROOT])];
    given(frozen).when(release(), as(FARM)).thenRejects('Forbidden');
    given(frozen)
      .when(release(false, freshCode(1, PANYU)), ADMIN)
      .thenRejects('UnknownLot', 'code');
    given(frozen).when(release(), HN_INSPECTOR).thenRejects('OutOfRegion', 'code');
  });

  it('refuses a lot that is not frozen', () => {
    given(lineage()).when(release(), GZ_INSPECTOR).thenRejects('NotFrozen', 'code');
    given(lineage()).when(release(true), GZ_INSPECTOR).thenRejects('NotFrozen', 'code');
  });
});

describe('who may release a freeze', () => {
  it('records the region prefix of the authority that froze the lot', () => {
    const cityScope = authority('enforcer', '440100');
    const then = given(lineage()).when(freeze(), cityScope);
    expect(then.decision).toMatchObject({ ok: true, events: [{ data: { region: '4401' } }] });
    expect(then.thenState(lotTag(ROOT))).toMatchObject({ frozen: { by: 'authority:enforcer-440100', region: '4401' } });
  });

  it('refuses an authority whose region does not cover the region that froze the lot, naming it', () => {
    const frozenByProvince = [...lineage(), frozenEvent('lot.frozen', [ROOT], false, GD_INSPECTOR)];
    const then = given(frozenByProvince).when(release(), GZ_INSPECTOR);
    then.thenRejects('OutOfRegion', 'code');
    expect(then.decision.ok || then.decision.rejection.message).toContain('"44"');
    given(frozenByProvince).when(release(), PANYU_INSPECTOR).thenRejects('OutOfRegion', 'code');
  });

  it('lets the freezing region, a region covering it, and a national admin release', () => {
    const frozenByCity = [...lineage(), frozenEvent('lot.frozen', [ROOT], false, GZ_INSPECTOR)];
    given(frozenByCity).when(release(), GZ_INSPECTOR).thenAccepts();
    given(frozenByCity).when(release(), authority('monitor', '440100')).thenAccepts();
    given(frozenByCity).when(release(), GD_INSPECTOR).thenAccepts();
    given(frozenByCity).when(release(), ADMIN).thenAccepts();
    given(frozenByCity).when(release(), PANYU_INSPECTOR).thenRejects('OutOfRegion', 'code');
  });

  it('keeps a national freeze for national authorities', () => {
    const frozenNationally = [...lineage(), frozenEvent('lot.frozen', [ROOT], false, ADMIN)];
    const then = given(frozenNationally).when(release(), GD_INSPECTOR);
    then.thenRejects('OutOfRegion', 'code');
    expect(then.decision.ok || then.decision.rejection.message).toContain('national');
    given(frozenNationally).when(release(), authority('inspector', '')).thenAccepts();
  });

  it('refuses a cascading release reaching a descendant frozen by a wider region', () => {
    const history = [
      ...lineage(),
      frozenEvent('lot.frozen', [ROOT], false, GZ_INSPECTOR),
      frozenEvent('lot.frozen', [CHILD], false, GD_INSPECTOR),
    ];
    const then = given(history).when(release(true), GZ_INSPECTOR);
    then.thenRejects('OutOfRegion', 'code');
    expect(then.decision.ok || then.decision.rejection.message).toContain(CHILD);
    given(history).when(release(false), GZ_INSPECTOR).thenAccepts();
    given(history).when(release(true), GD_INSPECTOR).thenAccepts();
  });

  it('lets any authority of the lot region release a freeze recorded before freezes named their region', () => {
    const legacy = {
      ...frozenEvent('lot.frozen', [ROOT], false, ADMIN),
      data: { codes: [ROOT], reason: REASON, cascade: false },
    } as DomainEvent;
    const then = given(lineage(), legacy).when(release(), GZ_INSPECTOR);
    expect(then.thenState(lotTag(ROOT))).toMatchObject({ status: 'open' });
  });
});

/**
 * Whoever froze a lot, a release is accepted exactly from an authority that
 * covers both the lot and the region that froze it; a freeze records that
 * region as its authority's prefix.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTHORITY_ROLES, actorId, decide, foldEvents, lotTag, regionCovers, type DomainEvent } from '../../../src/domain/index.js';
import { FARM, NOW, PANYU, authority, commissioned, freshCode, onboarded } from '../support/fixtures.js';

/** Authority scopes, and the region prefix a freeze by each records. */
const PREFIX_OF: Record<string, string> = {
  '': '',
  '44': '44',
  '440000': '44',
  '4401': '4401',
  '440100': '4401',
  [PANYU]: PANYU,
  '440106': '440106',
  '43': '43',
};
const SCOPES = Object.keys(PREFIX_OF);
const FREEZERS = AUTHORITY_ROLES.filter((role) => role !== 'reviewer');

const authorities = fc
  .record({ role: fc.constantFrom(...FREEZERS), region: fc.constantFrom(...SCOPES) })
  .map(({ role, region }) => authority(role, region));

describe('releasing a freeze', () => {
  it('is accepted exactly from an authority covering the lot and the freezing region', () => {
    const lot = freshCode(1, PANYU);
    const history = [...onboarded(FARM), commissioned(lot, 10)];
    fc.assert(
      fc.property(authorities, authorities, fc.boolean(), (freezer, releaser, cascade) => {
        const states = foldEvents(history);
        const frozen = decide({ type: 'lot.freeze', code: lot, reason: '抽检', cascade }, { actor: freezer, time: NOW }, states);
        expect(frozen.ok).toBe(regionCovers(freezer.region, PANYU));
        if (!frozen.ok) return;
        const [draft] = frozen.events;
        const region = draft?.type === 'lot.frozen' ? draft.data.region : undefined;
        expect(region).toBe(PREFIX_OF[freezer.region]);
        const after = foldEvents(
          frozen.events.map((event) => ({ ...event, actor: actorId(freezer), time: NOW }) as DomainEvent),
          states,
        );
        expect(after.get(lotTag(lot))).toMatchObject({ status: 'frozen', frozen: { region } });
        const released = decide({ type: 'lot.release', code: lot, reason: '复检', cascade }, { actor: releaser, time: NOW }, after);
        const expected = regionCovers(releaser.region, PANYU) && regionCovers(releaser.region, region ?? '');
        expect(released.ok, released.ok ? 'released' : released.rejection.message).toBe(expected);
        if (!released.ok) expect(released.rejection.code).toBe('OutOfRegion');
      }),
    );
  });
});

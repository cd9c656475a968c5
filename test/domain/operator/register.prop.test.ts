/**
 * Whoever files a rejected registration again, it is accepted exactly from
 * the operator itself, a reviewer or admin of its region, or the public
 * registrant presenting its secret; nobody else can take it over.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, foldEvents, type Actor, type Command } from '../../../src/domain/index.js';
import {
  ADMIN,
  FARM,
  GD_REVIEWER,
  GZ_INSPECTOR,
  HN_REVIEWER,
  NOW,
  PUBLIC,
  WHOLESALER,
  as,
  operatorEvent,
  registered,
  type Filing,
} from '../support/fixtures.js';

const KEY = 'ef'.repeat(32);
const OTHER_KEY = '12'.repeat(32);

const filings: fc.Arbitrary<Filing> = fc.constantFrom<Filing>(
  { by: PUBLIC, keyDigest: KEY },
  { by: PUBLIC },
  { by: as(FARM) },
  { by: GD_REVIEWER },
  { by: ADMIN },
);
const principal = fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/), { nil: undefined });
const refilers: fc.Arbitrary<Actor> = fc.oneof(
  fc.constantFrom<Actor>(PUBLIC, as(WHOLESALER), GD_REVIEWER, HN_REVIEWER, GZ_INSPECTOR, ADMIN),
  principal.map((key): Actor => ({ kind: 'operator', operatorId: FARM.id, ...(key === undefined ? {} : { principal: key }) })),
);
const digests = fc.constantFrom(KEY, OTHER_KEY, undefined);

function refiling(digest: string | undefined): Command {
  return {
    type: 'operator.register',
    operatorId: FARM.id,
    name: FARM.name,
    kind: 'enterprise',
    roles: ['producer'],
    region: FARM.region,
    address: '广州市番禺区石楼镇2号',
    contact: { ref: 'pd_AAAAAAAAAAAAAAAAAAAAAA', commitment: 'a'.repeat(64) },
    uscc: FARM.id,
    ...(digest === undefined ? {} : { registrantKeyDigest: digest }),
  };
}

function mayRefile(filing: Filing, actor: Actor, digest: string | undefined): boolean {
  switch (actor.kind) {
    case 'operator':
      return actor.operatorId === FARM.id;
    case 'authority':
      return actor === GD_REVIEWER || actor === ADMIN;
    case 'subscriber':
      return false;
    case 'public':
      return filing.by?.kind === 'public' && filing.keyDigest !== undefined && digest === filing.keyDigest;
  }
}

describe('filing a rejected registration again', () => {
  it('is accepted exactly from the operator, a reviewer of its region or the public registrant with its secret', () => {
    fc.assert(
      fc.property(filings, refilers, digests, (filing, actor, digest) => {
        const states = foldEvents([registered(FARM, filing), operatorEvent('operator.rejected', FARM)]);
        const decision = decide(refiling(digest), { actor, time: NOW }, states);
        expect(decision.ok, decision.ok ? 'accepted' : decision.rejection.code).toBe(mayRefile(filing, actor, digest));
        if (!decision.ok && actor.kind === 'public') expect(decision.rejection.code).toBe('NotRegistrant');
      }),
    );
  });
});

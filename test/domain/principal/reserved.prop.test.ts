/** Reserved principal ids: every letter case of a built-in name is refused, and nothing else is. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrincipalIdSchema, RESERVED_PRINCIPAL_IDS, decide, isReservedPrincipalId, type Command } from '../../../src/domain/index.js';
import { ADMIN, NOW } from '../support/fixtures.js';

const create = (id: string): Command => ({
  type: 'principal.create',
  id,
  name: '审核员',
  role: 'reviewer',
  region: '4401',
  keyDigest: 'cd'.repeat(32),
});

const refusal = (id: string) => {
  const decision = decide(create(id), { actor: ADMIN, time: NOW }, new Map());
  return decision.ok ? undefined : decision.rejection.code;
};

const principalId = fc.stringMatching(/^[0-9A-Za-z][0-9A-Za-z._-]{0,20}$/);

describe('reserved principal ids', () => {
  it('refuses every letter case of every built-in name', () => {
    fc.assert(
      fc.property(fc.mixedCase(fc.constantFrom(...RESERVED_PRINCIPAL_IDS)), (id) => {
        expect(isReservedPrincipalId(id)).toBe(true);
        expect(refusal(id)).toBe('ReservedPrincipalId');
      }),
    );
  });

  it('accepts every other well-formed id', () => {
    fc.assert(
      fc.property(principalId, (id) => {
        fc.pre(!RESERVED_PRINCIPAL_IDS.some((reserved) => reserved === id.toLowerCase()));
        expect(PrincipalIdSchema.safeParse(id).success).toBe(true);
        expect(refusal(id)).toBeUndefined();
      }),
    );
  });
});

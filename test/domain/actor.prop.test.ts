/** actorId and parseActorId are inverse on every actor: an event's actor field loses nothing. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTHORITY_ROLES, actorId, parseActorId, type Actor } from '../../src/domain/index.js';

/** Operator and principal ids share one alphabet, without '/'. */
const id = fc.stringMatching(/^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/);

const actor: fc.Arbitrary<Actor> = fc.oneof(
  fc.record({ kind: fc.constant('operator' as const), operatorId: id }),
  fc.record({ kind: fc.constant('operator' as const), operatorId: id, principal: id }),
  fc.record({
    kind: fc.constant('authority' as const),
    role: fc.constantFrom(...AUTHORITY_ROLES),
    region: fc.stringMatching(/^(\d{2}){0,3}$/),
    id,
  }),
  fc.record({ kind: fc.constant('subscriber' as const), id, region: fc.stringMatching(/^(\d{2}){0,3}$/) }),
  fc.constant({ kind: 'public' as const }),
);

describe('actor ids', () => {
  it('parse back to who acted, and through which principal', () => {
    fc.assert(
      fc.property(actor, (who) => {
        const parsed = parseActorId(actorId(who));
        switch (who.kind) {
          case 'operator':
            expect(parsed).toEqual(who.principal === undefined ? { kind: 'operator', operatorId: who.operatorId } : who);
            break;
          case 'authority':
            expect(parsed).toEqual({ kind: 'authority', id: who.id });
            break;
          case 'subscriber':
            expect(parsed).toEqual({ kind: 'subscriber', id: who.id });
            break;
          case 'public':
            expect(parsed).toEqual({ kind: 'public' });
        }
      }),
    );
  });

  it('differ for two principals of one operator, and for an operator with and without one', () => {
    fc.assert(
      fc.property(id, id, id, (operatorId, first, second) => {
        fc.pre(first !== second);
        const of = (principal?: string) => actorId({ kind: 'operator', operatorId, ...(principal === undefined ? {} : { principal }) });
        expect(of(first)).not.toBe(of(second));
        expect(of(first)).not.toBe(of());
      }),
    );
  });
});

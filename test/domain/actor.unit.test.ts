/**
 * Event actors name the principal (API key) that acted as well as the
 * operator, so that two keys of one operator can be told apart; events of
 * older logs and seeds, without a principal, still read.
 */
import { describe, expect, it } from 'vitest';
import {
  actorId,
  foldEvents,
  operatorOfActorId,
  operatorTag,
  parseActorId,
  type Actor,
  type ChangeOperatorStatus,
  type DomainEvent,
  type OperatorState,
} from '../../src/domain/index.js';
import { ADMIN, FARM, GD_REVIEWER, GREEN, PUBLIC, as, certified, onboarded } from './support/fixtures.js';
import { given } from './support/givenWhenThen.js';

const FARM_KEY_1: Actor = { kind: 'operator', operatorId: FARM.id, principal: 'farm-key-1' };
const FARM_KEY_2: Actor = { kind: 'operator', operatorId: FARM.id, principal: 'farm.key_2' };

describe('actorId', () => {
  it('names the operator and the principal that acted for it', () => {
    expect(actorId(FARM_KEY_1)).toBe(`op:${FARM.id}/farm-key-1`);
    expect(actorId(FARM_KEY_2)).toBe(`op:${FARM.id}/farm.key_2`);
  });

  it('keeps the older form when no principal is known, and names authorities and the public as before', () => {
    expect(actorId({ kind: 'operator', operatorId: FARM.id })).toBe(`op:${FARM.id}`);
    expect(actorId(ADMIN)).toBe('authority:admin-all');
    expect(actorId(PUBLIC)).toBe('public');
  });
});

describe('parseActorId', () => {
  it('reads both operator forms, authorities and the public', () => {
    expect(parseActorId(`op:${FARM.id}/farm-key-1`)).toEqual({ kind: 'operator', operatorId: FARM.id, principal: 'farm-key-1' });
    expect(parseActorId(`op:${FARM.id}`)).toEqual({ kind: 'operator', operatorId: FARM.id });
    expect(parseActorId('authority:admin-all')).toEqual({ kind: 'authority', id: 'admin-all' });
    expect(parseActorId('public')).toEqual({ kind: 'public' });
  });

  it('gives undefined for anything else', () => {
    for (const text of [
      '',
      'op:',
      'op:/key',
      `op:${FARM.id}/`,
      `op:${FARM.id}/a/b`,
      'op:-x',
      'authority:',
      'operator:x',
      'Public',
      'system',
    ]) {
      expect(parseActorId(text), text).toBeUndefined();
    }
  });

  it('operatorOfActorId gives the operator of either form, and nothing for other actors', () => {
    expect(operatorOfActorId(`op:${FARM.id}/farm-key-1`)).toBe(FARM.id);
    expect(operatorOfActorId(`op:${FARM.id}`)).toBe(FARM.id);
    expect(operatorOfActorId('authority:admin-all')).toBeUndefined();
    expect(operatorOfActorId('public')).toBeUndefined();
  });
});

describe('what an operator key causes', () => {
  const withdraw: ChangeOperatorStatus = { type: 'operator.changeStatus', operatorId: FARM.id, action: 'withdraw', reason: '停业' };

  it('records the principal in the operator history, telling two keys of one operator apart', () => {
    const first = given(onboarded(FARM)).when(withdraw, FARM_KEY_1).thenState(operatorTag(FARM.id)) as OperatorState;
    const second = given(onboarded(FARM)).when(withdraw, FARM_KEY_2).thenState(operatorTag(FARM.id)) as OperatorState;
    expect(first.history.at(-1)?.by).toBe(`op:${FARM.id}/farm-key-1`);
    expect(second.history.at(-1)?.by).toBe(`op:${FARM.id}/farm.key_2`);
  });

  it('acts as the operator whichever key it uses', () => {
    const state = given(onboarded(FARM))
      .when({ type: 'operator.certify', operatorId: FARM.id, certification: GREEN }, FARM_KEY_2)
      .thenState(operatorTag(FARM.id)) as OperatorState;
    expect(state.certifications).toEqual([{ ...GREEN, declaredBy: 'operator', confirmed: false }]);
  });

  it('reads a certification of an older log, which does not say who declared it, from its actor in either form', () => {
    for (const actor of [FARM_KEY_1, as(FARM)]) {
      const legacy = { ...certified(FARM, GREEN, actor), data: { operatorId: FARM.id, certification: GREEN } } as DomainEvent;
      const state = foldEvents([...onboarded(FARM), legacy]).get(operatorTag(FARM.id)) as OperatorState;
      expect(state.certifications).toEqual([{ ...GREEN, declaredBy: 'operator', confirmed: false }]);
    }
    const byReviewer = { ...certified(FARM, GREEN, GD_REVIEWER), data: { operatorId: FARM.id, certification: GREEN } } as DomainEvent;
    const state = foldEvents([...onboarded(FARM), byReviewer]).get(operatorTag(FARM.id)) as OperatorState;
    expect(state.certifications).toEqual([{ ...GREEN, declaredBy: 'reviewer', confirmed: true }]);
  });

  it('refuses a malformed principal id in the context', () => {
    const bad = { kind: 'operator', operatorId: FARM.id, principal: 'a/b' } as Actor;
    given(onboarded(FARM)).when(withdraw, bad).thenRejects('InvalidCommand', 'context.actor.principal');
  });
});

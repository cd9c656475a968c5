import { describe, expect, it } from 'vitest';
import {
  CommandSchema,
  DomainEventSchema,
  EVENT_TYPES,
  REJECTIONS,
  actorId,
  decide,
  foldEvents,
  parseTag,
  type Command,
  type CommandContext,
} from '../../src/domain/index.js';
import { ADMIN, FARM, NOW, PANYU, PUBLIC, as, commissioned, freshCode, onboarded } from './support/fixtures.js';

const LOT = freshCode(1, PANYU);
const states = foldEvents([...onboarded(FARM), commissioned(LOT, 10)]);
const sell: Command = { type: 'lot.sell', code: LOT, quantity: { amount: 1, unit: 'kg' } };

describe('decide', () => {
  it('refuses a command of unknown type as a value, not an exception', () => {
    const decision = decide({ type: 'lot.teleport' } as unknown as Command, { time: NOW, actor: as(FARM) }, states);
    expect(decision).toMatchObject({ ok: false, rejection: { code: 'InvalidCommand', field: 'type' } });
  });

  it('refuses a context with an invalid time or actor', () => {
    expect(decide(sell, { time: 'yesterday', actor: as(FARM) }, states)).toMatchObject({
      ok: false,
      rejection: { code: 'InvalidCommand', field: 'context.time' },
    });
    const stranger = { time: NOW, actor: { kind: 'robot' } } as unknown as CommandContext;
    expect(decide(sell, stranger, states)).toMatchObject({ ok: false, rejection: { field: 'context.actor.kind' } });
  });

  it('is deterministic and leaves the view as it was', () => {
    const snapshot = structuredClone([...states]);
    const first = decide(sell, { time: NOW, actor: as(FARM) }, states);
    expect(decide(sell, { time: NOW, actor: as(FARM) }, states)).toEqual(first);
    expect([...states]).toEqual(snapshot);
  });

  it('emits events that match the event schema, stamped by the ledger', () => {
    const decision = decide(sell, { time: NOW, actor: as(FARM) }, states);
    if (!decision.ok) throw new Error(decision.rejection.message);
    for (const draft of decision.events) {
      const event = { ...draft, actor: actorId(as(FARM)), time: NOW };
      expect(DomainEventSchema.parse(event)).toEqual(event);
      expect(event.actor).toBe(`op:${FARM.id}`);
    }
  });
});

describe('the domain vocabulary', () => {
  it('names actors as events record them', () => {
    expect(actorId(as(FARM))).toBe(`op:${FARM.id}`);
    expect(actorId(ADMIN)).toBe('authority:admin-all');
    expect(actorId(PUBLIC)).toBe('public');
  });

  it('parses tags', () => {
    expect(parseTag(`lot:${LOT}`)).toEqual({ entity: 'lot', id: LOT });
    expect(parseTag('operator:person-1')).toEqual({ entity: 'operator', id: 'person-1' });
    expect(parseTag('sample:1')).toBeUndefined();
    expect(parseTag('nothing')).toBeUndefined();
  });

  it('has one command schema per command and one event type per fact', () => {
    expect(CommandSchema.options.map((option) => option.shape.type.value)).toHaveLength(17);
    expect(new Set(EVENT_TYPES).size).toBe(20);
  });

  it('classifies every rejection code', () => {
    for (const [code, { kind, description }] of Object.entries(REJECTIONS)) {
      expect(['invalid', 'forbidden', 'not-found', 'conflict'], code).toContain(kind);
      expect(description.length, code).toBeGreaterThan(10);
    }
  });
});

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
  RECORD_KINDS,
  recordTag,
  type AuthorityActor,
  type Command,
  type CommandContext,
  type DomainEvent,
} from '../../src/domain/index.js';
import {
  ADMIN,
  FARM,
  GZ_ENFORCER,
  GZ_INSPECTOR,
  GZ_MONITOR,
  NOW,
  PANYU,
  PUBLIC,
  as,
  commissioned,
  freshCode,
  onboarded,
} from './support/fixtures.js';

const LOT = freshCode(1, PANYU);
const states = foldEvents([...onboarded(FARM), commissioned(LOT, 10)]);
const sell: Command = { type: 'lot.sell', code: LOT, quantity: { amount: 1, unit: 'kg' } };

const REGULATOR_COMMANDS = [
  'inspection.record',
  'inspection.closeRectification',
  'sampling.createTask',
  'sample.take',
  'sample.recordResult',
  'alert.release',
  'case.open',
  'case.record',
  'case.penalize',
  'case.close',
];
const REGULATOR_EVENTS = [
  'inspection.recorded',
  'inspection.rectificationClosed',
  'sampling.taskCreated',
  'sample.taken',
  'sample.tested',
  'alert.raised',
  'alert.released',
  'case.opened',
  'case.recorded',
  'case.penalized',
  'case.closed',
  'operator.revoked',
];

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

describe("the regulators' decisions", () => {
  it('emit events that match the event schema, in the order a case runs', () => {
    const script: ReadonlyArray<readonly [Command, AuthorityActor]> = [
      [
        {
          type: 'inspection.record',
          inspectionId: 'insp-1',
          operatorId: FARM.id,
          kind: 'inspection',
          result: 'rectify',
          findings: '农药使用记录缺失',
          rectifyBy: '2026-12-15',
          lots: [LOT],
        },
        GZ_INSPECTOR,
      ],
      [{ type: 'inspection.closeRectification', inspectionId: 'insp-1', note: '已整改' }, GZ_INSPECTOR],
      [
        {
          type: 'sampling.createTask',
          taskId: 'task-1',
          kind: 'spot-check',
          region: '4401',
          categories: ['vegetable'],
          items: ['毒死蜱'],
          dueBy: '2026-12-31',
        },
        GZ_MONITOR,
      ],
      [{ type: 'sample.take', sampleId: 'sample-1', taskId: 'task-1', lotCode: LOT, quantity: { amount: 0.5, unit: 'kg' } }, GZ_MONITOR],
      [
        {
          type: 'sample.recordResult',
          sampleId: 'sample-1',
          verdict: 'fail',
          items: [{ item: '毒死蜱', value: 0.05, unit: 'mg/kg', limit: 0.02, verdict: 'fail' }],
        },
        GZ_MONITOR,
      ],
      [{ type: 'alert.release', alertId: 'alert-sample-1', reason: '复检合格' }, GZ_MONITOR],
      [{ type: 'case.open', caseId: 'case-1', operatorId: FARM.id, basis: '抽检不合格', lots: [LOT] }, GZ_ENFORCER],
      [{ type: 'case.record', caseId: 'case-1', kind: 'evidence', note: '检测报告' }, GZ_ENFORCER],
      [{ type: 'case.penalize', caseId: 'case-1', penalty: 'fine', amount: 2000, legalBasis: '第七十一条' }, GZ_ENFORCER],
      [{ type: 'case.penalize', caseId: 'case-1', penalty: 'revocation', legalBasis: '第七十一条' }, GZ_ENFORCER],
      [{ type: 'case.close', caseId: 'case-1' }, GZ_ENFORCER],
    ];
    let view = states;
    const emitted: string[] = [];
    for (const [command, actor] of script) {
      const decision = decide(command, { time: NOW, actor }, view);
      if (!decision.ok) throw new Error(`${command.type}: ${decision.rejection.message}`);
      const events = decision.events.map((draft) => ({ ...draft, actor: actorId(actor), time: NOW }));
      for (const event of events) expect(DomainEventSchema.parse(event), event.type).toEqual(event);
      emitted.push(...events.map((event) => event.type));
      view = foldEvents(events as DomainEvent[], view);
    }
    expect(new Set(emitted)).toEqual(new Set([...REGULATOR_EVENTS, 'lot.frozen', 'lot.released']));
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
    expect(parseTag('sample:1')).toEqual({ entity: 'sample', id: '1' });
    expect(parseTag('nothing')).toBeUndefined();
    expect(parseTag('samples:1')).toBeUndefined();
    expect(parseTag(':1')).toBeUndefined();
  });

  it("parses every regulator's record tag back to its kind and id, colons in the id included", () => {
    expect(RECORD_KINDS).toEqual(['inspection', 'task', 'sample', 'alert', 'case', 'recall']);
    for (const kind of RECORD_KINDS) {
      expect(recordTag(kind, 'r-1')).toBe(`${kind}:r-1`);
      expect(parseTag(recordTag(kind, 'r-1'))).toEqual({ entity: kind, id: 'r-1' });
      expect(parseTag(recordTag(kind, 'a:b'))).toEqual({ entity: kind, id: 'a:b' });
    }
  });

  it('has one command schema per command and one event type per fact', () => {
    const commands = CommandSchema.options.map((option) => option.shape.type.value);
    expect(commands).toHaveLength(29);
    expect(new Set(commands).size).toBe(commands.length);
    expect(commands).toEqual(expect.arrayContaining(REGULATOR_COMMANDS));
    expect(new Set(EVENT_TYPES).size).toBe(34);
    expect(EVENT_TYPES).toEqual(expect.arrayContaining(REGULATOR_EVENTS));
    expect(DomainEventSchema.options.map((option) => option.shape.type.value).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('classifies every rejection code', () => {
    for (const [code, { kind, description }] of Object.entries(REJECTIONS)) {
      expect(['invalid', 'forbidden', 'not-found', 'conflict'], code).toContain(kind);
      expect(description.length, code).toBeGreaterThan(10);
    }
  });
});

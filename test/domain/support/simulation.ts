/**
 * A random trade simulation for property tests. Each step is a handful of
 * random numbers; the command is built from them and from the current state
 * (a holder ships from a lot it holds, a recipient answers a lot in transit…)
 * so that most commands succeed, while a share of them is deliberately wrong
 * (not the holder, too much, an existing code, oneself as recipient…).
 * Accepted events are applied through `evolve` on every entity, recording
 * which entities each event actually changed.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import {
  actorId,
  decide,
  evolve,
  foldEvents,
  fromThousandths,
  generateTraceCode,
  lotTag,
  operatorTag,
  toThousandths,
  type Actor,
  type Command,
  type Decision,
  type DomainEvent,
  type EntityState,
  type LotState,
  type OperatorState,
  type TraceCodeKind,
  type Unit,
} from '../../../src/domain/index.js';
import { ADMIN, FARM, GREEN, GZ_INSPECTOR, STALL, WHOLESALER, as, onboarded, registered, uscc, type OperatorFixture } from './fixtures.js';

const GROWER: OperatorFixture = {
  id: uscc('93430102', 'MA4C0001'),
  name: '芙蓉区绿源农民专业合作社',
  kind: 'cooperative',
  roles: ['producer', 'trader'],
  region: '430102',
};
export const OPERATORS: readonly OperatorFixture[] = [FARM, WHOLESALER, STALL, GROWER];
const PRODUCERS = OPERATORS.filter((operator) => operator.roles.includes('producer'));
const UNITS: readonly Unit[] = ['kg', 'box', 'head'];
const START = Date.parse('2026-11-29T00:00:00.000Z');
/**
 * Products that differ only by their GTIN (an EAN-13 and an EAN-8, which the
 * domain keeps as 14 digits) or have none, so that read models must tell them apart.
 */
const GTINS: readonly (string | undefined)[] = [undefined, '6901234567892', '96385074'];
const gtinFor = (step: Step): { gtin?: string } => {
  const gtin = GTINS[step.c % GTINS.length];
  return gtin === undefined ? {} : { gtin };
};

export interface Step {
  readonly action: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly amount: number;
  readonly honest: boolean;
}

export const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  action: fc.nat({ max: 99 }),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  // Mostly small amounts (thousandths), sometimes up to the domain's maximum: those do not fit the
  // lot columns' Uint32 thousandths and are kept beside them (src/projections/store/amounts.ts).
  amount: fc.oneof(
    { weight: 9, arbitrary: fc.integer({ min: 1, max: 500_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: 4_294_967_000, max: 1_000_000_000_000_000 }) },
  ),
  honest: fc.boolean(),
});

export const scenarioArbitrary = fc.array(stepArbitrary, { minLength: 1, maxLength: 80, size: 'max' });

export interface Applied {
  readonly event: DomainEvent;
  /** Tags of the entities whose state this event changed, found by comparing every entity before and after. */
  readonly changed: ReadonlySet<string>;
  /** Tags of the entities this event created. */
  readonly created: ReadonlySet<string>;
}

export interface Outcome {
  readonly command: Command;
  readonly decision: Decision;
}

/** Where a simulation keeps the world: a Map (default), or another state backend (see ColumnStates). */
export interface SimulationStates {
  get(tag: string): EntityState | undefined;
  set(tag: string, state: EntityState): unknown;
  keys(): Iterable<string>;
  values(): Iterable<EntityState>;
}

export class Simulation {
  readonly states: SimulationStates;
  readonly applied: Applied[] = [];
  readonly outcomes: Outcome[] = [];
  private serial = 0;

  constructor(states?: SimulationStates) {
    // STALL starts pending, so that reviews and an unapproved operator are part of the story.
    const initial = foldEvents([...onboarded(FARM), ...onboarded(WHOLESALER), ...onboarded(GROWER), registered(STALL)]);
    if (states) for (const [tag, state] of initial) states.set(tag, state);
    this.states = states ?? initial;
  }

  lots(): LotState[] {
    return [...this.states.values()].filter((state): state is LotState => state.entity === 'lot');
  }

  operator(id: string): OperatorState | undefined {
    const state = this.states.get(operatorTag(id));
    return state?.entity === 'operator' ? state : undefined;
  }

  /** run decides one step's command and applies what it emits. */
  run(step: Step, index: number): Outcome {
    const [command, actor] = this.commandFor(step);
    const time = new Date(START + index * 60_000).toISOString();
    const decision = decide(command, { time, actor }, this.states);
    if (decision.ok) {
      for (const draft of decision.events) this.apply({ ...draft, actor: actorId(actor), time } as DomainEvent);
    }
    const outcome = { command, decision };
    this.outcomes.push(outcome);
    return outcome;
  }

  /**
   * apply evolves every entity of the world (not only the tagged ones) and
   * records which changed. A freeze or release takes each tag as a lot it
   * changes (evolve's precondition, so that a cascade stays linear): for
   * those, only the tagged lots are evolved, and the tags must be exactly
   * the lots the event names.
   */
  private apply(event: DomainEvent): void {
    const trustsTags = event.type === 'lot.frozen' || event.type === 'lot.released';
    if (trustsTags && !isDeepStrictEqual(event.tags, event.data.codes.map(lotTag))) {
      throw new Error(`${event.type} tags ${event.tags.join(' ')}, not the lots it names`);
    }
    const tags = new Set(trustsTags ? event.tags : [...this.states.keys(), ...event.tags]);
    const changed = new Set<string>();
    const created = new Set<string>();
    const next = new Map<string, EntityState>();
    for (const tag of tags) {
      const before = this.states.get(tag);
      const after = evolve(tag, before, event);
      if (after !== undefined && !isDeepStrictEqual(after, before)) {
        changed.add(tag);
        if (before === undefined) created.add(tag);
        next.set(tag, after);
      }
    }
    for (const [tag, state] of next) this.states.set(tag, state);
    this.applied.push({ event, changed, created });
  }

  private freshCode(kind: TraceCodeKind, region: string): string {
    this.serial += 1;
    return generateTraceCode({ kind, region, serial: String(this.serial).padStart(11, '0') });
  }

  private commandFor(step: Step): [Command, Actor] {
    const lots = this.lots();
    const held = lots.filter((lot) => lot.holder !== undefined);
    const movable = held.filter((lot) => lot.status === 'open' || lot.status === 'received');
    const inTransit = lots.filter((lot) => lot.status === 'in-transit');
    const { action } = step;
    const orCommission = (command: [Command, Actor] | undefined) => command ?? this.commission(step);
    if (action < 15) return this.commission(step);
    if (action < 50) return orCommission(pick(step.honest ? movable : held, step.a, (lot) => this.ship(step, lot)));
    if (action < 65) {
      const answer = action < 58 ? 'lot.accept' : 'lot.reject';
      return orCommission(pick(inTransit, step.a, (lot) => this.answer(step, lot, answer)));
    }
    if (action < 72) return orCommission(pick(movable, step.a, (lot) => this.sell(step, lot)));
    if (action < 84) {
      const mode = action < 78 ? 'merge' : 'process';
      return orCommission(pick(movable, step.a, (lot) => this.process(step, lot, movable, mode)));
    }
    if (action < 90) return orCommission(pick(lots, step.a, (lot) => this.freeze(step, lot)));
    if (action < 96) return orCommission(pick(held, step.a, (lot) => this.record(step, lot)));
    return this.changeOperator(step);
  }

  private actorFor(step: Step, rightful: string): Actor {
    if (step.honest || step.c % 3 !== 0) return { kind: 'operator', operatorId: rightful };
    return as(OPERATORS[step.b % OPERATORS.length] ?? FARM);
  }

  /** A portion of what is available: usually part of it, sometimes all, occasionally too much. */
  private portion(step: Step, lot: LotState): number {
    const available = toThousandths(lot.available);
    const tooMuch = available === 0 || (!step.honest && step.c % 5 === 0);
    if (tooMuch) return fromThousandths(available + 1 + (step.amount % 1000));
    if (step.c % 4 === 0) return fromThousandths(available);
    return fromThousandths(1 + (step.amount % available));
  }

  /** Producers commission; now and then someone who may not (a trader, a pending or suspended operator) tries. */
  private commission(step: Step): [Command, Actor] {
    const candidates = step.honest || step.c % 3 !== 0 ? PRODUCERS : OPERATORS;
    const operator = candidates[step.a % candidates.length] ?? FARM;
    const unit = UNITS[step.b % UNITS.length] ?? 'kg';
    const existing = this.lots()[step.b % Math.max(this.lots().length, 1)]?.code;
    const command: Command = {
      type: 'lot.commission',
      code: !step.honest && step.c % 5 === 0 && existing ? existing : this.freshCode(1, operator.region),
      product: { name: '菜心', category: 'vegetable', ...gtinFor(step) },
      quantity: { amount: fromThousandths(step.amount), unit },
      producedAt: '2026-11-01',
      origin: { region: step.c % 2 === 0 ? operator.region : '440113' },
    };
    return [command, as(operator)];
  }

  private ship(step: Step, lot: LotState): [Command, Actor] {
    const actor = this.actorFor(step, lot.holder ?? FARM.id);
    const shipper = actor.kind === 'operator' ? this.operator(actor.operatorId) : undefined;
    const region = shipper?.region ?? lot.region;
    const toBuyer = step.b % 4 === 0;
    const recipient = OPERATORS[(step.b >> 2) % OPERATORS.length] ?? WHOLESALER;
    const existing = this.lots()[step.c % this.lots().length]?.code;
    const childCode = !step.honest && step.c % 7 === 0 && existing ? existing : this.freshCode(toBuyer ? 3 : 2, region);
    const command: Command = {
      type: 'lot.ship',
      code: lot.code,
      childCode,
      quantity: { amount: this.portion(step, lot), unit: lot.unit },
      to: toBuyer ? { buyer: { ref: 'pd_AAAAAAAAAAAAAAAAAAAAAA', commitment: 'a'.repeat(64) } } : { operatorId: recipient.id },
    };
    return [command, actor];
  }

  private answer(step: Step, lot: LotState, type: 'lot.accept' | 'lot.reject'): [Command, Actor] {
    const actor = this.actorFor(step, lot.recipient ?? FARM.id);
    return [type === 'lot.accept' ? { type, code: lot.code } : { type, code: lot.code, reason: '品质不符' }, actor];
  }

  private sell(step: Step, lot: LotState): [Command, Actor] {
    const actor = this.actorFor(step, lot.holder ?? FARM.id);
    return [{ type: 'lot.sell', code: lot.code, quantity: { amount: this.portion(step, lot), unit: lot.unit } }, actor];
  }

  /** Merge or process up to three of the holder's movable lots into one or two new lots. */
  private process(step: Step, first: LotState, movable: readonly LotState[], mode: 'merge' | 'process'): [Command, Actor] {
    const holder = first.holder ?? FARM.id;
    const companions = movable.filter(
      (lot) => lot.holder === holder && lot.code !== first.code && (mode === 'process' || lot.unit === first.unit),
    );
    const count = step.b % 3;
    const chosen = [first, ...companions.slice(0, count)];
    const inputs = chosen.map((lot) => ({
      code: lot.code,
      quantity: { amount: this.portion(step, lot), unit: lot.unit },
    }));
    if (!step.honest && step.c % 11 === 0 && inputs[0]) inputs.push(inputs[0]);
    const region = this.operator(holder)?.region ?? first.region;
    const wrongSum = !step.honest && step.c % 13 === 0;
    const total = inputs.reduce((sum, input) => sum + toThousandths(input.quantity.amount), 0);
    const outputs =
      mode === 'merge'
        ? [{ code: this.freshCode(2, region), amount: fromThousandths(total + (wrongSum ? 1 : 0)), unit: first.unit }]
        : Array.from({ length: 1 + (step.c % 2) }, (_, index) => ({
            code: !step.honest && step.c % 17 === 0 ? first.code : this.freshCode(2, region),
            amount: fromThousandths(1 + ((step.amount * (index + 1)) % 100_000)),
            unit: UNITS[(step.b + index) % UNITS.length] ?? 'kg',
          }));
    const command: Command = {
      type: 'lot.process',
      mode,
      inputs,
      outputs: outputs.map(({ code, amount, unit }) => ({
        code,
        product: { name: mode === 'merge' ? first.product.name : '净菜', category: 'vegetable' },
        quantity: { amount, unit },
      })),
    };
    return [command, this.actorFor(step, holder)];
  }

  private freeze(step: Step, lot: LotState): [Command, Actor] {
    const type = lot.status === 'frozen' ? 'lot.release' : 'lot.freeze';
    const authority = step.honest || step.c % 2 === 0 ? ADMIN : GZ_INSPECTOR;
    return [{ type, code: lot.code, reason: '抽检', cascade: step.b % 2 === 0 }, authority];
  }

  private record(step: Step, lot: LotState): [Command, Actor] {
    const command: Command = {
      type: 'lot.record',
      code: lot.code,
      record: { kind: 'operation', operation: '采收', performedAt: '2026-11-20' },
    };
    return [command, this.actorFor(step, lot.holder ?? FARM.id)];
  }

  /**
   * Review a pending operator, reinstate a suspended one; now and then suspend
   * one or confirm a self-declared certification (sometimes by the operator
   * itself, which may not), else record a certification.
   */
  private changeOperator(step: Step): [Command, Actor] {
    const fixture = OPERATORS[step.a % OPERATORS.length] ?? FARM;
    const state = this.operator(fixture.id);
    const status = state?.status;
    const declared = state?.certifications.find((certification) => !certification.confirmed);
    if (declared && step.c % 3 === 0) {
      const { type, number } = declared;
      return [
        { type: 'operator.confirmCertification', operatorId: fixture.id, certification: { type, number } },
        step.honest ? ADMIN : as(fixture),
      ];
    }
    if (status === 'pending') return [{ type: 'operator.review', operatorId: fixture.id, decision: 'approve' }, ADMIN];
    if (status === 'suspended' || !step.honest) {
      const action = status === 'suspended' ? 'reinstate' : 'suspend';
      return [{ type: 'operator.changeStatus', operatorId: fixture.id, action, reason: '巡查' }, ADMIN];
    }
    const certification = { ...GREEN, number: `LB-${step.b % 100}` };
    return [{ type: 'operator.certify', operatorId: fixture.id, certification }, as(fixture)];
  }
}

function pick<T, R>(items: readonly T[], index: number, build: (item: T) => R): R | undefined {
  const item = items[index % Math.max(items.length, 1)];
  return item === undefined ? undefined : build(item);
}

/** lotCodes lists the lot codes among an event's tags. */
export function lotCodes(tags: Iterable<string>): string[] {
  return [...tags].filter((tag) => tag.startsWith('lot:')).map((tag) => tag.slice('lot:'.length));
}

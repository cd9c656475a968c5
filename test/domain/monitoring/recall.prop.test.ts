/**
 * A failed result freezes the sampled lot and every descendant with goods
 * left, wherever they went, in the same decision; the alert lists exactly
 * those lots, their holders and the buyers of loose goods among them; nothing
 * else freezes; and releasing the alert unfreezes exactly the lots it still
 * holds frozen. The lineage is random, built from the fixtures, and followed
 * by a model of its own (parents, children, what is left), not by the domain.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EventDraftSchema,
  TextSchema,
  decide,
  foldEvents,
  lotTag,
  type Actor,
  type AuthorityActor,
  type Command,
  type DomainEvent,
  type EntityState,
  type LotState,
  type TestItemResult,
} from '../../../src/domain/index.js';
import {
  ADMIN,
  FARM,
  NOW,
  PANYU,
  STALL,
  WHOLESALER,
  as,
  authority,
  commissioned,
  freshCode,
  frozenEvent,
  merged,
  onboarded,
  processed,
  received,
  shipped,
  sold,
  stamp,
  taskCreated,
  type OperatorFixture,
} from '../support/fixtures.js';

const OPERATORS: readonly OperatorFixture[] = [FARM, WHOLESALER, STALL];
const TASK_OF: Record<string, string> = { '44': 'task-gd', '43': 'task-hn' };
const BUYER = { ref: 'pd_AAAAAAAAAAAAAAAAAAAAAA', commitment: 'a'.repeat(64) };
const AFTER = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();

/** What the model knows of a lot: who has it, what is left, what it was made into. */
interface ModelLot {
  readonly code: string;
  readonly kind: 1 | 2 | 3;
  readonly issuer: OperatorFixture;
  holder?: OperatorFixture;
  recipient?: OperatorFixture;
  parent?: string;
  /** Kilograms free to move, and shipped to an operator that has not answered. */
  available: number;
  held: number;
  inTransit: boolean;
  rejected: boolean;
  frozen: boolean;
  readonly children: string[];
}

interface Lineage {
  readonly events: DomainEvent[];
  readonly lots: Map<string, ModelLot>;
}

interface Step {
  readonly action: number;
  readonly pick: number;
  readonly other: number;
  readonly amount: number;
}

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  action: fc.nat({ max: 99 }),
  pick: fc.nat(),
  other: fc.nat(),
  amount: fc.integer({ min: 100, max: 1000 }),
});

const hasGoods = (lot: ModelLot) => !lot.rejected && lot.available + lot.held > 0;
const movable = (lot: ModelLot) => lot.holder !== undefined && !lot.inTransit && !lot.frozen && !lot.rejected && lot.available > 0;
const pickFrom = <T>(items: readonly T[], index: number): T | undefined => items[index % Math.max(items.length, 1)];
/** A portion of `available` kilograms: all of it now and then, else up to a third. */
const portion = (available: number, { amount, other }: Step) => (other % 6 === 0 ? available : 1 + (amount % Math.ceil(available / 3)));

/** lineageOf replays the steps as fixture events, keeping the model beside them; a step that cannot apply commissions a lot. */
function lineageOf(steps: readonly Step[]): Lineage {
  const events: DomainEvent[] = [
    ...onboarded(FARM),
    ...onboarded(WHOLESALER),
    ...onboarded(STALL),
    taskCreated('task-gd', '44'),
    taskCreated('task-hn', '43'),
  ];
  const lots = new Map<string, ModelLot>();
  const add = (lot: Omit<ModelLot, 'children' | 'held' | 'inTransit' | 'rejected' | 'frozen'> & Partial<ModelLot>): ModelLot => {
    const full: ModelLot = { held: 0, inTransit: false, rejected: false, frozen: false, children: [], ...lot };
    lots.set(full.code, full);
    if (full.parent) lots.get(full.parent)?.children.push(full.code);
    return full;
  };
  const commission = (step: Step) => {
    const code = freshCode(1, PANYU);
    events.push(commissioned(code, step.amount));
    add({ code, kind: 1, issuer: FARM, holder: FARM, available: step.amount });
  };
  commission({ action: 0, pick: 0, other: 1, amount: 1000 });

  for (const step of steps) {
    const all = [...lots.values()];
    const source = pickFrom(all.filter(movable), step.pick);
    const { action } = step;
    if (action < 4 || !source?.holder) {
      commission(step);
    } else if (action < 40) {
      const holder = source.holder;
      const others = OPERATORS.filter((operator) => operator !== holder);
      const to = pickFrom(others, step.other) ?? WHOLESALER;
      const amount = portion(source.available, step);
      const child = freshCode(2, holder.region);
      events.push(shipped({ from: source.code, child, amount, by: holder, to }));
      source.available -= amount;
      source.held += amount;
      const lot = add({ code: child, kind: 2, issuer: holder, recipient: to, parent: source.code, available: amount, inTransit: true });
      if (step.other % 3 !== 2) answer(lot, step.other % 3 === 0 ? 'lot.accepted' : 'lot.rejected');
    } else if (action < 50) {
      const incoming = pickFrom(
        all.filter((lot) => lot.inTransit && !lot.frozen),
        step.pick,
      );
      if (incoming) answer(incoming, step.other % 2 === 0 ? 'lot.accepted' : 'lot.rejected');
      else commission(step);
    } else if (action < 60) {
      const amount = portion(source.available, step);
      const child = freshCode(3, source.holder.region);
      events.push(shipped({ from: source.code, child, amount, by: source.holder }));
      source.available -= amount;
      add({ code: child, kind: 3, issuer: source.holder, parent: source.code, available: amount });
    } else if (action < 80) {
      const holder = source.holder;
      const companions = all.filter((lot) => movable(lot) && lot.holder === holder && lot !== source).slice(0, step.other % 3);
      const inputs = [source, ...companions].map((lot) => [lot.code, portion(lot.available, step)] as const);
      const made = action < 70 ? 1 : 1 + (step.other % 2);
      const outputs = Array.from(
        { length: made },
        (_, index) => [freshCode(2, holder.region), 1 + ((step.amount * (index + 1)) % 500)] as const,
      );
      const [output] = outputs;
      events.push(action < 70 && output ? merged(inputs, output[0], holder) : processed(inputs, outputs, holder));
      for (const [code, amount] of inputs) {
        const input = lots.get(code)!;
        input.available -= amount;
      }
      const total = inputs.reduce((sum, [, amount]) => sum + amount, 0);
      for (const [code, amount] of outputs) {
        const lot = add({ code, kind: 2, issuer: holder, holder, available: action < 70 ? total : amount });
        for (const [input] of inputs) lots.get(input)?.children.push(lot.code);
      }
    } else if (action < 92) {
      const amount = portion(source.available, step);
      events.push(sold(source.code, amount, 'kg', source.holder));
      source.available -= amount;
    } else {
      const target = pickFrom(
        all.filter((lot) => !lot.frozen),
        step.pick,
      );
      if (!target) continue;
      events.push(frozenEvent('lot.frozen', [target.code], false, ADMIN));
      target.frozen = true;
    }
  }
  return { events, lots };

  function answer(lot: ModelLot, type: 'lot.accepted' | 'lot.rejected'): void {
    const parent = lots.get(lot.parent!)!;
    events.push(received(type, { child: lot.code, from: parent.code, amount: lot.available, to: lot.recipient! }));
    parent.held -= lot.available;
    lot.inTransit = false;
    if (type === 'lot.accepted') {
      lot.holder = lot.recipient;
    } else {
      parent.available += lot.available;
      lot.available = 0;
      lot.rejected = true;
    }
  }
}

/** The model's own walk: the lot and everything made from it, except goods refused and returned. */
function lineageFrom(lots: ReadonlyMap<string, ModelLot>, root: string): Set<string> {
  const found = new Set([root]);
  const queue = [root];
  for (let at = 0; at < queue.length; at++) {
    for (const child of lots.get(queue[at]!)?.children ?? []) {
      if (found.has(child) || lots.get(child)?.rejected) continue;
      found.add(child);
      queue.push(child);
    }
  }
  return found;
}

/** Where the goods of a lot are: the operator holding it, or receiving it. */
const keeperOf = (lot: ModelLot) => lot.holder ?? lot.recipient;

/** run decides a command that must be accepted, holds its events to their schema, and applies them. */
function run(command: Command, actor: Actor, time: string, states: Map<string, EntityState>) {
  const decision = decide(command, { actor, time }, states);
  if (!decision.ok) throw new Error(`${command.type}: ${decision.rejection.code} ${decision.rejection.message}`);
  for (const draft of decision.events) expect(EventDraftSchema.safeParse(draft).success, draft.type).toBe(true);
  const after = foldEvents(
    decision.events.map((draft) => stamp(draft, actor, time)),
    states,
  );
  return { drafts: decision.events, states: after };
}

const lotOf = (states: Map<string, EntityState>, code: string) => states.get(lotTag(code)) as LotState;

/** Test items in full Unicode, often enough failing to make a reason longer than the schema allows; at least one fails. */
const failedItems: fc.Arbitrary<TestItemResult[]> = fc
  .uniqueArray(
    fc.record({
      // Full Unicode, but text a record may hold (no control characters, no bidi overrides, not blank).
      item: fc
        .string({ unit: 'binary', minLength: 1, maxLength: 50, size: 'max' })
        .filter((item) => TextSchema(100).safeParse(item).success),
      value: fc.double({ noNaN: true, min: -1e12, max: 1e12 }),
      unit: fc.constantFrom('mg/kg', 'μg/kg'),
      verdict: fc.constantFrom('fail' as const, 'fail' as const, 'pass' as const),
    }),
    { minLength: 1, maxLength: 40, size: 'max', selector: ({ item }) => item },
  )
  .map(([first, ...rest]) => [{ ...first!, verdict: 'fail' as const }, ...rest]);

const recallCase = fc.record({
  steps: fc.array(stepArbitrary, { minLength: 1, maxLength: 60, size: 'max' }),
  /** Half the time the first lot, the root of most of the lineage; else any lot. */
  sampled: fc.oneof(fc.constant(0), fc.nat()),
  monitorScope: fc.nat({ max: 2 }),
  items: failedItems,
  releasedSince: fc.array(fc.boolean(), { maxLength: 60 }),
  frozenAgain: fc.array(fc.boolean(), { maxLength: 60 }),
  releaser: fc.constantFrom('monitor', 'inspector', 'enforcer', 'admin') as fc.Arbitrary<AuthorityActor['role']>,
  reason: fc.string({ unit: 'binary', minLength: 1, maxLength: 500 }),
});

describe('risk recall after a failed result', () => {
  it('freezes exactly the descendants with goods left, lists their holders and buyers, and its release lifts exactly its own freeze', () => {
    fc.assert(
      fc.property(recallCase, ({ steps, sampled, monitorScope, items, releasedSince, frozenAgain, releaser, reason }) => {
        const { events, lots } = lineageOf(steps);
        const root = pickFrom([...lots.values()], sampled)!;
        const at = keeperOf(root) ?? root.issuer;
        const monitor = authority('monitor', ['', at.region.slice(0, 2), at.region][monitorScope]!);
        let states = foldEvents(events);
        for (const lot of lots.values()) {
          expect(lotOf(states, lot.code), `the model follows ${lot.code}`).toMatchObject({ available: lot.available, held: lot.held });
        }

        const take: Command = {
          type: 'sample.take',
          sampleId: 'sample-1',
          taskId: TASK_OF[at.region.slice(0, 2)]!,
          lotCode: root.code,
          ...(keeperOf(root) ? {} : { operatorId: at.id }),
        };
        states = run(take, monitor, NOW, states).states;
        const before = states;
        const result: Command = { type: 'sample.recordResult', sampleId: 'sample-1', verdict: 'fail', items };
        const recall = run(result, monitor, NOW, states);
        const { drafts } = recall;
        states = recall.states;

        const affected = [...lineageFrom(lots, root.code)].map((code) => lots.get(code)!).filter(hasGoods);
        const affectedCodes = new Set(affected.map((lot) => lot.code));
        const raised = drafts.find((draft) => draft.type === 'alert.raised');
        if (raised?.type !== 'alert.raised') throw new Error('no alert raised');
        const alert = raised.data;

        // (a) every affected lot is frozen, and the alert lists exactly them, frozen now or already.
        expect(new Set([...alert.frozen, ...alert.alreadyFrozen])).toEqual(affectedCodes);
        expect(alert.frozen.length + alert.alreadyFrozen.length).toBe(affectedCodes.size);
        expect(new Set(alert.alreadyFrozen)).toEqual(new Set(affected.filter((lot) => lot.frozen).map((lot) => lot.code)));
        for (const lot of affected) expect(lotOf(states, lot.code).status, lot.code).toBe('frozen');

        // (b) none of them can be shipped, processed or sold.
        for (const lot of affected) {
          const actor = as(keeperOf(lot) ?? lot.issuer);
          const kg = { amount: 1, unit: 'kg' as const };
          const attempts: Command[] = [
            { type: 'lot.ship', code: lot.code, childCode: freshCode(2, PANYU), quantity: kg, to: { operatorId: STALL.id } },
            { type: 'lot.sell', code: lot.code, quantity: kg },
            {
              type: 'lot.process',
              mode: 'process',
              inputs: [{ code: lot.code, quantity: kg }],
              outputs: [{ code: freshCode(2, PANYU), product: { name: '净菜', category: 'vegetable' }, quantity: kg }],
            },
          ];
          for (const attempt of attempts) {
            expect(decide(attempt, { actor, time: AFTER(1) }, states), `${attempt.type} ${lot.code}`).toMatchObject({
              ok: false,
              rejection: { code: 'LotFrozen' },
            });
          }
        }

        // (c) every operator holding or receiving an affected lot, with its region; every loose-goods buyer.
        const holders = new Map(affected.flatMap((lot) => (keeperOf(lot) ? [[keeperOf(lot)!.id, keeperOf(lot)!.region] as const] : [])));
        expect(new Map(alert.holders.map(({ operatorId, region }) => [operatorId, region]))).toEqual(holders);
        expect(alert.holders).toHaveLength(holders.size);
        const buyers = affected.filter((lot) => lot.kind === 3).map((lot) => ({ code: lot.code, buyer: BUYER }));
        expect(new Set(alert.buyers.map((buyer) => JSON.stringify(buyer)))).toEqual(new Set(buyers.map((buyer) => JSON.stringify(buyer))));
        expect(alert.buyers).toHaveLength(buyers.length);

        // (d) nothing outside them changes its freeze.
        for (const lot of lots.values()) {
          if (affectedCodes.has(lot.code)) continue;
          expect(lotOf(states, lot.code).status === 'frozen', lot.code).toBe(lot.frozen);
          expect(lotOf(states, lot.code)).toEqual(lotOf(before, lot.code));
        }

        // (e) the freeze tags exactly the lots it names, those the alert lists as frozen by it.
        const freeze = drafts.find((draft) => draft.type === 'lot.frozen');
        if (alert.frozen.length === 0) expect(freeze).toBeUndefined();
        else {
          if (freeze?.type !== 'lot.frozen') throw new Error('no freeze beside the alert');
          expect(freeze.tags).toEqual(freeze.data.codes.map(lotTag));
          expect(freeze.data.codes).toEqual(alert.frozen);
          expect(freeze.data).toMatchObject({ cascade: true, alertId: alert.alertId, reason: alert.reason });
        }

        // While the alert is open no lot it holds is released by hand: neither one it froze nor one it found frozen.
        const tried = [...alert.frozen, ...alert.alreadyFrozen].filter((_, index) => releasedSince[index]);
        for (const code of tried) {
          const attempt = decide(
            { type: 'lot.release', code, reason: '人工解除', cascade: frozenAgain[0] ?? false },
            { actor: ADMIN, time: AFTER(2) },
            states,
          );
          expect(attempt, code).toMatchObject({ ok: false, rejection: { code: 'UnderRecall', field: 'code' } });
        }

        // The release lifts exactly the alert's own freeze, and a lot it found frozen may then be released by hand.
        const authorityOf = releaser === 'admin' ? ADMIN : authority(releaser, monitor.region);
        const { drafts: releasing, states: end } = run(
          { type: 'alert.release', alertId: alert.alertId, reason },
          authorityOf,
          AFTER(4),
          states,
        );
        expect(releasing[0]).toMatchObject({ type: 'alert.released', data: { codes: alert.frozen, lotCode: alert.lotCode } });
        const lifted = releasing.find((draft) => draft.type === 'lot.released');
        expect(lifted?.tags ?? []).toEqual(alert.frozen.map(lotTag));
        for (const lot of lots.values()) expect(lotOf(end, lot.code).status === 'frozen', lot.code).toBe(lot.frozen);
        for (const code of alert.frozen) expect(lotOf(end, code), code).toEqual(lotOf(before, code));
        for (const code of alert.alreadyFrozen) {
          expect(run({ type: 'lot.release', code, reason: '人工解除', cascade: false }, ADMIN, AFTER(5), end).drafts[0]).toMatchObject({
            type: 'lot.released',
          });
        }
      }),
      { numRuns: 150 },
    );
  });
});

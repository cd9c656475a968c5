/**
 * The lot rules run on two backends of one port (src/domain/lot/port.ts): the domain's immutable
 * objects (ObjectLot, what evolve returns) and the projection's columns (LotRow, written in place).
 * They agree after every event of random trade histories — every lot the event tags, and every
 * operator's holdings — and after any sequence of the port's verbs, amounts beyond what the
 * columns hold in Uint32 thousandths included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LOT_STATUSES,
  ObjectLot,
  evolve,
  lotTag,
  keeperOf,
  type DomainEvent,
  type EntityState,
  type LotCounter,
  type LotPort,
  type LotState,
  type UnfrozenStatus,
} from '../../src/domain/index.js';
import { LotProjection } from '../../src/projections/index.js';
import { LotRow } from '../../src/projections/lots/lotRow.js';
import { FARM, NOW, PANYU, STALL, WHOLESALER, commissioned, freshCode } from '../domain/support/fixtures.js';
import { scenarioArbitrary } from '../domain/support/simulation.js';
import { comparable, history } from './support/history.js';

/** Each operator's holdings as the projection lists them (codes, sorted). */
function holdingsOf(lots: LotProjection): Map<string, string[]> {
  const listed = new Map<string, string[]>();
  const { operators } = lots.table;
  for (let operator = 0; operator < operators.size; operator++) {
    const held = lots.holdings.list(operator).map((id) => lots.index.codeOf(id));
    if (held.length > 0) listed.set(operators.value(operator), held.sort());
  }
  return listed;
}

/** Each operator's holdings as keeperOf says of the object states. */
function keepersOf(states: Iterable<LotState>): Map<string, string[]> {
  const kept = new Map<string, string[]>();
  for (const state of states) {
    const keeper = keeperOf(state);
    if (keeper !== undefined) kept.set(keeper, [...(kept.get(keeper) ?? []), state.code].sort());
  }
  return kept;
}

describe('the lot port: object and column backends', () => {
  it('fold every random history alike, lot by lot and holdings, after every event', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (steps) => {
        const events = history(steps);
        const objects = new Map<string, EntityState>();
        const columns = new LotProjection();
        for (const event of events) {
          for (const tag of event.tags) {
            const next = evolve(tag, objects.get(tag), event as unknown as DomainEvent);
            if (next) objects.set(tag, next);
          }
          columns.apply(event);
          for (const tag of event.tags) {
            const state = objects.get(tag);
            if (state?.entity !== 'lot') continue;
            expect(comparable(columns.state(state.code)!), tag).toEqual(comparable(state));
          }
          const lots = [...objects.values()].filter((state): state is LotState => state.entity === 'lot');
          expect(holdingsOf(columns)).toEqual(keepersOf(lots));
          expect(columns.size).toBe(lots.length);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('agree after any sequence of verbs, on every field the rules read and write', () => {
    fc.assert(
      fc.property(firstLot, fc.array(fc.array(verb, { minLength: 1, maxLength: 4 }), { maxLength: 12 }), (first, events) => {
        const object = new ObjectLot(undefined);
        const lots = new LotProjection();
        const row = new LotRow(lots).at(first.code, -1);
        for (const port of [object, row] as LotPort[]) port.create(first);
        const reads = (port: LotPort) => [port.status, port.frozen, port.madeBy, port.available, port.held];
        // Each inner list is one event's verbs: the holdings follow once the event is done.
        for (const verbs of events) {
          for (const step of verbs) {
            for (const port of [object, row] as LotPort[]) apply(port, step);
            expect(reads(row)).toEqual(reads(object));
          }
          row.done();
          expect(holdingsOf(lots)).toEqual(keepersOf([object.state!]));
        }
        const { childLog: _log, childCount: _count, parents: _parents, ...expected } = object.state!;
        const { childLog: _l, childCount: _c, parents: _p, ...actual } = lots.stateOf(row.id);
        expect(actual).toEqual(expected);
        // The row's holdings follow its keeper.
        expect(holdingsOf(lots)).toEqual(keepersOf([object.state!]));
      }),
      { numRuns: 500 },
    );
  });

  it("keeps a new lot's own product, origin, claims and dates, however near its parent's they are", () => {
    const text = fc.oneof(fc.constantFrom('菜心', '菜心\u0000', '\u0000', ''), fc.string({ unit: 'binary', maxLength: 6 }));
    const product = fc.record({
      name: text,
      category: fc.constantFrom('vegetable', 'fruit'),
      variety: fc.option(text, { nil: undefined }),
      gtin: fc.option(fc.constantFrom('06901234567892', '\u0000'), { nil: undefined }),
    });
    const origin = fc.record({ region: fc.constantFrom(PANYU, '440106'), base: fc.option(text, { nil: undefined }) });
    // Claims as the schema has them, and (from a log no writer of this build wrote) with fields of their own.
    const claim = fc.record(
      { type: fc.constantFrom('green', 'organic'), number: text, confirmed: fc.option(fc.boolean(), { nil: undefined }), note: text },
      { requiredKeys: ['type'] },
    );
    const fields = fc.record({
      product,
      origin,
      claims: fc.array(claim, { maxLength: 2 }),
      producedAt: fc.constantFrom(NOW, '2026-11-28', '2026-11-28\u0000'),
    });
    fc.assert(
      fc.property(firstLot, fields, fields, fc.boolean(), (template, parents, drawn, near) => {
        const lots = new LotProjection();
        const parent = { ...template, ...(parents as Partial<LotState>) } as LotState;
        lots.putNew(parent.code, parent);
        // Near: the parent's values with only the claims' own extra field changed.
        const mine = near ? { ...parents, claims: parents.claims.map((claim) => ({ ...claim, note: `${claim.note ?? ''}+` })) } : drawn;
        const child = {
          ...template,
          ...(mine as Partial<LotState>),
          code: freshCode(2, PANYU),
          madeBy: 'shipment',
          parents: [{ code: parent.code, quantity: 1 }],
        } as LotState;
        const id = lots.putNew(child.code, child);
        const stored = lots.stateOf(id);
        for (const field of ['product', 'origin', 'claims', 'producedAt'] as const)
          expect(JSON.stringify(stored[field]), field).toBe(JSON.stringify(sorted(child[field])));
      }),
      { numRuns: 1_000 },
    );
  });
});

/**
 * `value` as the table keeps it: undefined fields left out, products' and origins' keys in schema
 * order, and claims' in code-point order (claim sets are kept as canonical JSON).
 */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  const order = ['name', 'category', 'variety', 'gtin', 'region', 'base'];
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : key);
  const entries = Object.entries(value).filter(([, field]) => field !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0)));
}

/** Amounts: mostly small three-place decimals, sometimes beyond a Uint32 of thousandths. */
const amount = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 100_000 }).map((n) => n / 1000) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 1e15 }).map((n) => n / 1000) },
);
const COUNTERS: LotCounter[] = ['available', 'held', 'shipped', 'sold', 'processed'];
const UNFROZEN = LOT_STATUSES.filter((status) => status !== 'frozen') as UnfrozenStatus[];

type Verb =
  | { readonly verb: 'move'; readonly amount: number; readonly from: LotCounter; readonly into: LotCounter }
  | { readonly verb: 'setStatus'; readonly status: UnfrozenStatus }
  | { readonly verb: 'setHolder'; readonly holder: string }
  | { readonly verb: 'empty' | 'freeze' | 'release' | 'countRecord' };

const verb: fc.Arbitrary<Verb> = fc.oneof(
  fc
    .record({ amount, from: fc.constantFrom(...COUNTERS), into: fc.constantFrom(...COUNTERS) })
    .filter(({ from, into }) => from !== into)
    .map((move) => ({ verb: 'move' as const, ...move })),
  fc.constantFrom(...UNFROZEN).map((status) => ({ verb: 'setStatus' as const, status })),
  fc.constantFrom(FARM.id, WHOLESALER.id, STALL.id).map((holder) => ({ verb: 'setHolder' as const, holder })),
  fc.constantFrom('empty' as const, 'freeze' as const, 'release' as const, 'countRecord' as const).map((name) => ({ verb: name })),
);

/** apply runs one verb, as the rules would call it (a freeze only on an unfrozen lot, a release only on a frozen one). */
function apply(port: LotPort, step: Verb): void {
  if (step.verb === 'move') port.move(step.amount, step.from, step.into);
  else if (step.verb === 'setStatus') port.setStatus(step.status);
  else if (step.verb === 'setHolder') port.setHolder(step.holder);
  else if (step.verb === 'empty') port.empty();
  else if (step.verb === 'countRecord') port.countRecord();
  else if (step.verb === 'release') {
    if (port.frozen) port.release();
  } else if (port.status !== 'frozen') {
    port.freeze({ reason: '抽检不合格', at: NOW, by: 'authority:monitor:4401', resumeStatus: port.status as UnfrozenStatus });
  }
}

/** Who has the lot: its issuer, a recipient (maybe the issuer, maybe holding it), a buyer, or another operator. */
const parties = fc.constantFrom<Pick<LotState, 'holder' | 'recipient' | 'buyer'>>(
  { holder: FARM.id, recipient: undefined, buyer: undefined },
  { holder: undefined, recipient: WHOLESALER.id, buyer: undefined },
  { holder: WHOLESALER.id, recipient: WHOLESALER.id, buyer: undefined },
  { holder: FARM.id, recipient: FARM.id, buyer: undefined },
  { holder: STALL.id, recipient: WHOLESALER.id, buyer: undefined },
  { holder: undefined, recipient: undefined, buyer: { ref: 'pd_0123456789abcdefgh', commitment: 'ab'.repeat(32) } },
);

/** A lot as the domain makes it (commissioned by the farm), then given any status, origin and parties. */
const firstLot: fc.Arbitrary<LotState> = fc
  .record({
    quantity: amount,
    status: fc.constantFrom(...UNFROZEN),
    madeBy: fc.constantFrom('commission' as const, 'shipment' as const, 'merge' as const, 'process' as const),
    parties,
  })
  .map(({ quantity, status, madeBy, parties: who }) => {
    const code = freshCode(1, PANYU);
    return { ...(evolve(lotTag(code), undefined, commissioned(code, quantity)) as LotState), status, madeBy, ...who };
  });

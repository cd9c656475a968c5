/**
 * epcis.capture's rules, over random histories of captures: an event is accepted only about lots
 * that exist and that its sender may reach (an operator's own lots, a subscriber's region), never
 * twice, and its error declaration once and only from its sender; one refused event refuses the
 * whole command; a subscriber may do nothing else. Each accepted event is tagged with every lot it
 * names and with its hash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  type CapturedEvent,
  type DomainEvent,
  type EntityState,
  capturedTag,
  decide,
  foldEvents,
  hexOf,
  lotTag,
  regionCovers,
  traceCodeRegion,
} from '../../../src/domain/index.js';
import { FARM, NOW, PANYU, WHOLESALER, as, commissioned, freshCode, onboarded, stamp } from '../support/fixtures.js';

const LOTS = [freshCode(1, PANYU), freshCode(1, PANYU), freshCode(1, '430102')];
const UNKNOWN = freshCode(1, PANYU);
const history: DomainEvent[] = [
  ...onboarded(FARM),
  ...onboarded(WHOLESALER),
  commissioned(LOTS[0]!, 10),
  commissioned(LOTS[1]!, 10),
  // Issued in Hunan (the code's region), by the farm for the test's sake.
  commissioned(LOTS[2]!, 10),
];

const SENDERS: readonly Actor[] = [
  as(FARM),
  as(WHOLESALER),
  { kind: 'subscriber', id: 'platform-a', region: '' },
  { kind: 'subscriber', id: 'platform-b', region: '44' },
];

const hashOf = (n: number) => `ni:///sha-256;${n.toString(16).padStart(64, '0')}?ver=CBV2.0`;
const captured = (n: number, lots: readonly string[], declares: boolean): CapturedEvent => ({
  hash: hashOf(n),
  lots: [...lots],
  prefixes: {},
  event: { type: 'ObjectEvent', action: 'OBSERVE', ...(declares ? { errorDeclaration: { declarationTime: NOW } } : {}) },
});

const step = fc.record({
  sender: fc.constantFrom(...SENDERS),
  events: fc.array(
    fc.record({
      n: fc.integer({ min: 0, max: 3 }),
      // Mostly a lot everyone may reach, so that captures (and then their declarations) are accepted often.
      lots: fc.oneof(
        { arbitrary: fc.constant([LOTS[0]!]).map((lots) => [...lots]), weight: 3 },
        { arbitrary: fc.subarray([...LOTS, UNKNOWN], { minLength: 1, maxLength: 2 }), weight: 1 },
      ),
      declares: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

/** What the rules say of one command, given who sent what before (hash → sender, declared). */
function expected(
  sender: Actor,
  events: { n: number; lots: string[]; declares: boolean }[],
  sent: Map<number, { by: string; declared: boolean }>,
) {
  const party = sender.kind === 'operator' ? `op:${sender.operatorId}` : sender.kind === 'subscriber' ? `subscriber:${sender.id}` : '';
  const inDocument = new Set<number>();
  for (const { n, lots, declares } of events) {
    if (inDocument.has(n)) return false;
    inDocument.add(n);
    for (const code of lots) {
      if (code === UNKNOWN) return false;
      if (sender.kind === 'subscriber' && !regionCovers(sender.region, traceCodeRegion(code))) return false;
      if (sender.kind === 'operator' && sender.operatorId !== FARM.id) return false;
    }
    const before = sent.get(n);
    if (!declares && before) return false;
    if (declares && (!before || before.by !== party || before.declared)) return false;
  }
  return true;
}

describe('epcis.capture', () => {
  it('accepts exactly what the rules allow, tagging each event with its lots and hash', () => {
    const seen = { accepted: 0, refused: 0, declarations: 0 };
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        let states: Map<string, EntityState> = foldEvents(history);
        const sent = new Map<number, { by: string; declared: boolean }>();
        for (const { sender, events } of steps) {
          const command = {
            type: 'epcis.capture' as const,
            captureId: 'c'.repeat(32),
            events: events.map(({ n, lots, declares }) => captured(n, lots, declares)),
          };
          const decision = decide(command, { actor: sender, time: NOW }, states);
          expect(decision.ok, decision.ok ? 'accepted' : decision.rejection.message).toBe(expected(sender, events, sent));
          if (!decision.ok) {
            seen.refused++;
            continue;
          }
          seen.accepted++;
          for (const [index, draft] of decision.events.entries()) {
            const { n, lots, declares } = events[index]!;
            expect(draft.tags).toEqual([...lots.map(lotTag), capturedTag(hexOf(hashOf(n)))]);
            const party = sender.kind === 'operator' ? `op:${sender.operatorId}` : `subscriber:${(sender as { id: string }).id}`;
            if (declares) seen.declarations++;
            sent.set(n, declares ? { ...sent.get(n)!, declared: true } : { by: party, declared: false });
          }
          states = foldEvents(
            decision.events.map((draft) => stamp(draft, sender, NOW)),
            states,
          );
        }
      }),
      { numRuns: 300 },
    );
    // Every branch is reached: refusals, acceptances, and accepted error declarations.
    expect(seen.refused).toBeGreaterThan(100);
    expect(seen.accepted).toBeGreaterThan(100);
    expect(seen.declarations).toBeGreaterThan(10);
  });

  it('lets a subscriber capture and nothing else', () => {
    const platform: Actor = { kind: 'subscriber', id: 'platform-a', region: '' };
    const states = foldEvents(history);
    const shipment = {
      type: 'lot.ship' as const,
      code: LOTS[0]!,
      childCode: freshCode(2, PANYU),
      quantity: { amount: 1, unit: 'kg' as const },
      to: { operatorId: WHOLESALER.id },
    };
    const refused = decide(shipment, { actor: platform, time: NOW }, states);
    expect(refused.ok ? 'accepted' : refused.rejection.code).toBe('Forbidden');
  });
});

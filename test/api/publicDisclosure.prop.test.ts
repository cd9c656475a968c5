/**
 * Least disclosure to the public, over random trading through the real
 * ledger, projections and API (commissions, hand-offs to registered
 * operators, acceptances and rejections, merges, processing with one or two
 * outputs, hand-offs to unregistered buyers, records, sales, cascading
 * freezes). For every lot's code, no public answer — the lot view, the
 * backward trace, the proof bundle and the page — names:
 * - a trace code outside the code's upstream lineage (the code and its ancestors);
 * - an operator other than those on the path: for each lot of the lineage, the
 *   operator that issued it (commissioned, shipped or processed into it) and the
 *   operator it was handed to;
 * - an unregistered buyer.
 * Both sets are worked out here from the accepted events, not from the read model.
 * And every public bundle verifies offline with the log's vkey, each disclosed
 * event by its recomputed hash, each withheld one as position, hash, prev and inclusion only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, Command, EventOf } from '../../src/domain/index.js';
import { eventHash } from '../../src/hash/index.js';
import { isDisclosed, verifyBundle, type ProofBundle } from '../../src/verify/index.js';
import { codeGenerator, commissionCommand, operatorActor, registerAndApprove, shipCommand } from '../support/scenario.js';
import { harness, type Harness } from './support/harness.js';

const ADMIN: Actor = { kind: 'authority', role: 'admin', region: '', id: 'admin' };
const KINDS = [
  'commission',
  'ship',
  'ship',
  'ship',
  'accept',
  'accept',
  'reject',
  'merge',
  'process',
  'buyer',
  'record',
  'sell',
  'freeze',
] as const;
type Step = { kind: (typeof KINDS)[number]; pick: number; amount: number };

const step = fc.record({
  kind: fc.constantFrom(...KINDS),
  pick: fc.nat(1000),
  amount: fc.integer({ min: 1, max: 4 }),
}) as fc.Arbitrary<Step>;

/** What the accepted events say about each lot: its parents and the operators that issued and received it. */
interface Facts {
  readonly parents: Map<string, Set<string>>;
  readonly parties: Map<string, Set<string>>;
  readonly buyers: string[];
  /** Lots shipped to an operator and not yet accepted or rejected. */
  readonly pending: string[];
}

function learn(facts: Facts, event: { type: string; data: unknown }): void {
  const made = (code: string, parents: readonly string[], operators: readonly (string | undefined)[]) => {
    facts.parents.set(code, new Set(parents));
    facts.parties.set(code, new Set(operators.filter((id) => id !== undefined)));
  };
  if (event.type === 'lot.commissioned') {
    const data = event.data as EventOf<'lot.commissioned'>['data'];
    made(data.code, [], [data.operatorId]);
  } else if (event.type === 'lot.shipped') {
    const data = event.data as EventOf<'lot.shipped'>['data'];
    made(data.childCode, [data.code], [data.operatorId, 'operatorId' in data.to ? data.to.operatorId : undefined]);
    if ('operatorId' in data.to) facts.pending.push(data.childCode);
  } else if (event.type === 'lot.accepted' || event.type === 'lot.rejected') {
    const code = (event.data as EventOf<'lot.accepted'>['data']).code;
    facts.pending.splice(facts.pending.indexOf(code), 1);
  } else if (event.type === 'lot.processed') {
    const data = event.data as EventOf<'lot.processed'>['data'];
    for (const output of data.outputs)
      made(
        output.code,
        data.inputs.map((input) => input.code),
        [data.operatorId],
      );
  }
}

function upstream(facts: Facts, code: string): Set<string> {
  const seen = new Set<string>();
  const walk = (lot: string) => {
    if (seen.has(lot)) return;
    seen.add(lot);
    for (const parent of facts.parents.get(lot) ?? []) walk(parent);
  };
  walk(code);
  return seen;
}

async function trade(h: Harness, steps: readonly Step[], seed: number): Promise<{ facts: Facts; operators: string[] }> {
  const operators = await registerAndApprove(h.ledger, 3);
  const code = codeGenerator(seed + 1);
  const facts: Facts = { parents: new Map(), parties: new Map(), buyers: [], pending: [] };
  const lots = () => [...facts.parents.keys()];
  const submit = async (command: Command, actor: Actor) => {
    const outcome = await h.ledger.submit(command, actor);
    if (outcome.ok) for (const event of outcome.events) learn(facts, event);
  };
  for (const [index, s] of steps.entries()) {
    const all = lots();
    const lot = all[s.pick % Math.max(1, all.length)];
    const view = lot === undefined ? undefined : h.projections.readModel.lot(lot, 'full');
    const holder = operatorActor(view?.holder?.id ?? operators[s.pick % 3]!);
    const other = operators[(s.pick + 1) % 3]!;
    const kg = { amount: s.amount, unit: 'kg' as const };
    if (s.kind === 'commission' || lot === undefined) await submit(commissionCommand(code(1), 20), operatorActor(operators[s.pick % 3]!));
    else if (s.kind === 'ship') await submit(shipCommand(lot, code(2), s.amount, other), holder);
    else if (s.kind === 'buyer') {
      const buyer = {
        name: `买家${seed}-${index}`,
        phone: `135${String(seed * 100 + index)
          .padStart(8, '0')
          .slice(-8)}`,
      };
      // The ledger sees only the vault reference; neither the data nor the ref may reach a public answer.
      const ref = `pd_${Buffer.from(`${buyer.name}:${buyer.phone}`).toString('base64url').padEnd(22, 'A').slice(0, 40)}`;
      facts.buyers.push(ref);
      await submit(
        { type: 'lot.ship', code: lot, childCode: code(3), quantity: kg, to: { buyer: { ref, commitment: 'b'.repeat(64) } } },
        holder,
      );
    } else if (s.kind === 'accept' || s.kind === 'reject') {
      // Most lots are not in transit: answer one that is, when there is one.
      const shipped = facts.pending[s.pick % Math.max(1, facts.pending.length)] ?? lot;
      const recipient = operatorActor(h.projections.readModel.lot(shipped, 'full')?.recipient?.id ?? other);
      const command: Command =
        s.kind === 'accept' ? { type: 'lot.accept', code: shipped } : { type: 'lot.reject', code: shipped, reason: '质量不合格' };
      await submit(command, recipient);
    } else if (s.kind === 'record') {
      await submit({ type: 'lot.record', code: lot, record: { kind: 'operation', operation: '采收', performedAt: '2026-06-20' } }, holder);
    } else if (s.kind === 'sell') await submit({ type: 'lot.sell', code: lot, quantity: kg }, holder);
    else if (s.kind === 'freeze') await submit({ type: 'lot.freeze', code: lot, reason: '抽检', cascade: s.pick % 3 !== 0 }, ADMIN);
    else {
      const second = all[(s.pick + 1) % all.length]!;
      const inputs = [...new Set([lot, second])].map((input) => ({ code: input, quantity: { amount: 1, unit: 'kg' as const } }));
      const product = { name: '净菜', category: 'vegetable' as const };
      const outputs =
        s.kind === 'merge'
          ? [{ code: code(2), product, quantity: { amount: inputs.length, unit: 'kg' as const } }]
          : Array.from({ length: 1 + (s.pick % 2) }, () => ({ code: code(2), product, quantity: { amount: 1, unit: 'kg' as const } }));
      await submit({ type: 'lot.process', mode: s.kind, inputs, outputs }, holder);
    }
  }
  return { facts, operators };
}

/** leaks: the codes, operators and buyer details in `text` that the public must not see for this lineage. */
function leaks(text: string, facts: Facts, lineage: ReadonlySet<string>, operators: readonly string[]): string[] {
  const allowed = new Set([...lineage].flatMap((lot) => [...(facts.parties.get(lot) ?? [])]));
  const codes = [...facts.parents.keys()].filter((code) => !lineage.has(code));
  const others = operators.filter((id) => !allowed.has(id));
  return [...codes, ...others, ...facts.buyers].filter((secret) => text.includes(secret));
}

describe('what the public sees of a code', () => {
  it('names nothing outside its upstream lineage and the operators on its path, and its bundle verifies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), fc.nat(10_000), async (steps, seed) => {
        const h = await harness();
        try {
          const { facts, operators } = await trade(h, steps, seed);
          for (const code of facts.parents.keys()) {
            const lineage = upstream(facts, code);
            const answers = await Promise.all(
              [`/v1/codes/${code}`, `/v1/codes/${code}/trace?direction=backward`, `/v1/codes/${code}/proof`, `/c/${code}`].map((url) =>
                h.call('GET', url),
              ),
            );
            for (const answer of answers) {
              expect(answer.statusCode, answer.body).toBe(200);
              expect(leaks(answer.body, facts, lineage, operators), `public answer for ${code}`).toEqual([]);
            }
            const bundle = answers[2]!.json() as ProofBundle;
            expect(new Set(bundle.lots)).toEqual(lineage);
            expect(verifyBundle(bundle, h.ledger.vkey)).toMatchObject({ ok: true, code, lots: lineage.size });
            for (const entry of bundle.events) {
              if (isDisclosed(entry)) expect(eventHash(entry.event)).toBe(entry.hash);
              else expect(Object.keys(entry).sort()).toEqual(['hash', 'inclusion', 'position', 'prev']);
            }
            expect(answers[3]!.body).toContain('已验证');
          }
        } finally {
          await h.close();
        }
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});

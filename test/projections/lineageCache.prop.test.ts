/**
 * The read model's lineage cache (lineageJson) answers exactly what a fresh
 * lineage walk answers, at every point of a random history of commissions,
 * hand-offs, acceptances, merges, sales and freezes; with room for only 50
 * lineages, so that eviction is exercised too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, Command } from '../../src/domain/index.js';
import { generateKey } from '../../src/hash/index.js';
import { openSuyuanLedger } from '../../src/ledger/index.js';
import { startProjections } from '../../src/projections/index.js';
import { createMemoryStore } from '../../src/store/index.js';
import { codeGenerator, commissionCommand, operatorActor, registerAndApprove, shipCommand } from '../support/scenario.js';

const ADMIN: Actor = { kind: 'authority', role: 'admin', region: '', id: 'admin' };
type Step = { kind: 'commission' | 'ship' | 'accept' | 'merge' | 'sell' | 'freeze'; pick: number; amount: number };

const step = fc.record({
  kind: fc.constantFrom('commission', 'ship', 'ship', 'accept', 'merge', 'sell', 'freeze'),
  pick: fc.nat(1000),
  amount: fc.integer({ min: 1, max: 5 }),
}) as fc.Arbitrary<Step>;

describe('ReadModel.lineageJson (the trace cache)', () => {
  it('always equals a fresh lineage walk', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), fc.nat(), async (steps, seed) => {
        const store = createMemoryStore();
        const ledger = await openSuyuanLedger({ store, key: { origin: 'cache.test/log', ...generateKey('cache.test/log') } });
        const projections = await startProjections({ store, ledger, traceCacheSize: 50 });
        const read = projections.readModel;
        const [a, b] = await registerAndApprove(ledger, 2);
        const code = codeGenerator(seed + 1);
        const lots: string[] = [];
        const submit = async (command: Command, actor: Actor) => {
          const outcome = await ledger.submit(command, actor);
          if (outcome.ok)
            for (const event of outcome.events)
              for (const tag of event.tags) if (tag.startsWith('lot:') && !lots.includes(tag.slice(4))) lots.push(tag.slice(4));
        };
        try {
          for (const s of steps) {
            const lot = lots[s.pick % Math.max(1, lots.length)];
            const holder = operatorActor(s.pick % 2 === 0 ? a! : b!);
            if (s.kind === 'commission' || !lot) await submit(commissionCommand(code(1), 20), operatorActor(a!));
            else if (s.kind === 'ship') await submit(shipCommand(lot, code(2), s.amount, s.pick % 2 === 0 ? b! : a!), holder);
            else if (s.kind === 'accept') await submit({ type: 'lot.accept', code: lot }, holder);
            else if (s.kind === 'sell') await submit({ type: 'lot.sell', code: lot, quantity: { amount: s.amount, unit: 'kg' } }, holder);
            else if (s.kind === 'freeze') await submit({ type: 'lot.freeze', code: lot, reason: 'x', cascade: true }, ADMIN);
            else {
              const other = lots[(s.pick + 1) % lots.length]!;
              await submit(
                {
                  type: 'lot.process',
                  mode: 'process',
                  inputs: [
                    { code: lot, quantity: { amount: 1, unit: 'kg' } },
                    { code: other, quantity: { amount: 1, unit: 'kg' } },
                  ],
                  outputs: [{ code: code(2), product: { name: '净菜', category: 'vegetable' }, quantity: { amount: 2, unit: 'kg' } }],
                },
                holder,
              );
            }
            for (const probe of lots) {
              for (const direction of ['backward', 'forward'] as const) {
                for (const [depth, nodes] of [
                  [1000, 10_000],
                  [1, 3],
                ] as const) {
                  expect(read.lineageJson(probe, direction, { maxDepth: depth, maxNodes: nodes })).toBe(
                    JSON.stringify(read.lineage(probe, direction, { maxDepth: depth, maxNodes: nodes })),
                  );
                }
              }
            }
          }
        } finally {
          await projections.stop();
          await ledger.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

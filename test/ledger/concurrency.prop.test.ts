import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKey, verifyLog } from '../../src/hash/index.js';
import type { LotState } from '../../src/domain/index.js';
import { openSuyuanLedger, type LogKey } from '../../src/ledger/index.js';
import { createMemoryStore } from '../../src/store/index.js';
import { codeGenerator, commissionCommand, operatorActor, registerAndApprove, shipCommand } from '../support/scenario.js';

const key: LogKey = { origin: 'test.suyuan/log', ...generateKey('test.suyuan/log') };

describe('50 concurrent clients racing to ship from one lot', () => {
  it('never ship more than it holds, whatever the race', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 50, maxLength: 50 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 50, maxLength: 50 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 1000 }),
        async (held, amounts, delays, maxCommands, seed) => {
          const store = createMemoryStore();
          const ledger = await openSuyuanLedger({ store, key, batch: { maxCommands, maxWaitMs: 0 } });
          const [farm, buyer] = await registerAndApprove(ledger, 2);
          const code = codeGenerator(seed);
          const lot = code(1);
          expect((await ledger.submit(commissionCommand(lot, held), operatorActor(farm!))).ok).toBe(true);

          // Each client waits a random number of ticks, then ships its amount.
          const outcomes = await Promise.all(
            amounts.map(async (amount, i) => {
              for (let t = 0; t < delays[i]!; t++) await new Promise((r) => setImmediate(r));
              return { amount, outcome: await ledger.submit(shipCommand(lot, code(2), amount, buyer!), operatorActor(farm!)) };
            }),
          );
          const shipped = outcomes.filter((o) => o.outcome.ok).reduce((sum, o) => sum + o.amount, 0);
          const refused = outcomes.filter((o) => !o.outcome.ok);
          expect(shipped).toBeLessThanOrEqual(held);
          for (const r of refused)
            expect(r.outcome).toMatchObject({ ok: false, kind: 'rejected', rejection: { code: 'InsufficientQuantity' } });
          // Every refusal was right: less than it asked for was left when it was decided, and
          // what is left now is no more than that.
          for (const r of refused) expect(held - shipped).toBeLessThan(r.amount);
          const state = ledger.entity(`lot:${lot}`) as LotState;
          expect(state.available + state.held).toBe(held);
          expect(state.held).toBe(shipped);
          const events = await store.readFrom(0, 10_000);
          expect(verifyLog(events, ledger.checkpoint, key.vkey).ok).toBe(true);
          await ledger.close();
        },
      ),
      { numRuns: 40 },
    );
  });
});

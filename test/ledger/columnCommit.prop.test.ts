import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command, EntityState } from '../../src/domain/index.js';
import { generateKey, verifyLog } from '../../src/hash/index.js';
import { type LogKey, openSuyuanLedger, suyuanDomain } from '../../src/ledger/index.js';
import { ColumnStates, LotProjection } from '../../src/projections/index.js';
import { type AppendBatch, createMemoryStore, type EventStore } from '../../src/store/index.js';
import { codeGenerator, commissionCommand, operatorActor, registerAndApprove, shipCommand } from '../support/scenario.js';

const key: LogKey = { origin: 'test.suyuan/log', ...generateKey('test.suyuan/log') };
const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** A step of the scenario: what to do to which lot (picked among those made so far), by whom. */
const step = fc.record({
  kind: fc.constantFrom('commission', 'ship', 'ship', 'accept', 'reject', 'sell'),
  lot: fc.nat(),
  to: fc.nat(2),
  amount: fc.integer({ min: 1, max: 40 }),
});

describe('the writer’s column state, committed batch by batch while the next is decided', () => {
  it('holds every lot as the object backend folds the stored log, and as a restart recovers it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.array(step, { minLength: 1, maxLength: 40 }), fc.nat(2)), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(3), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        async (waves, delays, seed, keepObjects) => {
          const inner = createMemoryStore();
          let appends = 0;
          // Appends take some ticks, so batches overlap in the pipeline.
          const store: EventStore = Object.assign(Object.create(inner) as EventStore, {
            appendBatch: async (batch: AppendBatch) => {
              await ticks(delays[appends++ % delays.length]!);
              return inner.appendBatch(batch);
            },
          });
          // Without kept objects every read comes from the lot's row; with them, from what the commit kept.
          const entities = () => new ColumnStates(new LotProjection(), keepObjects ? 4096 : 0);
          const ledger = await openSuyuanLedger({ store, key, entities, batch: { maxCommands: 64, maxWaitMs: 0 } });
          const operators = await registerAndApprove(ledger, 3);
          const code = codeGenerator(seed);
          // Who the test thinks holds (or is to receive) each lot: a guess, so many commands are refused.
          const lots: { code: string; holder: string }[] = [];
          for (const [wave, pause] of waves) {
            const submitted: Promise<unknown>[] = [];
            for (const { kind, lot: pick, to, amount } of wave) {
              const lot = lots[pick % Math.max(1, lots.length)];
              let command: Command;
              let actor = lot?.holder ?? operators[0]!;
              if (kind === 'commission' || lot === undefined) {
                const made = { code: code(1), holder: operators[to]! };
                lots.push(made);
                command = commissionCommand(made.code, amount * 10);
                actor = made.holder;
              } else if (kind === 'ship') {
                const child = { code: code(2), holder: operators[to]! };
                lots.push(child);
                command = shipCommand(lot.code, child.code, amount, child.holder);
              } else if (kind === 'accept') command = { type: 'lot.accept', code: lot.code };
              else if (kind === 'reject') command = { type: 'lot.reject', code: lot.code, reason: '货不对板' };
              else command = { type: 'lot.sell', code: lot.code, quantity: { amount, unit: 'kg' } };
              submitted.push(ledger.submit(command, operatorActor(actor)));
            }
            await ticks(pause);
            await Promise.all(submitted);
          }
          const events = await inner.readFrom(0, 100_000);
          expect(verifyLog(events, ledger.checkpoint, key.vkey).ok).toBe(true);
          const folded = new Map<string, EntityState>();
          for (const event of events) {
            for (const tag of event.tags) {
              const next = suyuanDomain.evolve(tag, folded.get(tag), event);
              if (next !== undefined) folded.set(tag, next);
            }
          }
          await ledger.close();
          const restarted = await openSuyuanLedger({ store: inner, key });
          for (const { code: lot } of lots) {
            const expected = folded.get(`lot:${lot}`);
            expect(ledger.entity(`lot:${lot}`)).toEqual(expected);
            expect(restarted.entity(`lot:${lot}`)).toEqual(expected);
          }
          await restarted.close();
        },
      ),
      { numRuns: 40 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKey, verifyLog } from '../../src/hash/index.js';
import { Ledger, type LogKey, type Outcome, verifyReceipt } from '../../src/ledger/index.js';
import { type AppendBatch, createMemoryStore, type EventStore, StoreUnavailableError } from '../../src/store/index.js';
import { type ToyCommand, type ToyEntity, type ToyRejection, toyDomain } from './toyDomain.js';

const key: LogKey = { origin: 'test.suyuan/log', ...generateKey('test.suyuan/log') };
const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

const ITEMS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
/** What happens to an append: most commit. */
const APPEND_FATES = ['commits', 'commits', 'commits', 'unavailable', 'lost before', 'lost after'] as const;
const command = fc.record({
  type: fc.constantFrom('add' as const, 'take' as const),
  item: fc.constantFrom(...ITEMS),
  n: fc.integer({ min: 1, max: 5 }),
});
/** A command, perhaps under one of a few idempotency keys (the same key may come with another body). */
const submission = fc.record({ command, key: fc.option(fc.constantFrom('k0', 'k1', 'k2', 'k3'), { nil: undefined }) });

describe('the pipelined sequencer under random load, store delays and failed appends', () => {
  it('commits a log that verifies, whose fold is the writer’s state, with one answer per command that matches the log', {
    timeout: 60_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.array(submission, { minLength: 1, maxLength: 50 }), fc.nat(3)), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(4), fc.constantFrom(...APPEND_FATES)), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 64 }),
        fc.constantFrom(0, 0, 1, 3),
        async (waves, appends, maxCommands, maxWaitMs) => {
          const inner = createMemoryStore();
          let appendIndex = 0;
          // Each append of events waits some ticks; some fail, saying nothing was written or saying
          // nothing at all, before the commit or after it (the writer must then read the store).
          const store: EventStore = Object.assign(Object.create(inner) as EventStore, {
            appendBatch: async (batch: AppendBatch) => {
              if (batch.events.length === 0) return inner.appendBatch(batch);
              const [delay, fate] = appends[appendIndex++ % appends.length]!;
              await ticks(delay);
              if (fate === 'unavailable') throw new StoreUnavailableError('disk full');
              if (fate === 'lost before') throw new Error('connection lost before the commit');
              const result = await inner.appendBatch(batch);
              if (fate === 'lost after' && result.ok) {
                await ticks(delay);
                throw new Error('connection lost after the commit');
              }
              return result;
            },
          });
          const ledger = await Ledger.open({ store, domain: toyDomain, key, batch: { maxCommands, maxWaitMs }, settleAnswerMs: 60_000 });
          const answers: Promise<{ submitted: ToyCommand; idem: string | undefined; outcome: Outcome<ToyRejection> }>[] = [];
          for (const [wave, pause] of waves) {
            for (const { command: submitted, key: idem } of wave) {
              const request = idem === undefined ? undefined : { principal: 'farm', key: idem, requestHash: JSON.stringify(submitted) };
              answers.push(ledger.submit(submitted, 'farm', request).then((outcome) => ({ submitted, idem, outcome })));
            }
            await ticks(pause);
          }
          const answered = await Promise.all(answers);
          const events = await inner.readFrom(0, 100_000);
          expect(verifyLog(events, ledger.checkpoint, key.vkey).ok).toBe(true);

          // The writer's state is the fold of what the store holds, and no take ever went below zero.
          const folded = new Map<string, ToyEntity>();
          for (const event of events) {
            const tag = event.tags[0]!;
            const next = toyDomain.evolve(tag, folded.get(tag), event)!;
            expect(next.stock).toBeGreaterThanOrEqual(0);
            folded.set(tag, next);
          }
          for (const item of ITEMS) expect(ledger.entity(`lot:${item}`)).toEqual(folded.get(`lot:${item}`));

          // Every event in the log is the receipt of exactly one command answered with it, first time.
          const fresh = answered.filter((a) => a.outcome.ok && !a.outcome.replayed);
          expect(fresh.reduce((sum, a) => sum + (a.outcome.ok ? a.outcome.events.length : 0), 0)).toBe(events.length);
          for (const { submitted, outcome } of answered) {
            if (!outcome.ok) {
              expect(['rejected', 'unavailable', 'idempotency-conflict']).toContain(outcome.kind);
              continue;
            }
            expect(verifyReceipt(outcome.receipt, key.vkey)).toMatchObject({ ok: true });
            const [event] = outcome.events;
            expect(events[event!.position]!.hash).toBe(event!.hash);
            expect(events[event!.position]!.type).toBe(`toy.${submitted.type}`);
          }
          // A key commits once at most; its replays carry the receipt of the command that committed.
          for (const idem of ['k0', 'k1', 'k2', 'k3']) {
            const withKey = answered.filter((a) => a.idem === idem && a.outcome.ok);
            const firsts = withKey.filter((a) => a.outcome.ok && !a.outcome.replayed);
            expect(firsts.length).toBeLessThanOrEqual(1);
            for (const replay of withKey) {
              if (replay.outcome.ok)
                expect(replay.outcome.receipt.events).toEqual(firsts[0]!.outcome.ok && firsts[0]!.outcome.receipt.events);
            }
          }
          await ledger.close();
        },
      ),
      { numRuns: 150 },
    );
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/hash/index.js';
import { openSuyuanLedger, type LogKey } from '../../src/ledger/index.js';
import { openStore } from '../../src/store/index.js';
import { describeWithPostgres, dropSchema, uniqueSchema } from '../support/pg.js';
import { codeGenerator, commissionCommand, operatorActor, registerAndApprove, shipCommand } from '../support/scenario.js';

const key: LogKey = { origin: 'subscriber.test/log', ...generateKey('subscriber.test/log') };

/**
 * A writer ships under load while a subscriber in another store handle follows
 * with waitForEvents + readFrom(position > p). It must see every event exactly
 * once, in order, with the hashes the writer acknowledged.
 */
async function followWhileWriting(url: string): Promise<void> {
  const writerStore = await openStore(url);
  const readerStore = await openStore(url, { role: 'reader' });
  const ledger = await openSuyuanLedger({ store: writerStore, key, batch: { maxCommands: 50 } });
  const seen: { position: number; hash: string }[] = [];
  const controller = new AbortController();
  const following = (async () => {
    let next = 0;
    while (!controller.signal.aborted) {
      try {
        await readerStore.waitForEvents(next, controller.signal);
      } catch {
        if (controller.signal.aborted) break;
        throw new Error('waitForEvents failed');
      }
      const events = await readerStore.readFrom(next, 137);
      for (const event of events) seen.push({ position: event.position, hash: event.hash });
      next += events.length;
    }
  })();

  const [farm, buyer] = await registerAndApprove(ledger, 2);
  const code = codeGenerator(3);
  const acknowledged = new Map<number, string>();
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      for (let i = 0; i < 15; i++) {
        const lot = code(1);
        const outcomes = [await ledger.submit(commissionCommand(lot, 10), operatorActor(farm!))];
        outcomes.push(await ledger.submit(shipCommand(lot, code(2), 5, buyer!), operatorActor(farm!)));
        for (const o of outcomes) if (o.ok) for (const e of o.receipt.events) acknowledged.set(e.position, e.hash);
      }
    }),
  );
  const size = ledger.size;
  // Wait until the subscriber has caught up, then stop it.
  for (let waited = 0; seen.length < size && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  controller.abort();
  await following;

  expect(seen.map((e) => e.position)).toEqual(Array.from({ length: size }, (_, i) => i));
  for (const [position, hash] of acknowledged) expect(seen[position]!.hash).toBe(hash);
  await ledger.close();
  await writerStore.close();
  await readerStore.close();
}

describe('a subscriber following the sqlite log while the writer runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-sub-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('sees every event exactly once, in order', () => followWhileWriting(join(dir, 'suyuan.db')), 60_000);
});

describeWithPostgres('a subscriber following the postgres log while the writer runs', (url) => {
  const schema = uniqueSchema('sub');
  afterAll(() => dropSchema(url, schema));
  it('sees every event exactly once, in order', () => followWhileWriting(`${url}?schema=${schema}`), 60_000);
});

/**
 * The writer under test in the crash suite, run as a child process: it opens
 * the ledger (which verifies the stored log, or exits 3 naming the position),
 * then ships and commissions lots under load until it is killed. It prints
 *   READY                      once the writer is up,
 *   ACK <position> <hash>      for every event of every acknowledged command,
 *   FAILED <hash>              for every event of a batch whose commit failed,
 * so the parent knows what was promised and what must never appear.
 * Env: STORE_URL, SUYUAN_LOG_KEY, SEED, FAIL_RATE (share of batches made to fail).
 */
import { openSuyuanLedger, loadLogKey, LogIntegrityError } from '../../../src/ledger/index.js';
import { openStore, type AppendBatch, type EventStore } from '../../../src/store/index.js';
import { codeGenerator, commissionCommand, operatorActor, registerAndApprove, shipCommand } from '../../support/scenario.js';

const out = (line: string) => process.stdout.write(`${line}\n`);
const failRate = Number(process.env.FAIL_RATE ?? '0');
// Commits fail on purpose only under load, not while the operators are being set up.
let failuresOn = false;
const inner = await openStore(process.env.STORE_URL!);

// Fail some commits on purpose, reporting the events that must then never be stored.
const store: EventStore = Object.assign(Object.create(inner) as EventStore, {
  appendBatch: async (batch: AppendBatch) => {
    if (failuresOn && batch.events.length > 0 && Math.random() < failRate) {
      for (const event of batch.events) out(`FAILED ${event.hash}`);
      throw new Error('injected commit failure');
    }
    return inner.appendBatch(batch);
  },
});

let ledger: Awaited<ReturnType<typeof openSuyuanLedger>>;
try {
  ledger = await openSuyuanLedger({ store, key: loadLogKey(), batch: { maxCommands: 64, maxWaitMs: 0 } });
} catch (error) {
  if (error instanceof LogIntegrityError) {
    out(`INTEGRITY ${error.position} ${error.message}`);
    process.exit(3);
  }
  throw error;
}
const ledgerReady = ledger;
const [farm, buyer] = ledgerReady.size === 0 ? await registerAndApprove(ledgerReady, 2) : await existingOperators();
const code = codeGenerator(Number(process.env.SEED ?? '1'));
failuresOn = true;
out('READY');

async function existingOperators(): Promise<string[]> {
  const events = await inner.readFrom(0, 2);
  return events.map((e) => (e.data as { operatorId: string }).operatorId);
}

async function client(): Promise<void> {
  for (;;) {
    const lot = code(1);
    const commissioned = await ledgerReady.submit(commissionCommand(lot, 100), operatorActor(farm!));
    report(commissioned);
    for (let i = 0; i < 5 && commissioned.ok; i++)
      report(await ledgerReady.submit(shipCommand(lot, code(2), 10, buyer!), operatorActor(farm!)));
  }
}

function report(outcome: Awaited<ReturnType<typeof ledgerReady.submit>>): void {
  if (outcome.ok) for (const e of outcome.receipt.events) out(`ACK ${e.position} ${e.hash}`);
}

await Promise.all(Array.from({ length: 16 }, client));

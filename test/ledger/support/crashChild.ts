/**
 * The writer under test in the crash suite, run as a child process: it opens
 * the ledger (which verifies the stored log, or exits 3 naming the position),
 * then ships and commissions lots under load until it is killed. It prints
 *   READY                      once the writer is up,
 *   ACK <position> <hash>      for every event of every acknowledged command,
 *   FAILED <hash>              for every event of a batch made to fail before
 *                              or inside its transaction (never to be stored),
 *   LATE <hash>                for every event of a batch made to fail after
 *                              it committed (the error reaches the writer only),
 *   REFUSED <tag>              for the new lot of every command answered
 *                              `unavailable` (so none of its events may be stored),
 *   UNKNOWN <tag>              for one told its outcome is not known yet,
 * so the parent knows what was promised and what must never appear.
 * Env: STORE_URL (a sqlite path or a postgres URL with ?schema=), SUYUAN_LOG_KEY,
 * SEED, FAIL_RATE (share of batches made to fail in each of the three ways).
 */
import { lotTag } from '../../../src/domain/index.js';
import { LogIntegrityError, loadLogKey, openSuyuanLedger } from '../../../src/ledger/index.js';
import { createPostgresStore, createSqliteStore, type AppendBatch, type AppendFaults, type EventStore } from '../../../src/store/index.js';
import { codeGenerator, commissionCommand, operatorActor, registerAndApprove, shipCommand } from '../../support/scenario.js';

const out = (line: string) => process.stdout.write(`${line}\n`);
const failRate = Number(process.env.FAIL_RATE ?? '0');
// Commits fail on purpose only under load, not while the operators are being set up.
let failuresOn = false;
const failHere = (batch: AppendBatch): boolean => failuresOn && batch.events.length > 0 && Math.random() < failRate;
const report = (word: string, batch: AppendBatch): void => {
  for (const event of batch.events) out(`${word} ${event.hash}`);
};

// Fail inside the transaction, after the batch's rows are written: the adapter must roll all of it back.
const faults: AppendFaults = {
  insideTransaction: (batch) => {
    if (!failHere(batch)) return;
    report('FAILED', batch);
    throw new Error('injected failure inside the transaction');
  },
};

async function openInner(url: string): Promise<EventStore> {
  if (!/^postgres(ql)?:\/\//.test(url)) return createSqliteStore({ path: url, faults });
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  return createPostgresStore({ connectionString: parsed.toString(), schema, role: 'writer', faults });
}
const inner = await openInner(process.env.STORE_URL!);

// Fail before the store is touched, or after it committed (the writer must then read the store, not trust the error).
const store: EventStore = Object.assign(Object.create(inner) as EventStore, {
  appendBatch: async (batch: AppendBatch) => {
    if (failHere(batch)) {
      report('FAILED', batch);
      throw new Error('injected commit failure');
    }
    const late = failHere(batch);
    const result = await inner.appendBatch(batch);
    if (late && result.ok) {
      report('LATE', batch);
      throw new Error('injected failure after the commit');
    }
    return result;
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
    answer(commissioned, lot);
    for (let i = 0; i < 5 && commissioned.ok; i++) {
      const child = code(2);
      answer(await ledgerReady.submit(shipCommand(lot, child, 10, buyer!), operatorActor(farm!)), child);
    }
  }
}

/** answer reports an outcome; `newLot` is the lot the command creates, which only its events carry. */
function answer(outcome: Awaited<ReturnType<typeof ledgerReady.submit>>, newLot: string): void {
  if (outcome.ok) for (const e of outcome.receipt.events) out(`ACK ${e.position} ${e.hash}`);
  else if (outcome.kind === 'unavailable') out(`${/not yet shown/.test(outcome.message) ? 'UNKNOWN' : 'REFUSED'} ${lotTag(newLot)}`);
}

await Promise.all(Array.from({ length: 16 }, client));

/**
 * The writer under strace in the durability suite: it opens the sqlite
 * ledger at STORE_PATH, commissions COMMANDS lots from 8 concurrent clients,
 * writes `ACK <hash>` to stdout with one write(2) per acknowledged event, and
 * exits. DURABILITY_SQLITE_SYNCHRONOUS, read only here, overrides the
 * adapter's `synchronous` pragma (e.g. OFF) so the suite can show that its
 * check catches a writer that does not sync; the adapter itself has no such
 * option.
 */
import { writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { generateKey } from '../../../src/hash/index.js';
import { openSuyuanLedger } from '../../../src/ledger/index.js';
import { createSqliteStore } from '../../../src/store/index.js';
import { codeGenerator, commissionCommand, operatorActor, registerAndApprove } from '../../support/scenario.js';

const forced = process.env.DURABILITY_SQLITE_SYNCHRONOUS;
if (forced) {
  const pragma = Database.prototype.pragma;
  Database.prototype.pragma = function (this: Database.Database, source: string, options?: Database.PragmaOptions) {
    return pragma.call(this, /^\s*synchronous\s*=/i.test(source) ? `synchronous = ${forced}` : source, options);
  };
}

// The override patches this thread's better-sqlite3 only, so a forced writer appends on this thread;
// otherwise the adapter's default runs: its append worker, a thread that strace -f follows too.
const store = createSqliteStore({ path: process.env.STORE_PATH!, ...(forced ? { appendIn: 'thread' as const } : {}) });
const { skey, vkey } = generateKey('durability.test/log');
const ledger = await openSuyuanLedger({
  store,
  key: { origin: 'durability.test/log', skey, vkey },
  batch: { maxCommands: 16, maxWaitMs: 0 },
});
const [farm] = await registerAndApprove(ledger, 1);
const code = codeGenerator(7);
let left = Number(process.env.COMMANDS ?? '200');

async function client(): Promise<void> {
  while (left-- > 0) {
    const outcome = await ledger.submit(commissionCommand(code(1), 10), operatorActor(farm!));
    if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome)}`);
    // One write(2) per acknowledgement, straight to the pipe: what the trace checks against the fsyncs.
    for (const event of outcome.receipt.events) writeSync(1, `ACK ${event.hash}\n`);
  }
}

await Promise.all(Array.from({ length: 8 }, client));
await ledger.close();
await store.close();

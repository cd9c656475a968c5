/**
 * benchmarks/startup.ts — the writer's start-up (issue 17, item 2): opening the ledger over a
 * sqlite log by replaying and verifying all of it, beside opening it from the verified snapshot
 * a clean shutdown left (only the tail after it is replayed), in the same run on the same log;
 * and how long the background re-verification of the older log takes.
 * Run: npx tsx benchmarks/startup.ts   (--lots 30000, --tail 200)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateKey } from '../src/hash/index.js';
import { type LogKey, openSuyuanLedger } from '../src/ledger/index.js';
import { seedDemo } from '../src/seed/index.js';
import { openStore } from '../src/store/index.js';
import { report, round } from './measure.js';

const { values: args } = parseArgs({ options: { lots: { type: 'string', default: '30000' }, tail: { type: 'string', default: '200' } } });
const dir = mkdtempSync(join(tmpdir(), 'suyuan-startup-'));
const file = join(dir, 'suyuan.db');
const snapshotFile = join(dir, 'ledger-snapshot');
const key: LogKey = { origin: 'bench.suyuan/log', ...generateKey('bench.suyuan/log') };
const admin = { kind: 'authority' as const, role: 'admin' as const, region: '', id: 'admin' };

async function opened<T>(
  withSnapshot: boolean,
  work: (ledger: Awaited<ReturnType<typeof openSuyuanLedger>>) => Promise<T>,
): Promise<{ ms: number; result: T }> {
  const store = await openStore(file);
  const started = performance.now();
  const ledger = await openSuyuanLedger({ store, key, ...(withSnapshot ? { snapshotFile } : {}) });
  const ms = performance.now() - started;
  const result = await work(ledger);
  await ledger.close();
  await store.close();
  return { ms, result };
}

try {
  const store = await openStore(file);
  const seeding = await openSuyuanLedger({ store, key, snapshotFile });
  await seedDemo(seeding, { lots: Number(args.lots), seed: 7, regulators: false, captures: false });
  await seeding.close();
  await store.close();
  // A tail after the snapshot, written by a writer that keeps no snapshot.
  const tail = await opened(false, async (ledger) => {
    for (let index = 0; index < Number(args.tail); index++) {
      await ledger.submit(
        { type: 'principal.create', id: `p-${index}`, name: 'p', role: 'auditor', region: '44', keyDigest: 'ab'.repeat(32) },
        admin,
      );
    }
    return ledger.size;
  });
  const full = await opened(false, async (ledger) => ledger.size);
  const resumed = await opened(true, async (ledger) => {
    const started = performance.now();
    await ledger.prefixVerified;
    return { resumedFrom: ledger.resumedFrom, backgroundMs: performance.now() - started, health: ledger.health() };
  });
  if (resumed.result.resumedFrom === 0 || !resumed.result.health.ok)
    throw new Error(`the snapshot was not used: ${JSON.stringify(resumed.result)}`);
  report({
    bench: 'startup.fullReplay',
    events: full.result,
    seconds: round(full.ms / 1000),
    eventsPerSecond: round(full.result / (full.ms / 1000)),
  });
  report({
    bench: 'startup.fromSnapshot',
    events: tail.result,
    resumedFrom: resumed.result.resumedFrom,
    seconds: round(resumed.ms / 1000),
    ratioToFullReplay: round(resumed.ms / full.ms),
    snapshotBytes: statSync(snapshotFile).size,
    backgroundVerificationSeconds: round(resumed.result.backgroundMs / 1000),
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

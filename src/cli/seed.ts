/**
 * `suyuan seed`: writes a synthetic, deterministic supply chain into the
 * store through the real sequencer (openSuyuanLedger), with a progress bar,
 * and prints codes worth looking up. Wire it with registerSeedCommand(program).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { storeConfig } from '../config.js';
import { formatTraceCode } from '../domain/index.js';
import { loadLogKey, openSuyuanLedger } from '../ledger/index.js';
import { seedDemo, type SeedResult } from '../seed/index.js';
import { openStore } from '../store/index.js';
import { SIGNED_CHECKPOINT_FILE } from '../verify/index.js';
import { progressBar } from '../progress.js';

export interface SeedCommandOptions {
  readonly data?: string;
  readonly databaseUrl?: string;
  readonly lots: number;
  readonly seed: number;
  /** Commands per group commit. */
  readonly batch: number;
  /** Seed even if the log already holds events. */
  readonly append?: boolean;
}

/** seedStore opens the configured store and ledger, seeds, and closes them. */
export async function seedStore(options: SeedCommandOptions): Promise<SeedResult & { seconds: number }> {
  const config = storeConfig({
    ...(options.data !== undefined ? { dataDir: options.data } : {}),
    ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
  });
  // The embedded store is a file in the data directory, which may not exist yet.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(config.storeUrl)) mkdirSync(config.dataDir, { recursive: true });
  const store = await openStore(config.storeUrl);
  try {
    const head = await store.head();
    if (head.size > 0 && !options.append) {
      throw new Error(`the log at ${redact(config.storeUrl)} already holds ${head.size} events; pass --append to seed into it anyway`);
    }
    const recovering = progressBar('verifying log', head.size);
    const ledger = await openSuyuanLedger({
      store,
      key: loadLogKey({ dataDir: config.dataDir }),
      // Seeding is writing: it keeps, and is held to, the writer's signed checkpoint.
      checkpointFile: join(config.dataDir, SIGNED_CHECKPOINT_FILE),
      batch: { maxCommands: options.batch },
      onProgress: (done) => recovering.update(done),
    });
    recovering.stop();
    const bar = progressBar('seeding lots', options.lots);
    const started = performance.now();
    try {
      const result = await seedDemo(ledger, {
        lots: options.lots,
        seed: options.seed,
        onProgress: ({ lots }) => bar.update(Math.min(lots, options.lots)),
      });
      return { ...result, seconds: (performance.now() - started) / 1000 };
    } finally {
      bar.stop();
      await ledger.close();
    }
  } finally {
    await store.close();
  }
}

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('write a synthetic Guangdong-and-beyond supply chain (deterministic for a seed) through the sequencer')
    .option('--data <dir>', 'data directory of the embedded (sqlite) store')
    .option('--database-url <url>', 'PostgreSQL URL of the server store')
    .option('--lots <n>', 'lots to create', positiveInteger, 10_000)
    .option('--seed <s>', 'PRNG seed: same seed, same chain', positiveInteger, 1)
    .option('--batch <n>', 'commands per group commit', positiveInteger, 2048)
    .option('--append', 'seed even if the log already holds events')
    .option('--json', 'print the result as JSON')
    .action(async (options: SeedCommandOptions & { json?: boolean }) => {
      if (options.data && options.databaseUrl) program.error('give --data or --database-url, not both');
      const result = await seedStore(options);
      if (options.json) {
        console.log(JSON.stringify(result));
        return;
      }
      console.log(describeSeed(result));
    });
}

/** describeSeed is the human summary `suyuan seed` prints (also used by `npm start` for its demo chain). */
export function describeSeed(result: SeedResult & { seconds?: number }): string {
  const rate = result.seconds
    ? ` in ${result.seconds.toFixed(1)} s (${Math.round(result.events / result.seconds).toLocaleString('en')} events/s)`
    : '';
  const lines = [
    `seeded ${result.lots.toLocaleString('en')} lots, ${result.events.toLocaleString('en')} events, ${result.operators} operators${rate}`,
    'codes to look up:',
    `  retail lot, long lineage     ${formatTraceCode(result.codes.retail)}`,
    `  farm lot (生产批次)           ${formatTraceCode(result.codes.farm)}`,
    `  market-entry certificate     ${formatTraceCode(result.codes.marketEntry)}`,
  ];
  if (result.codes.processed) lines.push(`  processed lot                ${formatTraceCode(result.codes.processed)}`);
  if (result.codes.frozen) lines.push(`  frozen after a spot check    ${formatTraceCode(result.codes.frozen)}`);
  if (result.codes.inTransit) lines.push(`  in transit                   ${formatTraceCode(result.codes.inTransit)}`);
  lines.push(`operators: farm ${result.operatorIds.farm}, store ${result.operatorIds.store}, wholesaler ${result.operatorIds.wholesaler}`);
  return lines.join('\n');
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidArgumentError(`expected a positive whole number, got ${text}`);
  return value;
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

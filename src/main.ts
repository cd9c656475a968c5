/**
 * `npm start`: the Suyuan server. Opens the store (sqlite in SUYUAN_DATA_DIR,
 * or PostgreSQL with DATABASE_URL), the log key and the ledger (verifying the
 * whole stored log), the projections (from snapshots in the data directory),
 * seeds a small demo chain into an empty log, and serves the API and pages on
 * HOST:PORT until SIGINT or SIGTERM, when it drains and closes in order.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, loadCitizenIdSecret, resolveAdminKey } from './api/index.js';
import { progressBar } from './cli/progress.js';
import { storeConfig } from './config.js';
import { formatTraceCode } from './domain/index.js';
import { loadLogKey, openSuyuanLedger } from './ledger/index.js';
import { startProjections } from './projections/index.js';
import { seedDemo } from './seed/index.js';
import { openStore } from './store/index.js';

const DEMO_FILE = 'demo-codes.json';

async function main(): Promise<void> {
  const env = process.env;
  const config = storeConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number, not ${env.PORT}`);

  const store = await openStore(config.storeUrl);
  const key = loadLogKey({ dataDir: config.dataDir });
  const replay = progressBar('verifying the log', 1);
  const ledger = await openSuyuanLedger({ store, key, onProgress: (done) => replay.update(done) });
  replay.stop();
  const catchUp = progressBar('projections', 1);
  const projections = await startProjections({
    store,
    ledger,
    snapshots: { dir: join(config.dataDir, 'snapshots') },
    onProgress: (done) => catchUp.update(done),
    onError: (error, context) => console.error(`projections: ${context}: ${error.message}`),
  });
  catchUp.stop();

  const demoFile = join(config.dataDir, DEMO_FILE);
  if (ledger.size === 0 && env.SUYUAN_SEED_DEMO !== '0') {
    const lots = Number(env.SUYUAN_DEMO_LOTS ?? 300);
    const seeded = await seedDemo(ledger, { lots, seed: 1 });
    const codes = Object.values(seeded.codes).filter((code): code is string => typeof code === 'string');
    writeFileSync(demoFile, `${JSON.stringify({ codes, operators: seeded.operatorIds }, null, 2)}\n`);
    console.log(`seeded a demo supply chain: ${seeded.lots} lots, ${seeded.events} events, ${seeded.operators} operators`);
  }
  const examples: string[] = existsSync(demoFile) ? (JSON.parse(readFileSync(demoFile, 'utf8')) as { codes: string[] }).codes : [];

  const admin = resolveAdminKey({ dataDir: config.dataDir });
  let started = false;
  const app = await build({
    ledger,
    store,
    read: projections.readModel,
    adminKeyDigest: admin.digest,
    citizenIdSecret: loadCitizenIdSecret({ dataDir: config.dataDir }),
    logger: { level: env.LOG_LEVEL ?? 'info' },
    isReady: () => started,
    pages: { examples: () => examples, ...(env.SUYUAN_PUBLIC_URL ? { publicUrl: env.SUYUAN_PUBLIC_URL } : {}) },
    trustProxy: env.SUYUAN_TRUST_PROXY === '1',
    ...(env.SUYUAN_RATE_LIMIT === '0' ? { rateLimit: false as const } : {}),
  });
  const address = await app.listen({ port, host });
  started = true;

  console.log(`suyuan: serving ${address} (store: ${store.kind}, log: ${ledger.size} events, origin ${ledger.origin})`);
  console.log(`  pages ${address}/   API docs ${address}/docs   public key ${address}/v1/log/key`);
  for (const code of examples.slice(0, 4)) console.log(`  look up ${formatTraceCode(code)}   ${address}/c/${code}`);
  if (admin.created) {
    console.log(`\n  admin API key (shown once, only its hash is kept in ${config.dataDir}):\n  ${admin.created}\n`);
  }

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      console.error(`suyuan: ${signal} again, exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`suyuan: ${signal}, shutting down`);
    await app.close();
    await projections.stop();
    await ledger.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));
}

main().catch((error: unknown) => {
  console.error(`suyuan: failed to start: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});

/**
 * `npm start`: the Suyuan server.
 *
 * Writer (default): opens the store (sqlite in SUYUAN_DATA_DIR, or PostgreSQL
 * with DATABASE_URL), the log key and the ledger (verifying the whole stored
 * log), the projections (from snapshots in the data directory), seeds a small
 * demo chain into an empty log, and serves the API and pages.
 *
 * Read-only node (SUYUAN_ROLE=reader, DESIGN §10): follows a log another
 * process writes, trusting only the log's public key, and serves every read;
 * writes answer 503. Any number of them can run beside one writer.
 *
 * Both listen on HOST:PORT (127.0.0.1:3000) until SIGINT or SIGTERM, then
 * drain and close in order, saving snapshots.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CosignatureBook, LogFollower, build, loadCitizenIdSecret, resolveAdminKey, type BuildOptions } from './api/index.js';
import { Federation, federationConfig } from './federation/index.js';
import { progressBar } from './progress.js';
import { storeConfig, trustedProxies } from './config.js';
import { formatTraceCode, isValidTraceCode } from './domain/index.js';
import { SIGNED_CHECKPOINT_FILE, resolveVerifierKey } from './verify/index.js';
import { StoreBehindSignedLogError, UnsignedTailError, loadLogKey, openSuyuanLedger, type SuyuanLedger } from './ledger/index.js';
import { startProjections, type RunningProjections } from './projections/index.js';
import { seedDemo } from './seed/index.js';
import { openStore, type EventStore } from './store/index.js';

const DEMO_FILE = 'demo-codes.json';
const READER_CHECKPOINT_FILE = 'reader-checkpoint';
const LEDGER_SNAPSHOT_FILE = 'ledger-snapshot';
const READER_PREFIX_FILE = 'reader-prefix';
const env = process.env;

interface Node {
  readonly options: Pick<BuildOptions, 'ledger' | 'log' | 'writerUrl' | 'maxStalenessMs'> & {
    /** What the API reads; default the store (a reader serves its verified view of it). */
    readonly store?: EventStore;
  };
  readonly projections: RunningProjections;
  /** The writer's log key (a federated node cosigns with it). */
  readonly skey?: string;
  /** Stops what the node runs besides the HTTP server, after it has closed. */
  readonly close: () => Promise<void>;
  readonly describe: string;
}

async function main(): Promise<void> {
  const config = storeConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  const reader = env.SUYUAN_ROLE === 'reader';
  const store = await openStore(config.storeUrl, { role: reader ? 'reader' : 'writer' });
  const snapshots = { dir: join(config.dataDir, 'snapshots') };
  const onError = (error: Error, context: string) => console.error(`projections: ${context}: ${error.message}`);
  const node = reader
    ? await startReader(store, config.dataDir, snapshots, onError)
    : await startWriter(store, config.dataDir, snapshots, onError);

  const demoFile = join(config.dataDir, DEMO_FILE);
  const demo = existsSync(demoFile)
    ? (JSON.parse(readFileSync(demoFile, 'utf8')) as { codes: string[]; operators?: { farm?: string } })
    : { codes: [] };
  const examples: string[] = demo.codes.filter((code) => isValidTraceCode(code));
  const admin = resolveAdminKey({ dataDir: config.dataDir, create: !reader });
  const federation = await openFederation(config.dataDir, node);
  const witnesses = witnessBook(config.dataDir);
  let started = false;
  const app = await build({
    ...node.options,
    store: node.options.store ?? store,
    vault: store,
    read: node.projections.readModel,
    ...(admin ? { adminKeyDigest: admin.digest } : {}),
    // A reader registers nobody: it needs no citizen-ID secret.
    ...(reader ? {} : { citizenIdSecret: loadCitizenIdSecret({ dataDir: config.dataDir }) }),
    logger: { level: env.LOG_LEVEL ?? 'info' },
    isReady: () => started,
    pages: { examples: () => examples, ...(env.SUYUAN_PUBLIC_URL ? { publicUrl: env.SUYUAN_PUBLIC_URL } : {}) },
    epcis: {
      ...(env.SUYUAN_ID_BASE ? { idBase: env.SUYUAN_ID_BASE } : {}),
      ...(env.SUYUAN_EPCIS_SCHEMA ? { schemaPath: env.SUYUAN_EPCIS_SCHEMA } : {}),
    },
    ...(federation ? { federation } : {}),
    ...(witnesses ? { witnesses } : {}),
    trustProxy: trustedProxies(env.SUYUAN_TRUST_PROXY),
    ...(env.SUYUAN_RATE_LIMIT === '0' ? { rateLimit: false as const } : {}),
  });
  const address = await app.listen({ port, host });
  started = true;
  federation?.start();

  console.log(`suyuan: serving ${address} (${node.describe}, store: ${store.kind})`);
  console.log(`  pages ${address}/   API docs ${address}/docs   public key ${address}/v1/log/key`);
  for (const code of examples.slice(0, 4)) console.log(`  look up ${formatTraceCode(code)}   ${address}/c/${code}`);
  if (demo.operators?.farm) console.log(`  an operator's public page and identity card   ${address}/o/${demo.operators.farm}`);
  if (admin?.created) console.log(`\n  admin API key (shown once, only its hash is kept in ${config.dataDir}):\n  ${admin.created}\n`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      console.error(`suyuan: ${signal} again, exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`suyuan: ${signal}, shutting down`);
    await app.close();
    await federation?.close();
    await node.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));
}

async function startWriter(
  store: EventStore,
  dataDir: string,
  snapshots: { dir: string },
  onError: (error: Error, context: string) => void,
): Promise<Node> {
  const key = loadLogKey({ dataDir });
  const replay = progressBar('verifying the log', 1);
  const ledger: SuyuanLedger = await openSuyuanLedger({
    store,
    key,
    checkpointFile: join(dataDir, SIGNED_CHECKPOINT_FILE),
    // Written at a clean shutdown; the next start replays only what came after it (issue 17).
    snapshotFile: join(dataDir, LEDGER_SNAPSHOT_FILE),
    onProgress: (done) => replay.update(done),
  });
  replay.stop();
  if (ledger.resumedFrom > 0)
    console.log(`suyuan: resumed from the snapshot at ${ledger.resumedFrom} events; verifying the log before it in the background`);
  const projections = await startProjections({ store, ledger, snapshots, onError });
  if (ledger.size === 0 && env.SUYUAN_SEED_DEMO !== '0') {
    const seeded = await seedDemo(ledger, { lots: Number(env.SUYUAN_DEMO_LOTS ?? 300), seed: 1 });
    const { alertId, ...lots } = seeded.codes;
    const codes = Object.values(lots).filter((code): code is string => typeof code === 'string' && isValidTraceCode(code));
    const demo = { codes, operators: seeded.operatorIds, ...(alertId ? { alertId } : {}) };
    writeFileSync(join(dataDir, DEMO_FILE), `${JSON.stringify(demo, null, 2)}\n`);
    console.log(`seeded a demo supply chain: ${seeded.lots} lots, ${seeded.events} events, ${seeded.operators} operators`);
  }
  return {
    options: { ledger },
    projections,
    skey: key.skey,
    describe: `writer, log of ${ledger.size} events, origin ${ledger.origin}`,
    close: async () => {
      await projections.stop();
      await ledger.close();
    },
  };
}

async function startReader(
  store: EventStore,
  dataDir: string,
  snapshots: { dir: string },
  onError: (error: Error, context: string) => void,
): Promise<Node> {
  const vkey = resolveVerifierKey({ dataDir, env });
  const maxStalenessMs = staleness(env.SUYUAN_MAX_STALENESS);
  // The highest checkpoint it verified, kept across restarts: a rolled-back or rewritten store is refused, not adopted.
  const checkpointFile = join(dataDir, READER_CHECKPOINT_FILE);
  const log = await LogFollower.start({
    store,
    vkey,
    checkpointFile,
    // Saved at a clean shutdown; the next start verifies only what came after it (issue 17).
    snapshotFile: join(dataDir, READER_PREFIX_FILE),
    onError: (error) => onError(error, 'save the checkpoint'),
  });
  if (log.resumedFrom > 0)
    console.log(`suyuan: resumed from the verified prefix of ${log.resumedFrom} events; verifying the log before it in the background`);
  if (log.refusal) console.error(`suyuan: the reader refuses the stored log (serving ${log.size} verified events): ${log.refusal.detail}`);
  // Projections and routes read the verified view: nothing past the verified checkpoint, every body re-hashed.
  const served = log.verifiedStore;
  // Its own snapshots: a reader may share the writer's data directory (sqlite).
  const projections = await startProjections({ store: served, ledger: log, snapshots: { dir: `${snapshots.dir}-reader` }, onError });
  const following = new AbortController();
  const followed = log.follow(following.signal, (error) => onError(error, 'follow the log'));
  return {
    options: { log, store: served, maxStalenessMs, ...(env.SUYUAN_WRITER_URL ? { writerUrl: env.SUYUAN_WRITER_URL } : {}) },
    projections,
    describe: `read-only node, log of ${log.size} events verified, origin ${log.origin}`,
    close: async () => {
      following.abort();
      await followed;
      await projections.stop();
      await log.close();
    },
  };
}

/**
 * openFederation: with SUYUAN_UPSTREAMS, the upstream logs this writer follows, witnesses and
 * serves (issue 16); each verified import is recorded in its own log.
 */
async function openFederation(dataDir: string, node: Node): Promise<Federation | undefined> {
  const upstreams = federationConfig(env);
  if (upstreams.length === 0) return undefined;
  const ledger = node.options.ledger;
  if (!ledger) throw new Error('SUYUAN_UPSTREAMS needs a writer node (its own log records what it imports)');
  const admin = { kind: 'authority' as const, role: 'admin' as const, region: '', id: 'admin' };
  const federation = await Federation.open({
    upstreams,
    dataDir,
    ...(node.skey ? { cosignKey: node.skey } : {}),
    ...(env.SUYUAN_FEDERATION_INTERVAL ? { intervalMs: Number(env.SUYUAN_FEDERATION_INTERVAL) * 1000 } : {}),
    log: (level, message, fields) => console[level === 'info' ? 'log' : level](`federation: ${message} ${JSON.stringify(fields ?? {})}`),
    onImported: async (status) => {
      if (status.origin === undefined || status.verifiedRoot === undefined) return;
      const command = {
        type: 'federation.recordImport' as const,
        origin: status.origin,
        size: status.verifiedSize,
        root: status.verifiedRoot,
      };
      const outcome = await ledger.submit(command, admin);
      if (!outcome.ok)
        console.error(`federation: recording the import of ${status.origin} at ${status.verifiedSize} failed: ${JSON.stringify(outcome)}`);
    },
  });
  console.log(
    `suyuan: federated node following ${upstreams.length} upstream log(s): ${upstreams.map((upstream) => upstream.url).join(', ')}`,
  );
  return federation;
}

/** witnessBook: with SUYUAN_WITNESSES, the witnesses whose cosignatures this log accepts (kept in cosignatures.json). */
function witnessBook(dataDir: string): CosignatureBook | undefined {
  const vkeys = (env.SUYUAN_WITNESSES ?? '')
    .split(',')
    .map((vkey) => vkey.trim())
    .filter((vkey) => vkey !== '');
  return vkeys.length === 0 ? undefined : new CosignatureBook(vkeys, join(dataDir, 'cosignatures.json'));
}

/** staleness parses SUYUAN_MAX_STALENESS, in seconds (default 30). */
function staleness(text: string | undefined): number {
  if (text === undefined || text === '') return 30_000;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`SUYUAN_MAX_STALENESS must be a number of seconds, not ${text}`);
  return seconds * 1000;
}

main().catch((error: unknown) => {
  // A refusal is a verdict on the store, not a bug: its message says what to do, without a stack.
  if (error instanceof UnsignedTailError || error instanceof StoreBehindSignedLogError) {
    console.error(`suyuan: the writer refuses to start.\n${error.message}`);
    process.exit(1);
  }
  console.error(`suyuan: failed to start: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});

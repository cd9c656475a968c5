/**
 * benchmarks/resolve.ts — code resolution, the hot path: GET /v1/codes/{code}
 * (public view) and GET /v1/codes/{code}/trace?direction=backward over a
 * synthetic chain, beside a bare fastify route serving the same lot JSON
 * from a Map, measured in the same run with autocannon (50 connections).
 *
 * The server under test runs in a child process (one core for it, one for
 * autocannon); the chain is written once through the real ledger by another
 * child and reused from --data on later runs. Two kinds of API node are
 * measured: the writer (ledger and projections in one process: its heap holds
 * every entity's state) and a read-only node (projections only, following
 * the log: the way reads scale out, DESIGN §10). Besides requests/s and
 * latency, each figure gives the server's CPU time per request, which other
 * load on the machine disturbs least.
 *
 * Each node starts as in production (issue 17): the writer from the verified ledger snapshot its
 * last clean stop left (ledger-snapshot), the reader from its saved verified prefix
 * (reader-prefix); the first run makes both (the seed's writer closes cleanly; a reader is
 * started and stopped once). Each server reports its start-up time, whether it resumed, its RSS
 * and its heap + array-buffer bytes per lot after a GC.
 *
 * `npm run bench:scale -- --lots 10000000` is this benchmark with the scale goals (issue 17, item
 * 5): writer heap ≤ 300 B a lot, RSS ≤ 4 GB at 10M lots, start-up ≤ 10 s, writer p99 ≤ 5 ms.
 * It also starts a writer over 1,000 lots (<data>-baseline) for what the process holds whatever
 * its lots, and reports the bytes a lot above that beside the total. --skip-pass measures memory
 * while the background re-verification runs instead of after it (it takes hours at 10M lots).
 *
 * With --pages, it also loads the pages people open (issue 13): the consumer
 * page /c/{code}, the lineage picture /c/{code}/graph.svg, the operator page
 * /o/{id} and the showcase, under the same 50 connections (goal p99 ≤ 20 ms).
 *
 * Run: npm run bench:resolve -- --lots 1000000   (quick: --lots 20000 --duration 5)
 * Options: --lots N (default 1,000,000), --duration S (per measurement, default 10),
 *          --connections N (default 50), --data DIR (default .tmp/bench-resolve-<lots>),
 *          --nodes reader,writer (default both), --scale, --skip-pass, --pages
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { LogFollower, build, keyDigest, newApiKey } from '../src/api/index.js';
import { progressBar } from '../src/progress.js';
import { loadLogKey, openSuyuanLedger } from '../src/ledger/index.js';
import { startProjections } from '../src/projections/index.js';
import { seedDemo } from '../src/seed/index.js';
import { openStore } from '../src/store/index.js';
import { report, round } from './measure.js';

const { values: args } = parseArgs({
  options: {
    lots: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    data: { type: 'string' },
    role: { type: 'string', default: 'run' },
    node: { type: 'string', default: 'reader' },
    nodes: { type: 'string', default: 'reader,writer' },
    pages: { type: 'boolean', default: false },
    scale: { type: 'boolean', default: false },
    /** Do not wait for the background re-verification (hours at 10M lots): memory is then measured while it runs. */
    'skip-pass': { type: 'boolean', default: false },
  },
});
const lots = Number(args.lots);
const dataDir = resolve(args.data ?? `.tmp/bench-resolve-${lots}`);
const SAMPLE = 2000;
const HEAP = ['--max-old-space-size=16384', '--expose-gc'];
const LEDGER_SNAPSHOT = 'ledger-snapshot';
const READER_PREFIX = 'reader-prefix';

/** seed (child): the synthetic chain through the real ledger, with projection snapshots for a fast start. */
async function seed(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const store = await openStore(join(dataDir, 'suyuan.db'));
  const ledger = await openSuyuanLedger({ store, key: loadLogKey({ dataDir }), snapshotFile: join(dataDir, LEDGER_SNAPSHOT) });
  const projections = await startProjections({ store, ledger, snapshots: { dir: join(dataDir, 'snapshots'), everyEvents: 0, everyMs: 0 } });
  const bar = progressBar('seeding', lots);
  const started = performance.now();
  const seeded = await seedDemo(ledger, { lots, seed: 1, onProgress: (p) => bar.update(p.lots) });
  bar.stop();
  await projections.stop();
  await ledger.close();
  await store.close();
  writeFileSync(
    join(dataDir, 'seeded.json'),
    JSON.stringify({ lots: seeded.lots, events: seeded.events, seconds: (performance.now() - started) / 1000 }),
  );
}

/** serve (child): the real API and, beside it, a bare fastify route answering the same lot JSON from a Map. */
async function serve(): Promise<void> {
  const started = performance.now();
  const reader = args.node === 'reader';
  const store = await openStore(join(dataDir, 'suyuan.db'), { role: reader ? 'reader' : 'writer' });
  const key = loadLogKey({ dataDir });
  const snapshots = { dir: join(dataDir, reader ? 'snapshots-reader' : 'snapshots'), everyEvents: 0, everyMs: 0 };
  const log = reader
    ? await LogFollower.open({ store, vkey: key.vkey, snapshotFile: join(dataDir, READER_PREFIX) })
    : await openSuyuanLedger({ store, key, snapshotFile: join(dataDir, LEDGER_SNAPSHOT) });
  const logSeconds = (performance.now() - started) / 1000;
  const projections = await startProjections({ store, ledger: log, snapshots });
  const projectionSeconds = (performance.now() - started) / 1000 - logSeconds;
  const read = projections.readModel;
  const saveStarted = performance.now();
  await projections.runner.save(); // keep a snapshot of this layout for the next run
  const saveSeconds = (performance.now() - saveStarted) / 1000;
  // Rate limiting stays on (public routes pay for it), with a limit the load never reaches.
  const options = {
    store,
    read,
    adminKeyDigest: keyDigest(newApiKey()),
    rateLimit: { max: 1e9, timeWindowMs: 60_000 },
    processMetrics: false,
  };
  const api = await build(log instanceof LogFollower ? { ...options, log } : { ...options, ledger: log });
  const codes: string[] = [];
  const total = read.lotCount;
  for (let i = 0; i < SAMPLE; i++) codes.push(read.lotProjection.index.codeOf(Math.floor(((i + 0.5) / SAMPLE) * total)));
  const map = new Map(codes.map((code) => [code, read.lot(code, 'public')]));
  const bare = Fastify();
  bare.get<{ Params: { code: string } }>('/v1/codes/:code', async (request) => map.get(request.params.code));
  const apiUrl = await api.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  writeFileSync(join(dataDir, 'bench-codes.json'), JSON.stringify(codes));
  const issuers = [...new Set(codes.map((code) => read.lot(code, 'public')?.issuer.id).filter((id): id is string => id !== undefined))];
  writeFileSync(join(dataDir, 'bench-operators.json'), JSON.stringify(issuers.slice(0, SAMPLE)));
  // Registered before the ready line: a SIGTERM that came before it would kill the process at once.
  // A clean stop, as in production: it leaves the snapshot (writer) or verified prefix (reader) for the next start.
  process.on('SIGTERM', async () => {
    await api.close();
    await projections.stop();
    // The background pass of a node that resumed is stopped by close; a node that verified all saves.
    await log.close();
    await store.close();
    process.exit(0);
  });
  const startupSeconds = (performance.now() - started) / 1000;
  globalThis.gc?.();
  const memory = process.memoryUsage();
  const resumedFrom = log.resumedFrom;
  console.log(
    JSON.stringify({
      apiUrl,
      bareUrl,
      lots: total,
      events: read.position,
      heapMB: Math.round(memory.heapUsed / 1e6),
      arrayBuffersMB: Math.round(memory.arrayBuffers / 1e6),
      rssMB: Math.round(memory.rss / 1e6),
      // What RSS holds besides the live heap: V8's reserved heap, and buffers malloc keeps after they were freed.
      heapTotalMB: Math.round(memory.heapTotal / 1e6),
      externalMB: Math.round(memory.external / 1e6),
      heapBytes: memory.heapUsed + memory.arrayBuffers,
      bytesPerLot: Math.round((memory.heapUsed + memory.arrayBuffers) / Math.max(1, total)),
      startupSeconds,
      logSeconds,
      projectionSeconds,
      saveSeconds,
      resumedFrom,
    }),
  );
  // A node that resumed says when the background verification of the older log has finished.
  // Memory again once it has ended: the pass holds a second state while it runs (the writer folds the old log again).
  // The longest the event loop was held while the pass ran (its end digests every lot twice): a request waits that long.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  void log.prefixVerified.then(async () => {
    loop.disable();
    const longestStallMs = Math.round(loop.max / 1e6);
    const prefixVerifiedSeconds = (performance.now() - started) / 1000 - startupSeconds;
    // Full GCs with pauses: the buffers the pass freed are taken off the count a little later.
    for (let i = 0; i < 3; i++) {
      globalThis.gc?.();
      await new Promise((next) => setTimeout(next, 50));
    }
    const after = process.memoryUsage();
    const bytesPerLot = Math.round((after.heapUsed + after.arrayBuffers) / Math.max(1, total));
    console.log(
      JSON.stringify({
        prefixVerifiedSeconds,
        longestStallMs,
        bytesPerLot,
        rssMB: Math.round(after.rss / 1e6),
        heapTotalMB: Math.round(after.heapTotal / 1e6),
        externalMB: Math.round(after.external / 1e6),
      }),
    );
  });
  // The parent asks for the CPU time used so far: CPU per request is the figure that other load on the machine disturbs least.
  process.on('message', () => process.send?.(process.cpuUsage()));
}

function child(role: string, node = 'reader', at = { lots, dataDir }): ReturnType<typeof spawn> {
  const argv = [
    '--import',
    'tsx',
    'benchmarks/resolve.ts',
    '--role',
    role,
    '--node',
    node,
    '--lots',
    String(at.lots),
    '--data',
    at.dataDir,
  ];
  return spawn(process.execPath, [...HEAP, ...argv], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
}

type Child = ReturnType<typeof spawn>;

function cpuMicros(server: Child): Promise<number> {
  return new Promise((done) => {
    server.once('message', (usage) => done((usage as NodeJS.CpuUsage).user + (usage as NodeJS.CpuUsage).system));
    server.send('cpu');
  });
}

async function load(server: Child, url: string, paths: readonly string[], title: string, duration: number) {
  const connections = Number(args.connections);
  const requests = paths.map((path) => ({ method: 'GET' as const, path }));
  await autocannon({ url, connections, duration: 2, requests });
  const cpuBefore = await cpuMicros(server);
  const result = await autocannon({ url, connections, duration, requests });
  const cpu = (await cpuMicros(server)) - cpuBefore;
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${title}: ${bad} failed requests`);
  return {
    title,
    requestsPerSecond: round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    serverCpuMicrosPerRequest: round(cpu / result.requests.total),
  };
}

async function run(): Promise<void> {
  if (!existsSync(join(dataDir, 'seeded.json'))) {
    const seeding = child('seed');
    seeding.stdout!.pipe(process.stderr);
    const code = await new Promise((done) => seeding.on('exit', done));
    if (code !== 0) throw new Error(`seeding failed (${code})`);
  }
  const seeded = JSON.parse(readFileSync(join(dataDir, 'seeded.json'), 'utf8')) as { lots: number; events: number; seconds: number };
  report({ benchmark: 'resolve.setup', lots: seeded.lots, events: seeded.events, seedSeconds: round(seeded.seconds) });
  if (args.scale) baseline = await baselineOf();
  for (const node of args.nodes.split(',')) {
    // The first start of a node makes its snapshot (a full verification); the measured one resumes from it.
    const file = join(dataDir, node === 'reader' ? READER_PREFIX : LEDGER_SNAPSHOT);
    if (!existsSync(file)) await startAndStop(node);
    await measure(node);
  }
}

/** What a writer API process holds with almost no lots (code, schemas, pages, pools): not per lot, but in the per-lot figure at 1M. */
let baseline: { heapBytes: number; rssMB: number } | undefined;

async function baselineOf(): Promise<{ heapBytes: number; rssMB: number }> {
  const at = { lots: 1_000, dataDir: `${dataDir}-baseline` };
  if (!existsSync(join(at.dataDir, 'seeded.json'))) {
    const seeding = child('seed', 'writer', at);
    const code = await new Promise((done) => seeding.on('exit', done));
    if (code !== 0) throw new Error(`seeding the baseline failed (${code})`);
  }
  const server = child('serve', 'writer', at);
  try {
    const ready = await readyOf(server);
    report({ benchmark: 'scale.baseline', apiNode: 'writer', lots: ready.lots, heapMB: round(ready.heapBytes / 1e6), rssMB: ready.rssMB });
    return { heapBytes: ready.heapBytes, rssMB: ready.rssMB };
  } finally {
    server.kill('SIGTERM');
    await new Promise((done) => server.once('exit', done));
  }
}

/** startAndStop starts a node and stops it cleanly, so that it saves what its next start resumes from. */
async function startAndStop(node: string): Promise<void> {
  const server = child('serve', node);
  const ready = await readyOf(server);
  report({ benchmark: 'resolve.firstStart', apiNode: node, lots: ready.lots, startupSeconds: round(ready.startupSeconds) });
  server.kill('SIGTERM');
  await new Promise((done) => server.once('exit', done));
}

interface Ready {
  apiUrl: string;
  bareUrl: string;
  lots: number;
  events: number;
  heapMB: number;
  arrayBuffersMB: number;
  rssMB: number;
  heapBytes: number;
  bytesPerLot: number;
  startupSeconds: number;
  logSeconds: number;
  projectionSeconds: number;
  saveSeconds: number;
  resumedFrom: number;
}

const lines = new WeakMap<Child, { seen: Record<string, unknown>[]; waiting: (() => void)[] }>();

/** lineOf resolves with the first JSON line the server printed (or prints) that has `field`. */
function lineOf<T>(server: Child, field: string): Promise<T> {
  let state = lines.get(server);
  if (!state) {
    const created = { seen: [] as Record<string, unknown>[], waiting: [] as (() => void)[] };
    state = created;
    lines.set(server, created);
    let buffer = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const part of parts) if (part.startsWith('{')) created.seen.push(JSON.parse(part));
      for (const wake of created.waiting.splice(0)) wake();
    });
  }
  const { seen, waiting } = state;
  return new Promise<T>((done, fail) => {
    const look = () => {
      const line = seen.find((candidate) => field in candidate);
      if (line) done(line as T);
      else waiting.push(look);
    };
    server.once('exit', (code) => fail(new Error(`server exited (${code})`)));
    look();
  });
}

const readyOf = (server: Child): Promise<Ready> => lineOf<Ready>(server, 'apiUrl');

async function measure(node: string): Promise<void> {
  const server = child('serve', node);
  const ready = await readyOf(server);
  try {
    const codes = JSON.parse(readFileSync(join(dataDir, 'bench-codes.json'), 'utf8')) as string[];
    const duration = Number(args.duration);
    const lookups = codes.map((code) => `/v1/codes/${code}`);
    const traces = codes.map((code) => `/v1/codes/${code}/trace?direction=backward`);
    const { apiUrl: _apiUrl, bareUrl: _bareUrl, ...figures } = ready;
    // Memory at the moment it serves, and again once a background pass has ended (the same without one).
    let steady = { bytesPerLot: ready.bytesPerLot, rssMB: ready.rssMB };
    if (ready.resumedFrom > 0 && !args['skip-pass']) {
      // While the older log is verified again in the background (a quarter of the event loop at most).
      const during = await load(
        server,
        ready.apiUrl,
        lookups,
        'GET /v1/codes/{code} during background verification',
        Math.min(duration, 5),
      );
      report({ benchmark: 'resolve.lookupDuringVerification', apiNode: node, ...during });
      type Verified = { prefixVerifiedSeconds: number; longestStallMs: number; bytesPerLot: number; rssMB: number };
      const verified = await lineOf<Verified>(server, 'prefixVerifiedSeconds');
      report({
        benchmark: 'resolve.backgroundVerification',
        apiNode: node,
        events: ready.events,
        seconds: round(verified.prefixVerifiedSeconds),
        longestEventLoopStallMs: verified.longestStallMs,
      });
      steady = { bytesPerLot: verified.bytesPerLot, rssMB: verified.rssMB };
    }
    report({
      benchmark: 'resolve.server',
      apiNode: node,
      ...figures,
      startupSeconds: round(ready.startupSeconds),
      logSeconds: round(ready.logSeconds),
    });
    if (args.scale) {
      const at10M = (steady.rssMB / ready.lots) * 1e7;
      report({
        benchmark: 'scale.memory',
        apiNode: node,
        lots: ready.lots,
        bytesPerLot: steady.bytesPerLot,
        bytesPerLotWhileVerifying: ready.bytesPerLot,
        // Less what the same process holds with 1,000 lots: the part that grows with the lots.
        ...(baseline ? { bytesPerLotAboveBaseline: round((steady.bytesPerLot * ready.lots - baseline.heapBytes) / ready.lots) } : {}),
        measuredAfterPass: ready.resumedFrom > 0 && !args['skip-pass'],
        ceilingBytesPerLot: 300,
        ratioToCeiling: round(steady.bytesPerLot / 300),
        rssMB: steady.rssMB,
        rssMBWhileVerifying: ready.rssMB,
        rssMBPerMillionLots: round(steady.rssMB / (ready.lots / 1e6)),
        rssAt10MLotsMBEstimate: ready.lots >= 1e7 ? steady.rssMB : Math.round(at10M),
        ceilingRssMB: 4000,
      });
      report({
        benchmark: 'scale.startup',
        apiNode: node,
        lots: ready.lots,
        resumedFrom: ready.resumedFrom,
        startupSeconds: round(ready.startupSeconds),
        ceilingSeconds: 10,
        ratioToCeiling: round(ready.startupSeconds / 10),
      });
    }
    const bare = await load(server, ready.bareUrl, lookups, 'bare fastify, Map lookup', duration);
    const lookup = await load(server, ready.apiUrl, lookups, 'GET /v1/codes/{code}', duration);
    const trace = await load(server, ready.apiUrl, traces, 'GET /v1/codes/{code}/trace?direction=backward', duration);
    const bareAgain = await load(server, ready.bareUrl, lookups, 'bare fastify, Map lookup (again)', duration);
    const ceiling = (bare.requestsPerSecond + bareAgain.requestsPerSecond) / 2;
    const ceilingCpu = (bare.serverCpuMicrosPerRequest + bareAgain.serverCpuMicrosPerRequest) / 2;
    const ratios = (figure: typeof bare) => ({
      ratioToBare: round(figure.requestsPerSecond / ceiling),
      cpuRatioToBare: round(ceilingCpu / figure.serverCpuMicrosPerRequest),
    });
    for (const figure of [bare, bareAgain]) report({ benchmark: 'resolve.bare', apiNode: node, ...figure });
    report({ benchmark: 'resolve.lookup', apiNode: node, ...lookup, ...ratios(lookup), goal: 'ratio >= 0.9, p99 <= 5 ms' });
    report({ benchmark: 'resolve.trace', apiNode: node, ...trace, ...ratios(trace), goal: 'ratio >= 0.5' });
    if (args.pages) await pages(server, ready.apiUrl, codes, duration, node);
  } finally {
    server.kill('SIGTERM');
    await new Promise((done) => server.once('exit', done));
  }
}

/** pages: each page people open, under the same load as the lookups (issue 13: p99 ≤ 20 ms). */
async function pages(server: Child, url: string, codes: readonly string[], duration: number, node: string): Promise<void> {
  const operators = JSON.parse(readFileSync(join(dataDir, 'bench-operators.json'), 'utf8')) as string[];
  const sets: [string, string[]][] = [
    ['GET /c/{code} (consumer page)', codes.map((code) => `/c/${code}`)],
    ['GET /c/{code}/graph.svg (lineage picture)', codes.map((code) => `/c/${code}/graph.svg`)],
    ['GET /o/{id} (operator page)', operators.map((id) => `/o/${id}`)],
    [
      'GET /showcase (first pages, by region)',
      ['/showcase', '/showcase?region=44', '/showcase?region=4401', '/showcase?category=vegetable'],
    ],
  ];
  for (const [title, paths] of sets) {
    const figure = await load(server, url, paths, title, duration);
    report({ benchmark: 'resolve.page', apiNode: node, ...figure, goal: 'p99 <= 20 ms' });
  }
}

if (args.role === 'seed') await seed();
else if (args.role === 'serve') await serve();
else await run();

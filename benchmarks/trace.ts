/**
 * benchmarks/trace.ts — the read side on a synthetic chain (src/seed):
 * full-lineage queries beside a PostgreSQL WITH RECURSIVE query over the same
 * edges, one-step and resolve rates, memory per lot at --lots and its
 * projection to 10M lots, start-up from a snapshot, the seeder's rate through
 * the real sequencer on sqlite, and rebuild speed from that sqlite log.
 * Run: npx tsx benchmarks/trace.ts [--lots 1000000] [--log-lots 100000] [--roots 300]
 * (DATABASE_URL for PostgreSQL; default postgres://postgres@127.0.0.1:5432/test).
 * It re-runs itself under node --expose-gc; memory and start-up are measured
 * in a fresh child process that loads the snapshot.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { evolve, type DomainEvent, type EntityState } from '../src/domain/index.js';
import { LogVerifier, generateKey } from '../src/hash/index.js';
import { openSuyuanLedger } from '../src/ledger/index.js';
import {
  LineageWalker,
  LotProjection,
  OperatorProjection,
  ProjectionRunner,
  ReadModel,
  RegulationProjection,
  decodeSnapshot,
  encodeSnapshot,
  snapshotPath,
} from '../src/projections/index.js';
import { DomainTarget, seedDemo } from '../src/seed/index.js';
import { openStore, type EventStore, type SealedEvent } from '../src/store/index.js';
import { medianMicros, rate, report, round } from './measure.js';

const { values: args } = parseArgs({
  options: {
    lots: { type: 'string', default: '1000000' },
    'log-lots': { type: 'string', default: '100000' },
    roots: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
    'child-restore': { type: 'string' },
  },
});
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  const rerun = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  process.exit(rerun.status ?? 1);
}
const collect = () => {
  for (let i = 0; i < 3; i++) gc!();
};

if (args['child-restore']) {
  await measureRestore(args['child-restore']);
  process.exit(0);
}

const LOTS = Number(args.lots);
const LOG_LOTS = Number(args['log-lots']);
const ROOTS = Number(args.roots);
const SEED = Number(args.seed);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const work = mkdtempSync(join(tmpdir(), 'suyuan-trace-bench-'));

try {
  const { model, runner } = await generate();
  await lineageBeside(model);
  oneStepAndResolve(model);
  await runner.save();
  restoreInChild(model.lotCount);
  await seedAndRebuild();
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The chain at --lots, decided by the real domain in memory and fed straight to the projections. */
async function generate(): Promise<{ model: ReadModel; runner: ProjectionRunner }> {
  const lots = new LotProjection();
  const operators = new OperatorProjection();
  const runner = new ProjectionRunner([lots, operators], { snapshots: { dir: join(work, 'snapshots'), everyEvents: 0, everyMs: 0 } });
  const target = new DomainTarget((event) => {
    lots.apply(event);
    operators.apply(event);
  });
  const started = performance.now();
  // Without the regulators' demo and the EPCIS captures: they name lots of earlier cohorts, which DomainTarget forgets (flat memory).
  const result = await seedDemo(target, { lots: LOTS, seed: SEED, regulators: false, captures: false });
  const seconds = (performance.now() - started) / 1000;
  report({
    bench: 'trace.chain',
    lots: result.lots,
    events: result.events,
    edges: lots.graph.edgeCount,
    operators: result.operators,
    seconds: round(seconds),
    note: 'decided by src/domain in memory, applied as generated',
  });
  return { model: new ReadModel(lots, operators, runner), runner };
}

/** Sample roots: lots in shops (long backward lineages) and farm lots (forward: recalls). */
function sampleRoots(model: ReadModel): { retail: string[]; farm: string[] } {
  const { index, table } = model.lotProjection;
  const stores = new Set<number>();
  for (let i = 0; i < table.operators.size; i++) {
    const name = model.operatorProjection.get(table.operators.value(i))?.name ?? '';
    if (name.includes('分店')) stores.add(i);
  }
  const retail: string[] = [];
  const farm: string[] = [];
  const step = Math.max(1, Math.floor(index.size / (ROOTS * 40)));
  for (let id = 0; id < index.size && (retail.length < ROOTS || farm.length < ROOTS); id += step) {
    if (retail.length < ROOTS && stores.has(table.holderOf(id))) retail.push(index.codeOf(id));
    else if (farm.length < ROOTS && model.lotProjection.kindOf(id) === 1) farm.push(index.codeOf(id));
  }
  return { retail, farm };
}

async function lineageBeside(model: ReadModel): Promise<void> {
  const { graph, index } = model.lotProjection;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const edgesTable = `trace_bench_edges_${process.pid}`;
  const lotsTable = `trace_bench_lots_${process.pid}`;
  try {
    const loading = performance.now();
    await client.query(`CREATE TABLE ${lotsTable} (id bigint PRIMARY KEY, code char(20) NOT NULL)`);
    await client.query(
      `CREATE TABLE ${edgesTable} (parent bigint NOT NULL, child bigint NOT NULL, quantity double precision NOT NULL, via smallint NOT NULL)`,
    );
    const CHUNK = 50_000;
    for (let start = 0; start < index.size; start += CHUNK) {
      const ids = Array.from({ length: Math.min(CHUNK, index.size - start) }, (_, i) => start + i);
      await client.query(`INSERT INTO ${lotsTable} SELECT * FROM unnest($1::bigint[], $2::text[])`, [
        ids,
        ids.map((id) => index.codeOf(id)),
      ]);
    }
    for (let start = 0; start < graph.edgeCount; start += CHUNK) {
      const end = Math.min(graph.edgeCount, start + CHUNK);
      await client.query(`INSERT INTO ${edgesTable} SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::float8[], $4::int2[])`, [
        Array.from(graph.edgeParent.subarray(start, end)),
        Array.from(graph.edgeChild.subarray(start, end)),
        Array.from({ length: end - start }, (_, at) => graph.quantity(start + at)),
        Array.from(graph.edgeVia.subarray(start, end)),
      ]);
    }
    await client.query(`CREATE UNIQUE INDEX ON ${lotsTable} (code)`);
    await client.query(`CREATE INDEX ON ${edgesTable} (child)`);
    await client.query(`CREATE INDEX ON ${edgesTable} (parent)`);
    await client.query(`ANALYZE ${lotsTable}; ANALYZE ${edgesTable}`);
    const loadSeconds = (performance.now() - loading) / 1000;

    const roots = sampleRoots(model);
    for (const [direction, codes] of [
      ['backward', roots.retail],
      ['forward', roots.farm],
    ] as const) {
      const [near, far] = direction === 'backward' ? ['child', 'parent'] : ['parent', 'child'];
      const sql = `WITH RECURSIVE walk(parent, child, quantity, via) AS (
          SELECT e.parent, e.child, e.quantity, e.via FROM ${edgesTable} e JOIN ${lotsTable} r ON e.${near} = r.id WHERE r.code = $1
          UNION
          SELECT e.parent, e.child, e.quantity, e.via FROM ${edgesTable} e JOIN walk w ON e.${near} = w.${far})
        SELECT p.code AS parent, c.code AS child, w.quantity, w.via
          FROM walk w JOIN ${lotsTable} p ON p.id = w.parent JOIN ${lotsTable} c ON c.id = w.child`;
      // Each side in its own steady state (PostgreSQL after a pass that warms its cache, memory after JIT
      // warm-up), each root timed several times and its median kept, so a stray GC pause counts for neither.
      const medianOf = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
      const limits = { maxDepth: 1000, maxNodes: 1_000_000 };
      const postgresTimes = codes.map((): number[] => []);
      const memoryTimes = codes.map((): number[] => []);
      const reachedInPostgres: number[] = [];
      const edgesInPostgres: number[] = [];
      for (let round = 0; round < 4; round++) {
        for (const [i, code] of codes.entries()) {
          const started = performance.now();
          const { rows } = await client.query<{ parent: string; child: string }>(sql, [code]);
          if (round > 0) postgresTimes[i]!.push(performance.now() - started);
          reachedInPostgres[i] = new Set(rows.map((row) => (direction === 'backward' ? row.parent : row.child))).size;
          edgesInPostgres[i] = rows.length;
        }
      }
      let ancestors = 0;
      let agree = true;
      for (let round = 0; round < 8; round++) {
        for (const [i, code] of codes.entries()) {
          const started = performance.now();
          const view = model.lineage(code, direction, limits)!;
          if (round > 0) memoryTimes[i]!.push(performance.now() - started);
          if (round === 0) {
            ancestors += view.nodes.length - 1;
            if (view.nodes.length - 1 !== reachedInPostgres[i] || view.edges.length !== edgesInPostgres[i]) agree = false;
          }
        }
      }
      const memoryMs = memoryTimes.reduce((sum, times) => sum + medianOf(times), 0);
      const postgresMs = postgresTimes.reduce((sum, times) => sum + medianOf(times), 0);
      const walker = new LineageWalker(model.lotProjection);
      const ids = codes.map((code) => index.idOf(code));
      const walkMicros = medianMicros((i) => walker.walk(ids[i % ids.length]!, direction, { maxDepth: 1000, maxNodes: 1_000_000 }), 2000);
      const memoryPerAncestor = (memoryMs * 1000) / ancestors;
      const postgresPerAncestor = (postgresMs * 1000) / ancestors;
      report({
        bench: `trace.lineage.${direction}`,
        roots: codes.length,
        lotsReachedPerQuery: round(ancestors / codes.length),
        memory: {
          microsPerLotReached: round(memoryPerAncestor),
          medianQueryMicros: round(medianOf(memoryTimes.map(medianOf)) * 1000),
          medianWalkOnlyMicros: round(walkMicros),
        },
        postgres: {
          microsPerLotReached: round(postgresPerAncestor),
          medianQueryMillis: round(medianOf(postgresTimes.map(medianOf))),
          loadSeconds: round(loadSeconds),
          edges: graph.edgeCount,
        },
        ratio: round(postgresPerAncestor / memoryPerAncestor),
        sameAnswers: agree,
        goal: { ratio: '>= 30' },
      });
    }
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${edgesTable}; DROP TABLE IF EXISTS ${lotsTable}`);
    await client.end();
  }
}

function oneStepAndResolve(model: ReadModel): void {
  const { index } = model.lotProjection;
  const codes = Array.from({ length: 50_000 }, (_, i) =>
    index.codeOf(Math.floor((((i * 2654435761) % 4294967296) / 4294967296) * index.size)),
  );
  const back = rate((i) => model.oneStepBack(codes[i % codes.length]!));
  const forward = rate((i) => model.oneStepForward(codes[i % codes.length]!));
  report({ bench: 'trace.oneStep', lots: index.size, backPerSecond: round(back), forwardPerSecond: round(forward) });

  const hot = codes.slice(0, 1000);
  const ready = new Map(hot.map((code) => [code, model.lotJson(code)!]));
  const fresh = new ReadModel(model.lotProjection, model.operatorProjection, undefined, { jsonCacheSize: 0 });
  report({
    bench: 'trace.resolve',
    lotJsonCachedPerSecond: round(rate((i) => model.lotJson(hot[i % hot.length]!))),
    lotJsonRenderedPerSecond: round(rate((i) => fresh.lotJson(codes[i % codes.length]!))),
    mapGetPerSecond: round(rate((i) => ready.get(hot[i % hot.length]!))),
    note: 'lotJson serves kept JSON text for hot codes; the bare Map.get is the ceiling it is compared with',
  });
  fresh.dispose();
}

/** Memory and start-up from the snapshot, in a fresh process. */
function restoreInChild(lots: number): void {
  const dir = join(work, 'snapshots');
  const bytes = statSync(snapshotPath(dir, 'lots')).size + statSync(snapshotPath(dir, 'operators')).size;
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', process.argv[1]!, '--child-restore', dir], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`restore child failed: ${child.stderr}`);
  const measured = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
  const lotBytes = measured.lotHeapBytes! / lots;
  const operatorBytes = measured.operatorHeapBytes! / measured.operators!;
  // At 10M lots: the lots' memory, the operators a chain of that size has (this chain's ratio), and the process itself.
  const operatorsAt10M = (measured.operators! / lots) * 1e7;
  const rssAt10M = measured.baseRss! + (measured.lotRssBytes! / lots) * 1e7 + operatorBytes * operatorsAt10M;
  report({
    bench: 'trace.memory',
    lots,
    lotProjection: {
      heapBytesPerLot: round(lotBytes),
      typedArrayBytesPerLot: round(measured.typedBytes! / lots),
      jsHeapBytesPerLot: round(measured.lotJsHeapBytes! / lots),
      rssBytesPerLot: round(measured.lotRssBytes! / lots),
    },
    operatorProjection: { operators: measured.operators, heapBytesPerOperator: round(operatorBytes) },
    rssMB: round(measured.rss! / 2 ** 20),
    projected10M: { lotsGB: round((lotBytes * 1e7) / 2 ** 30), operators: round(operatorsAt10M), rssGB: round(rssAt10M / 2 ** 30) },
    goal: '10M lots in 2 GB RSS',
  });
  report({
    bench: 'trace.startup',
    lots,
    snapshotMB: round(bytes / 2 ** 20),
    secondsFromSnapshot: round(measured.seconds!),
    lotsSeconds: round(measured.lotsSeconds!),
  });
}

async function measureRestore(dir: string): Promise<void> {
  const heap = (usage: NodeJS.MemoryUsage) => usage.heapUsed + usage.external;
  collect();
  const before = process.memoryUsage();
  const started = performance.now();
  const lots = new LotProjection();
  await new ProjectionRunner([lots], { snapshots: { dir } }).restore();
  const lotsSeconds = (performance.now() - started) / 1000;
  // Interners key their values on first use; a live node soon uses them all, so count their keys too.
  const { table } = lots;
  for (const interner of [table.operators, table.products, table.origins, table.claimSets, table.texts, table.recordValues]) {
    if (interner.size > 0) interner.idOf(interner.value(0) as never);
  }
  collect();
  const withLots = process.memoryUsage();
  const operators = new OperatorProjection();
  await new ProjectionRunner([operators], { snapshots: { dir } }).restore();
  const seconds = (performance.now() - started) / 1000;
  collect();
  const after = process.memoryUsage();
  let typedBytes = 0;
  for (const array of Object.values(lots.snapshot().arrays)) typedBytes += array.byteLength;
  console.log(
    JSON.stringify({
      seconds,
      lotsSeconds,
      lotHeapBytes: heap(withLots) - heap(before),
      lotJsHeapBytes: withLots.heapUsed - before.heapUsed,
      lotRssBytes: withLots.rss - before.rss,
      operatorHeapBytes: heap(after) - heap(withLots),
      operators: operators.size,
      typedBytes,
      rss: after.rss,
      baseRss: before.rss,
    }),
  );
}

/** The seeder through the real sequencer on sqlite, then rebuilds from that log. */
async function seedAndRebuild(): Promise<void> {
  const file = join(work, 'log.db');
  const store = await openStore(file);
  const ledger = await openSuyuanLedger({
    store,
    key: { origin: 'bench.suyuan/log', ...generateKey('bench.suyuan/log') },
    batch: { maxCommands: 2048 },
  });
  let started = performance.now();
  const seeded = await seedDemo(ledger, { lots: LOG_LOTS, seed: SEED });
  const seedSeconds = (performance.now() - started) / 1000;
  await ledger.close();
  report({
    bench: 'trace.seed',
    store: 'sqlite',
    lots: seeded.lots,
    events: seeded.events,
    eventsPerSecond: round(seeded.events / seedSeconds),
    goal: { eventsPerSecond: '>= 20000' },
  });

  const size = (await store.head()).size;
  const events: SealedEvent[] = [];
  started = performance.now();
  for (let from = 0; from < size; ) {
    const chunk = await store.readFrom(from, 10_000);
    for (const event of chunk) events.push(event);
    from += chunk.length;
  }
  const readSeconds = (performance.now() - started) / 1000;

  const applyOnly = bestOf(3, () => {
    const lots = new LotProjection();
    const operators = new OperatorProjection();
    for (const event of events) {
      lots.apply(event);
      operators.apply(event);
    }
  });
  const evolveOnly = bestOf(3, () => {
    const states = new Map<string, EntityState>();
    for (const event of events) {
      for (const tag of event.tags) {
        const next = evolve(tag, states.get(tag), event as unknown as DomainEvent);
        if (next) states.set(tag, next);
      }
    }
  });
  const verify = bestOf(1, () => {
    const verifier = new LogVerifier();
    for (const event of events) verifier.push(event);
  });
  // The regulators' snapshot of the same log (what a node writes at shutdown and reads at start),
  // beside JSON of its `values` alone (the part still kept as JSON) in the same run.
  const regulation = new RegulationProjection();
  for (const event of events) regulation.apply(event);
  let saved = Buffer.alloc(0);
  const saveSeconds = bestOf(5, () => {
    saved = Buffer.concat(encodeSnapshot(regulation.snapshot()));
  });
  const restoreSeconds = bestOf(5, () => new RegulationProjection().restore(decodeSnapshot(saved)));
  const valuesText = JSON.stringify(regulation.snapshot().values);
  const valuesParseSeconds = bestOf(5, () => JSON.parse(valuesText));
  report({
    bench: 'trace.regulationSnapshot',
    events: size,
    bytes: saved.byteLength,
    valuesJsonBytes: valuesText.length,
    ms: { save: round(saveSeconds * 1000), restore: round(restoreSeconds * 1000), parseValuesJsonOnly: round(valuesParseSeconds * 1000) },
    ratioRestoreToValuesParse: round(restoreSeconds / valuesParseSeconds),
  });
  events.length = 0;
  const readAndApply = await timed(async () => {
    const runner = new ProjectionRunner([new LotProjection(), new OperatorProjection()]);
    await runner.catchUp(store as EventStore);
  });
  await store.close();
  const perSecond = (seconds: number) => round(size / seconds);
  report({
    bench: 'trace.rebuild',
    store: 'sqlite',
    events: size,
    eventsPerSecond: {
      applyOnly: perSecond(applyOnly),
      readOnly: perSecond(readSeconds),
      readAndApply: perSecond(readAndApply),
      hashVerificationOnly: perSecond(verify),
      domainEvolveOnly: perSecond(evolveOnly),
    },
    note: 'domainEvolveOnly: the same events folded by src/domain evolve into a Map, the ceiling of an apply that reuses it',
    goal: { applyOnly: '>= 200000' },
  });
}

function bestOf(runs: number, work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return best;
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

/**
 * benchmarks/ledger.ts — acknowledged hand-offs per second and acknowledgement
 * latency at 64 (or --submitters) concurrent submitters, on sqlite and on postgres, each beside
 * the raw batched-INSERT rate of the same rows at the same mean batch size, measured in the same run.
 * Run: npm run bench:ledger   (DATABASE_URL for postgres; default postgres://postgres@127.0.0.1:5432/test)
 * Options: --seconds N (load per store, default 10), --submitters N (default 64), --only sqlite|postgres
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { eventBody, generateKey } from '../src/hash/index.js';
import { openSuyuanLedger, type LogKey, type SuyuanLedger } from '../src/ledger/index.js';
import { openStore, type EventStore, type SealedEvent } from '../src/store/index.js';
import { codeGenerator, commissionCommand, operatorActor, registerAndApprove, shipCommand } from '../test/support/scenario.js';
import { report, round } from './measure.js';

const { values: args } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, submitters: { type: 'string', default: '64' }, only: { type: 'string' } },
});
const SECONDS = Number(args.seconds);
const SUBMITTERS = Number(args.submitters);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const key: LogKey = { origin: 'bench.suyuan/log', ...generateKey('bench.suyuan/log') };

interface LoadResult {
  handOffs: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  meanBatch: number;
  events: SealedEvent[];
}

/** 64 submitters, each shipping 1 kg at a time from its own lot, for SECONDS. */
async function load(ledger: SuyuanLedger): Promise<LoadResult> {
  const [farm, buyer] = await registerAndApprove(ledger, 2);
  const code = codeGenerator(42);
  const lots = Array.from({ length: SUBMITTERS }, () => code(1));
  await Promise.all(lots.map((lot) => ledger.submit(commissionCommand(lot, 1_000_000_000), operatorActor(farm!))));
  const childCodes = Array.from({ length: 400_000 * Math.max(1, SECONDS / 10) }, () => code(2));
  let next = 0;
  const latencies: number[] = [];
  const batches: number[] = [];
  const events: SealedEvent[] = [];
  const unsubscribe = ledger.onCommit((committed) => {
    batches.push(committed.length);
    if (events.length < 50_000) events.push(...committed);
  });
  const deadline = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    lots.map(async (lot) => {
      while (performance.now() < deadline && next < childCodes.length) {
        const sent = performance.now();
        const outcome = await ledger.submit(shipCommand(lot, childCodes[next++]!, 1, buyer!), operatorActor(farm!));
        if (!outcome.ok) throw new Error(`hand-off refused: ${JSON.stringify(outcome)}`);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  unsubscribe();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  return {
    handOffs: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: pct(0.5),
    p99: pct(0.99),
    max: latencies[latencies.length - 1]!,
    meanBatch: batches.reduce((a, b) => a + b, 0) / batches.length,
    events,
  };
}

/** Raw batched INSERTs of the same rows (events and their tags) into scratch tables, batch size as the ledger used. */
function rawSqlite(dir: string, events: SealedEvent[], batchSize: number): number {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE events (position INTEGER PRIMARY KEY, hash TEXT NOT NULL, type TEXT NOT NULL, time TEXT NOT NULL, body TEXT NOT NULL)',
  );
  db.exec('CREATE TABLE event_tags (tag TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (tag, position)) WITHOUT ROWID');
  const insertEvent = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?)');
  const insertTag = db.prepare('INSERT INTO event_tags VALUES (?, ?)');
  // The canonical text, as the ledger stores it.
  const rows = events.map((e) => ({ ...e, body: eventBody(e) }));
  let position = 0;
  const insertBatch = db.transaction((batch: typeof rows) => {
    for (const e of batch) {
      insertEvent.run(position, e.hash, e.type, e.time, e.body);
      for (const tag of e.tags) insertTag.run(tag, position);
      position++;
    }
  });
  const deadline = performance.now() + Math.min(SECONDS, 5) * 1000;
  const start = performance.now();
  for (let i = 0; performance.now() < deadline; i = (i + batchSize) % Math.max(1, rows.length - batchSize)) {
    insertBatch(rows.slice(i, i + batchSize));
  }
  const perSecond = position / ((performance.now() - start) / 1000);
  db.close();
  return perSecond;
}

async function rawPostgres(events: SealedEvent[], batchSize: number): Promise<number> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const schema = `suyuan_bench_raw_${process.pid}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  try {
    await client.query(
      `CREATE TABLE ${schema}.events (position bigint PRIMARY KEY, hash text NOT NULL, type text NOT NULL, time text NOT NULL, body text NOT NULL)`,
    );
    await client.query(`CREATE TABLE ${schema}.event_tags (tag text NOT NULL, position bigint NOT NULL, PRIMARY KEY (tag, position))`);
    // The canonical text, as the ledger stores it.
    const rows = events.map((e) => ({ ...e, body: eventBody(e) }));
    let position = 0;
    const deadline = performance.now() + Math.min(SECONDS, 5) * 1000;
    const start = performance.now();
    for (let i = 0; performance.now() < deadline; i = (i + batchSize) % Math.max(1, rows.length - batchSize)) {
      const batch = rows.slice(i, i + batchSize);
      const positions = batch.map((_, j) => position + j);
      const tagRows = batch.flatMap((e, j) => e.tags.map((tag) => [tag, position + j] as const));
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO ${schema}.events SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])`,
        [positions, batch.map((e) => e.hash), batch.map((e) => e.type), batch.map((e) => e.time), batch.map((e) => e.body)],
      );
      await client.query(`INSERT INTO ${schema}.event_tags SELECT * FROM unnest($1::text[], $2::bigint[])`, [
        tagRows.map((r) => r[0]),
        tagRows.map((r) => r[1]),
      ]);
      await client.query('COMMIT');
      position += batch.length;
    }
    return position / ((performance.now() - start) / 1000);
  } finally {
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  }
}

async function benchStore(kind: 'sqlite' | 'postgres'): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-bench-'));
  const schema = `suyuan_bench_${process.pid}`;
  const url = kind === 'sqlite' ? join(dir, 'suyuan.db') : `${DATABASE_URL}${DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  let store: EventStore | undefined;
  try {
    store = await openStore(url);
    const ledger = await openSuyuanLedger({ store, key });
    const result = await load(ledger);
    await ledger.close();
    const batch = Math.max(1, Math.round(result.meanBatch));
    const raw = kind === 'sqlite' ? rawSqlite(dir, result.events, batch) : await rawPostgres(result.events, batch);
    report({
      bench: `ledger.${kind}`,
      submitters: SUBMITTERS,
      seconds: SECONDS,
      acknowledgedHandOffsPerSecond: round(result.perSecond),
      ackLatencyMs: { p50: round(result.p50), p99: round(result.p99), max: round(result.max) },
      meanBatchEvents: round(result.meanBatch),
      rawBatchedInsertEventsPerSecond: round(raw),
      ratioToRawInsert: round(result.perSecond / raw, 2),
      // Issue 17: acknowledged >= 0.8 of the raw insert at the same batch size, and >= 30,000/s at 1,024 submitters.
      goals: { ratio: '>= 0.8', perSecond: SUBMITTERS >= 1024 ? '>= 30000' : 'none at this load', p99Ms: '<= 20' },
      met: {
        ratio: result.perSecond / raw >= 0.8,
        ...(SUBMITTERS >= 1024 ? { perSecond: result.perSecond >= 30_000 } : {}),
        p99Ms: result.p99 <= 20,
      },
    });
  } finally {
    await store?.close();
    if (kind === 'postgres') {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const kind of ['sqlite', 'postgres'] as const) {
  if (!args.only || args.only === kind) await benchStore(kind);
}

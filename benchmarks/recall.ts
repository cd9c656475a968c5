/**
 * benchmarks/recall.ts — the risk recall (issue 12): the time from a failing
 * lab result's HTTP request to its committed freeze of a lot with 10,000
 * descendants (goal ≤ 50 ms), beside a one-lot freeze through the same API in
 * the same run (the write path's own cost); and the trace-hook query rate
 * (GET /v1/operators/{id}/trace-status) beside a bare fastify route answering
 * the same JSON from a Map (goal ≥ 0.5 of it).
 *
 * One process serves both the API (SQLite store in a temporary directory, the
 * real ledger and projections) and the bare route, and runs the load: both
 * servers share the load generator's handicap, so the ratio stays fair.
 *
 * Run: npx tsx benchmarks/recall.ts   (options: --descendants 10000 --runs 15 --duration 10 --connections 50
 *      --profile FILE: a V8 CPU profile of the recall runs alone, for chrome://inspect or speedscope)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { build, keyDigest, newApiKey } from '../src/api/index.js';
import {
  generateTraceCode,
  organisationCodeCheckCharacter,
  usccCheckCharacter,
  type Actor,
  type Command,
  type TraceCodeKind,
} from '../src/domain/index.js';
import { loadLogKey, openSuyuanLedger } from '../src/ledger/index.js';
import { startProjections } from '../src/projections/index.js';
import { openStore } from '../src/store/index.js';
import { report, round } from './measure.js';

const { values: args } = parseArgs({
  options: {
    descendants: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '15' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    profile: { type: 'string' },
  },
});
const DESCENDANTS = Number(args.descendants);
const RUNS = Number(args.runs);
const GOAL_MS = 50;
const REGION = '440113';
const ADMIN: Actor = { kind: 'authority', role: 'admin', region: '', id: 'admin' };
const NOW = new Date().toISOString();

let serial = 0;
const code = (kind: TraceCodeKind) => generateTraceCode({ kind, region: REGION, serial: String(++serial).padStart(11, '0') });
let ids = 0;
function uscc(): string {
  const body = `MA${String(++ids).padStart(6, '0')}`;
  const first17 = `91${REGION}${body}${organisationCodeCheckCharacter(body)}`;
  return first17 + usccCheckCharacter(first17);
}

const dir = mkdtempSync(join(tmpdir(), 'suyuan-recall-'));
const store = await openStore(join(dir, 'suyuan.db'));
const ledger = await openSuyuanLedger({ store, key: loadLogKey({ dataDir: dir }) });
const projections = await startProjections({ store, ledger });
const adminKey = newApiKey();
const api = await build({
  ledger,
  store,
  read: projections.readModel,
  adminKeyDigest: keyDigest(adminKey),
  rateLimit: { max: 1e9, timeWindowMs: 60_000 },
  authFailureLimit: false,
  processMetrics: false,
});
const apiUrl = await api.listen({ port: 0, host: '127.0.0.1' });

async function call(method: string, path: string, key: string | undefined, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

async function submit(command: Command, actor: Actor): Promise<void> {
  const outcome = await ledger.submit(command, actor);
  if (!outcome.ok) throw new Error(`${command.type}: ${JSON.stringify(outcome)}`);
}

/** An approved trader or producer of REGION, registered and reviewed by the admin. */
async function operator(name: string, roles: ('producer' | 'trader')[]): Promise<string> {
  const operatorId = uscc();
  const contact = { ref: `pd_bench${String(ids).padStart(12, '0')}`, commitment: '0'.repeat(64) };
  await submit(
    {
      type: 'operator.register',
      operatorId,
      name,
      kind: 'enterprise',
      roles,
      region: REGION,
      address: '番禺区',
      contact,
      uscc: operatorId,
    },
    ADMIN,
  );
  await submit({ type: 'operator.review', operatorId, decision: 'approve' }, ADMIN);
  return operatorId;
}

const asOperator = (operatorId: string): Actor => ({ kind: 'operator', operatorId });
const product = { name: '菜心', category: 'vegetable' as const };

/**
 * The lineage: a farm lot shipped to √n wholesalers, each of which accepts
 * and hands its goods on to market buyers on market-entry certificates, until
 * the farm lot has `DESCENDANTS` descendants with goods left.
 */
async function lineage(): Promise<{ root: string; farm: string; wholesalers: string[] }> {
  const farm = await operator('番禺菜心合作社', ['producer']);
  const fanOut = Math.ceil(Math.sqrt(DESCENDANTS));
  const wholesalers = await Promise.all(Array.from({ length: fanOut }, (_, i) => operator(`江南批发商${i}`, ['trader'])));
  const root = code(1);
  await submit(
    {
      type: 'lot.commission',
      code: root,
      product,
      quantity: { amount: DESCENDANTS * 10, unit: 'kg' },
      producedAt: NOW.slice(0, 10),
      origin: { region: REGION },
    },
    asOperator(farm),
  );
  const perWholesaler = Math.ceil((DESCENDANTS - fanOut) / fanOut);
  let made = 0;
  const children: { code: string; holder: string }[] = [];
  for (const wholesaler of wholesalers) {
    const child = code(2);
    await submit(
      {
        type: 'lot.ship',
        code: root,
        childCode: child,
        quantity: { amount: perWholesaler + 1, unit: 'kg' },
        to: { operatorId: wholesaler },
      },
      asOperator(farm),
    );
    await submit({ type: 'lot.accept', code: child }, asOperator(wholesaler));
    children.push({ code: child, holder: wholesaler });
    made++;
  }
  const shipments: Promise<void>[] = [];
  for (const { code: parent, holder } of children) {
    for (let i = 0; i < perWholesaler && made < DESCENDANTS; i++, made++) {
      const buyer = { buyer: { ref: `pd_buyer${String(made).padStart(12, '0')}`, commitment: '0'.repeat(64) } };
      shipments.push(
        submit({ type: 'lot.ship', code: parent, childCode: code(3), quantity: { amount: 1, unit: 'kg' }, to: buyer }, asOperator(holder)),
      );
    }
  }
  await Promise.all(shipments);
  return { root, farm, wholesalers };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function recall(root: string, farm: string, monitorKey: string, inspectorKey: string): Promise<void> {
  const { taskId } = (await call('POST', '/v1/sampling-tasks', monitorKey, {
    kind: 'spot-check',
    region: REGION,
    categories: ['vegetable'],
    items: ['毒死蜱'],
    dueBy: '2099-12-31',
  })) as { taskId: string };
  const failed = { verdict: 'fail', items: [{ item: '毒死蜱', value: 0.12, unit: 'mg/kg', limit: 0.02, verdict: 'fail' }] };
  const recallMs: number[] = [];
  const singleMs: number[] = [];
  let frozenCount = 0;
  const profiler = args.profile === undefined ? undefined : new Session();
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  for (let run = 0; run < RUNS + 2; run++) {
    const { sampleId } = (await call('POST', '/v1/samples', monitorKey, { taskId, lotCode: root, operatorId: farm })) as {
      sampleId: string;
    };
    let started = performance.now();
    const answer = (await call('POST', `/v1/samples/${sampleId}/results`, monitorKey, failed)) as { alertId: string; frozen: string[] };
    const elapsed = performance.now() - started;
    frozenCount = answer.frozen.length;
    await call('POST', `/v1/alerts/${answer.alertId}/release`, monitorKey, { reason: '复检合格' });
    // The peer: one lot frozen (and released) through the same write path.
    started = performance.now();
    await call('POST', `/v1/lots/${root}/freeze`, inspectorKey, { reason: '基准', cascade: false });
    const single = performance.now() - started;
    await call('POST', `/v1/lots/${root}/release`, inspectorKey, { reason: '基准', cascade: false });
    if (run >= 2) {
      recallMs.push(elapsed);
      singleMs.push(single);
    }
  }
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(args.profile!, JSON.stringify(profile));
    profiler.disconnect();
  }
  const recallMedian = median(recallMs);
  report({
    benchmark: 'recall',
    figure: 'failed result → committed freeze (HTTP request to response)',
    descendants: DESCENDANTS,
    frozen: frozenCount,
    runs: RUNS,
    medianMs: round(recallMedian),
    maxMs: round(Math.max(...recallMs)),
    goalMs: GOAL_MS,
    ratioToGoal: round(recallMedian / GOAL_MS),
    oneLotFreezeMedianMs: round(median(singleMs)),
    ratioToOneLotFreeze: round(recallMedian / median(singleMs)),
  });
}

async function traceStatusRate(operatorIds: readonly string[]): Promise<void> {
  const bodies = new Map<string, string>();
  for (const id of operatorIds) bodies.set(id, JSON.stringify(await call('GET', `/v1/operators/${id}/trace-status`, undefined)));
  const bare = Fastify();
  bare.get<{ Params: { id: string } }>('/v1/operators/:id/trace-status', async (request, reply) =>
    reply.type('application/json').send(bodies.get(request.params.id)),
  );
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const requests = operatorIds.map((id) => ({ method: 'GET' as const, path: `/v1/operators/${id}/trace-status` }));
  const load = async (url: string) => {
    const options = { url, connections: Number(args.connections), requests };
    await autocannon({ ...options, duration: 2 });
    const result = await autocannon({ ...options, duration: Number(args.duration) });
    const bad = result.non2xx + result.errors + result.timeouts;
    if (bad > 0) throw new Error(`${url}: ${bad} failed requests`);
    return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99 };
  };
  const suyuan = await load(apiUrl);
  const peer = await load(bareUrl);
  await bare.close();
  report({
    benchmark: 'recall',
    figure: 'GET /v1/operators/{id}/trace-status beside a bare fastify route serving the same JSON',
    operators: operatorIds.length,
    requestsPerSecond: round(suyuan.requestsPerSecond),
    p99Ms: suyuan.p99Ms,
    bareRequestsPerSecond: round(peer.requestsPerSecond),
    bareP99Ms: peer.p99Ms,
    ratio: round(suyuan.requestsPerSecond / peer.requestsPerSecond),
    goalRatio: 0.5,
  });
}

try {
  const started = performance.now();
  const { root, farm, wholesalers } = await lineage();
  const monitor = (await call('POST', '/v1/principals', adminKey, { name: '番禺区监测站', role: 'monitor', region: '4401' })) as {
    key: string;
  };
  const inspector = (await call('POST', '/v1/principals', adminKey, { name: '番禺区监管员', role: 'inspector', region: '4401' })) as {
    key: string;
  };
  report({
    benchmark: 'recall',
    figure: 'setup',
    descendants: DESCENDANTS,
    events: ledger.size,
    seconds: round((performance.now() - started) / 1000),
  });
  await recall(root, farm, monitor.key, inspector.key);
  await traceStatusRate([farm, ...wholesalers]);
} finally {
  await api.close();
  await projections.stop();
  await ledger.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Verifiable docking with real processes (issue 16): a provincial writer and a national federated
 * node, each `node --import tsx src/main.ts` on its own data directory. The province's lots resolve,
 * trace and give a verifying proof bundle on the national node; the province's checkpoint carries
 * the national node's cosignature, which verifies with the witness's key; the national node's own
 * log records what it imported. Restarted while the province is down, it serves what it verified
 * without fetching anything. Then a fork: a copy of the province's data directory, signing with the
 * same key, writes a different history; the national node refuses it, serves evidence that a fresh
 * verifier given only the province's key confirms, and keeps serving the verified prefix.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerVerifyBundleCommand } from '../../src/cli/verifyBundle.js';
import { newApiKey } from '../../src/api/index.js';
import { checkNote, checkConsistency, fromHex, generateKey, parseCheckpoint, toHex } from '../../src/hash/index.js';
import { checkWitnessed, verifyBundle, verifyForkEvidence } from '../../src/verify/index.js';
import { freePort } from '../support/ports.js';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'suyuan-federation-'));
const nation = generateKey('nation.example/log');
const province = generateKey('gd.example/log');
const adminKey = newApiKey();

interface Node {
  readonly base: string;
  readonly process: ChildProcess;
  output(): string;
}
const running = new Set<Node>();

/** start runs a node on `dataDir` and resolves once it answers /health/live (ready may depend on its upstreams). */
async function start(dataDir: string, env: Record<string, string>, port?: number): Promise<Node> {
  const listen = port ?? (await freePort());
  let printed = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SUYUAN_DATA_DIR: dataDir,
      PORT: String(listen),
      HOST: '127.0.0.1',
      SUYUAN_ADMIN_KEY: adminKey,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (printed += chunk));
  child.stderr!.on('data', (chunk) => (printed += chunk));
  const node: Node = { base: `http://127.0.0.1:${listen}`, process: child, output: () => printed };
  running.add(node);
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error(`node exited: ${printed}`);
    if (
      await fetch(`${node.base}/health/live`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return node;
    if (waited > 90_000) throw new Error(`node not live: ${printed}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(node: Node): Promise<void> {
  running.delete(node);
  if (node.process.exitCode !== null) return;
  const exited = new Promise<void>((done) => node.process.once('exit', () => done()));
  node.process.kill('SIGTERM');
  const timer = setTimeout(() => node.process.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function json(node: Node, path: string, init: { method?: string; key?: string; body?: unknown } = {}): Promise<any> {
  const response = await fetch(`${node.base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}
const text = async (node: Node, path: string) => (await fetch(`${node.base}${path}`)).text();

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  for (let waited = 0; ; waited += 200) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const provinceDir = join(work, 'province');
const copyDir = join(work, 'province-copy');
const nationDir = join(work, 'nation');
let gd: Node;
let cn: Node;
let codes: string[];
let auditorKey: string;
let nationEnv: Record<string, string>;

const sizeOf = (note: string) => parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1)).size;
const upstreamStatus = async () => (await json(cn, '/v1/federation/upstreams')).upstreams[0];
/** A write on the province: a new API principal is an event of its log. */
const write = async (node: Node, name: string) =>
  json(node, '/v1/principals', { method: 'POST', key: adminKey, body: { name, role: 'auditor', region: '44' } });

beforeAll(async () => {
  gd = await start(provinceDir, { SUYUAN_LOG_KEY: province.skey, SUYUAN_DEMO_LOTS: '40', SUYUAN_WITNESSES: nation.vkey });
  await until('the province to be ready', async () => ((await fetch(`${gd.base}/health/ready`)).ok ? true : undefined));
  codes = (JSON.parse(readFileSync(join(provinceDir, 'demo-codes.json'), 'utf8')) as { codes: string[] }).codes;
  auditorKey = (await json(gd, '/v1/principals', { method: 'POST', key: adminKey, body: { name: '国家平台', role: 'auditor' } })).key;
  nationEnv = {
    SUYUAN_LOG_KEY: nation.skey,
    SUYUAN_SEED_DEMO: '0',
    SUYUAN_UPSTREAMS: gd.base,
    SUYUAN_UPSTREAM_VKEYS: province.vkey,
    SUYUAN_UPSTREAM_KEYS: auditorKey,
    SUYUAN_FEDERATION_INTERVAL: '0.2',
  };
  cn = await start(nationDir, nationEnv);
}, 180_000);

afterAll(async () => {
  for (const node of [...running]) await stop(node);
  rmSync(work, { recursive: true, force: true });
});

describe('province → nation docking', () => {
  it("imports the province's log as far as it is signed, and says so", async () => {
    const size = sizeOf(await text(gd, '/v1/log/checkpoint'));
    const status = await until('the import', async () => {
      const current = await upstreamStatus();
      return current.verifiedSize === size && current.cosignedSize === size ? current : undefined;
    });
    expect(status).toMatchObject({ origin: 'gd.example/log', verifiedSize: size, lag: 0 });
    expect(status.refused).toBeUndefined();
    expect((await fetch(`${cn.base}/health/ready`)).status).toBe(200);
  });

  it("resolves, traces and proves the province's codes on the national node", async () => {
    for (const code of codes.slice(0, 3)) {
      expect(await json(cn, `/v1/codes/${code}`)).toEqual(await json(gd, `/v1/codes/${code}`));
      const trace = await json(cn, `/v1/codes/${code}/trace`);
      expect(trace.nodes.length).toBeGreaterThan(0);
      const bundle = await json(cn, `/v1/codes/${code}/proof`);
      expect(verifyBundle(bundle, province.vkey)).toMatchObject({ ok: true, code });
    }
    expect((await fetch(`${cn.base}/v1/codes/14401130000000000000`)).status).toBeGreaterThanOrEqual(400);
    // The operator directories merge at the national entry.
    const { farm } = (JSON.parse(readFileSync(join(provinceDir, 'demo-codes.json'), 'utf8')) as { operators: { farm: string } }).operators;
    expect(await json(cn, `/v1/operators/${farm}`)).toEqual(await json(gd, `/v1/operators/${farm}`));
    expect((await fetch(`${cn.base}/o/${farm}`)).status).toBe(200);
  });

  it("carries the national node's cosignature on the province's checkpoint, verifying with the witness key", async () => {
    const note = await text(gd, '/v1/log/checkpoint');
    expect(checkNote(note, [province.vkey]).ok).toBe(true);
    expect(checkWitnessed(note, [nation.vkey], 1)).toEqual({ ok: true, witnessedBy: ['nation.example/log'] });
    const bundle = await json(gd, `/v1/codes/${codes[0]}/proof`);
    expect(checkWitnessed(bundle.checkpoint, [nation.vkey], 1).ok).toBe(true);
    // suyuan verify-bundle --witness … --min-witnesses: 0 with the nation's key, 1 with another's.
    const file = join(work, 'bundle.json');
    writeFileSync(file, JSON.stringify(bundle));
    const program = new Command().exitOverride();
    registerVerifyBundleCommand(program);
    const run = async (witnessKey: string) => {
      process.exitCode = undefined;
      await program.parseAsync([
        'node',
        'suyuan',
        'verify-bundle',
        file,
        '--vkey',
        province.vkey,
        '--witness',
        witnessKey,
        '--min-witnesses',
        '1',
        '--json',
      ]);
      const code = process.exitCode ?? 0;
      process.exitCode = undefined;
      return code;
    };
    expect(await run(nation.vkey)).toBe(0);
    expect(await run(generateKey('other.example/log').vkey)).toBe(1);
    expect(checkWitnessed(note, [generateKey('other.example/log').vkey], 1).ok).toBe(false);
  });

  it('records what it imported in its own log', async () => {
    const events = (await json(cn, '/v1/log/events?limit=1000', { key: adminKey })).events;
    const imported = events.filter((event: { type: string }) => event.type === 'federation.imported');
    expect(imported.length).toBeGreaterThan(0);
    const last = imported.at(-1).data;
    const status = await upstreamStatus();
    expect(last).toEqual({ origin: 'gd.example/log', size: status.verifiedSize, root: status.verifiedRoot });
  });

  it('resumes after a restart from what it verified, even with the province down', async () => {
    const before = await upstreamStatus();
    await stop(cn);
    await stop(gd);
    cpSync(provinceDir, copyDir, { recursive: true });
    cn = await start(nationDir, nationEnv);
    const after = await upstreamStatus();
    expect(after.verifiedSize).toBe(before.verifiedSize);
    expect(await json(cn, `/v1/codes/${codes[0]}`)).toMatchObject({ code: codes[0] });
  });

  it('refuses a fork of the province, with evidence a fresh verifier confirms, and keeps serving the verified prefix', async () => {
    // The province again, one more event; the national node imports it.
    gd = await start(provinceDir, { SUYUAN_LOG_KEY: province.skey, SUYUAN_WITNESSES: nation.vkey }, Number(new URL(gd.base).port));
    await write(gd, '审计甲');
    const grown = sizeOf(await text(gd, '/v1/log/checkpoint'));
    await until('the import of the new event', async () => ((await upstreamStatus()).verifiedSize === grown ? true : undefined));
    await stop(gd);
    // The copy, signing with the same key, writes a different history, longer than the first (out of
    // the national node's sight), then answers where the province did.
    const aside = await start(copyDir, { SUYUAN_LOG_KEY: province.skey });
    await write(aside, '审计乙');
    await write(aside, '审计丙');
    await stop(aside);
    const fork = await start(copyDir, { SUYUAN_LOG_KEY: province.skey }, Number(new URL(gd.base).port));
    const refused = await until('the refusal', async () => {
      const status = await upstreamStatus();
      return status.refused ? status : undefined;
    });
    expect(refused.verifiedSize).toBe(grown);
    const ready = await fetch(`${cn.base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.text()).toContain('refused');
    const [evidence] = (await json(cn, '/v1/federation/evidence')).evidence;
    expect(verifyForkEvidence(evidence, province.vkey)).toMatchObject({ ok: true, origin: 'gd.example/log' });
    // A fresh check from the primitives: both notes signed by the key, the longer tree's prefix is another tree.
    const [a, b] = evidence.notes.map((note: string) => {
      const opened = checkNote(note, [province.vkey]);
      expect(opened.ok).toBe(true);
      return parseCheckpoint((opened as { text: string }).text);
    });
    const [shorter, longer] = a.size < b.size ? [a, b] : [b, a];
    expect(evidence.prefix.root).not.toBe(toHex(shorter.root));
    const proof = evidence.prefix.consistency.map(fromHex);
    expect(checkConsistency(shorter.size, longer.size, fromHex(evidence.prefix.root), longer.root, proof).ok).toBe(true);
    expect(verifyForkEvidence(evidence, generateKey('gd.example/log').vkey).ok).toBe(false);
    // The verified prefix is still served, and the metrics raise the alert.
    expect(await json(cn, `/v1/codes/${codes[0]}`)).toMatchObject({ code: codes[0] });
    expect(await text(cn, '/metrics')).toMatch(/suyuan_upstream_refused\{upstream="[^"]+"\} 1/);
    await stop(fork);
  });
});

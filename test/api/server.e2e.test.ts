/**
 * End to end: the real server (`node --import tsx src/main.ts`, as `npm
 * start` runs it) on a temporary data directory and a free port. A farm →
 * cooperative → market chain over HTTP; every receipt's inclusion proof and
 * checkpoint signature checked with the public key from /v1/log/key; the
 * market-entry certificate's proof bundle verified offline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/api/index.js';
import { registerVerifyBundleCommand } from '../../src/cli/verifyBundle.js';
import { fromHex, openNote, parseCheckpoint, verifyConsistency } from '../../src/hash/index.js';
import { verifyReceipt, type Receipt } from '../../src/ledger/index.js';
import { verifyBundle } from '../../src/verify/index.js';
import { COOP, FARM, MARKET, PANYU, TIANHE, lotBody, registration } from './support/chain.js';
import { freePort } from '../support/ports.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'suyuan-e2e-'));
const adminKey = newApiKey();
let server: ChildProcess;
let base: string;
let output = '';

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SUYUAN_DATA_DIR: dir,
      PORT: String(port),
      SUYUAN_ADMIN_KEY: adminKey,
      SUYUAN_DEMO_LOTS: '40',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  for (let waited = 0; ; waited += 100) {
    if (server.exitCode !== null) throw new Error(`server exited: ${output}`);
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (waited > 60_000) throw new Error(`server not ready: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 90_000);

afterAll(async () => {
  if (server.exitCode === null) server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const receipts: Receipt[] = [];

async function call(method: string, path: string, key?: string, body?: unknown): Promise<any> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  const json = JSON.parse(text);
  if (json.ledger) receipts.push(json.ledger);
  return json;
}

describe('the real server', () => {
  it('seeds a demo chain on first start, and prints codes to look up', () => {
    expect(output).toMatch(/seeded a demo supply chain/);
    expect(output).toMatch(/look up \d{4} \d{4}/);
    expect(output).not.toContain(adminKey);
  });

  it('runs a farm → cooperative → market chain over HTTP with verifiable receipts and a verifiable proof bundle', async () => {
    const vkey = (await (await fetch(`${base}/v1/log/key`)).text()).trim();
    const reviewer = (await call('POST', '/v1/principals', adminKey, { name: '广东审核员', role: 'reviewer', region: '44' })).key;
    for (const [id, name, region] of [
      [FARM, '番禺绿野农场', PANYU],
      [COOP, '天河合作社', TIANHE],
      [MARKET, '江南市场', TIANHE],
    ] as const) {
      await call('POST', '/v1/operators', undefined, registration(id, name, region));
      await call('POST', `/v1/operators/${id}/review`, reviewer, { decision: 'approve' });
    }
    const keyFor = async (operatorId: string) =>
      (await call('POST', '/v1/principals', adminKey, { name: operatorId, role: 'operator', operatorId })).key as string;
    const [farm, coop, market] = [await keyFor(FARM), await keyFor(COOP), await keyFor(MARKET)];
    const kg = (amount: number) => ({ amount, unit: 'kg' });

    const farmLot = (await call('POST', '/v1/lots', farm, lotBody(800))).code;
    await call('POST', `/v1/lots/${farmLot}/records`, farm, { kind: 'operation', operation: '采收', performedAt: '2026-06-01' });
    const coopLot = (await call('POST', `/v1/lots/${farmLot}/shipments`, farm, { to: { operatorId: COOP }, quantity: kg(500) })).code;
    await call('POST', `/v1/lots/${coopLot}/accept`, coop);
    const marketLot = (await call('POST', `/v1/lots/${coopLot}/shipments`, coop, { to: { operatorId: MARKET }, quantity: kg(300) })).code;
    await call('POST', `/v1/lots/${marketLot}/accept`, market);
    const stall = (
      await call('POST', `/v1/lots/${marketLot}/shipments`, market, {
        to: { buyer: { name: '陈记菜档', phone: '13500135000' } },
        quantity: kg(40),
      })
    ).code;

    expect(receipts.length).toBeGreaterThan(10);
    for (const receipt of receipts) expect(verifyReceipt(receipt, vkey)).toMatchObject({ ok: true });
    const note = await (await fetch(`${base}/v1/log/checkpoint`)).text();
    const head = parseCheckpoint(openNote(note, [vkey]).text);
    const first = receipts[0]!;
    const first_ = parseCheckpoint(openNote(first.checkpoint, [vkey]).text);
    const consistency = await call('GET', `/v1/log/proof/consistency?from=${first.size}&to=${head.size}`);
    expect(verifyConsistency(first.size, head.size, first_.root, head.root, consistency.proof.map(fromHex))).toBe(true);

    const lineage = await call('GET', `/v1/codes/${stall}/trace`);
    expect(lineage.nodes.map((n: { code: string }) => n.code)).toEqual([stall, marketLot, coopLot, farmLot]);
    const bundle = await call('GET', `/v1/codes/${stall}/proof`);
    expect(bundle.format).toBe('suyuan-proof-bundle/2');
    expect(JSON.stringify(bundle)).not.toContain('13500135000');
    expect(JSON.stringify(bundle)).not.toContain('陈记菜档');
    expect(verifyBundle(bundle, vkey)).toMatchObject({ ok: true, lots: 4 });

    const file = join(dir, 'bundle.json');
    writeFileSync(file, JSON.stringify(bundle));
    const program = new Command().exitOverride();
    registerVerifyBundleCommand(program);
    process.exitCode = undefined;
    await program.parseAsync(['node', 'suyuan', 'verify-bundle', file, '--vkey', vkey, '--json']);
    expect(process.exitCode ?? 0).toBe(0);
    bundle.events[0].hash = '00'.repeat(32);
    writeFileSync(file, JSON.stringify(bundle));
    await program.parseAsync(['node', 'suyuan', 'verify-bundle', file, '--vkey', vkey, '--json']);
    expect(process.exitCode).toBe(1);
    process.exitCode = undefined;

    const page = await (await fetch(`${base}/c/${stall}`)).text();
    expect(page).toContain('已验证');
  }, 60_000);

  it('shuts down cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((done) => server.once('exit', (code) => done(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('shutting down');
  }, 30_000);
});

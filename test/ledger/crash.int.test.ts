import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKey, verifyLog } from '../../src/hash/index.js';
import { openStore } from '../../src/store/index.js';
import { describeWithPostgres, dropSchema, uniqueSchema } from '../support/pg.js';

const CHILD = join(import.meta.dirname, 'support', 'crashChild.ts');
const KILLS_PER_STORE = 12;

interface ChildRun {
  acked: Map<number, string>;
  failed: Set<string>;
  exitCode: number | null;
  integrity?: string;
}

/** Runs the writer until it has been READY for `aliveMs`, then SIGKILLs it. */
function runAndKill(storeUrl: string, skey: string, seed: number, aliveMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, STORE_URL: storeUrl, SUYUAN_LOG_KEY: skey, SEED: String(seed), FAIL_RATE: '0.05' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: ChildRun = { acked: new Map(), failed: new Set(), exitCode: null };
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [word, a, b] = line.split(' ');
        if (word === 'ACK') run.acked.set(Number(a), b!);
        else if (word === 'FAILED') run.failed.add(a!);
        else if (word === 'INTEGRITY') run.integrity = line;
        else if (word === 'READY') timer = setTimeout(() => child.kill('SIGKILL'), aliveMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      run.exitCode = code;
      if (signal !== 'SIGKILL')
        reject(new Error(`writer exited ${code} ${signal ?? ''} before being killed: ${run.integrity ?? ''}\n${stderr}`));
      else resolve(run);
    });
  });
}

async function crashRepeatedly(storeUrl: string): Promise<void> {
  const { skey, vkey } = generateKey('crash.test/log');
  const acked = new Map<number, string>();
  const failed = new Set<string>();
  for (let i = 0; i < KILLS_PER_STORE; i++) {
    const run = await runAndKill(storeUrl, skey, 1000 + i, 150 + Math.floor(Math.random() * 700));
    for (const [position, hash] of run.acked) acked.set(position, hash);
    for (const hash of run.failed) failed.add(hash);
  }
  expect(acked.size).toBeGreaterThan(100);
  expect(failed.size).toBeGreaterThan(0);

  const store = await openStore(storeUrl, { role: 'reader' });
  try {
    const head = await store.head();
    const events = await store.readFrom(0, head.size);
    const stored = new Map(events.map((e) => [e.position, e.hash]));
    // Every acknowledged event is there, with the same hash.
    for (const [position, hash] of acked) expect(stored.get(position)).toBe(hash);
    // No event of a failed batch is there.
    for (const event of events) expect(failed.has(event.hash)).toBe(false);
    // And the log verifies against its signed checkpoint.
    expect(verifyLog(events, head.checkpoint!.note, vkey)).toMatchObject({ ok: true, size: head.size });
  } finally {
    await store.close();
  }
}

describe('crash: SIGKILL under load on sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it(`keeps every acknowledged event over ${KILLS_PER_STORE} kills`, () => crashRepeatedly(join(dir, 'suyuan.db')), 180_000);
});

describeWithPostgres('crash: SIGKILL under load on postgres', (url) => {
  const schema = uniqueSchema('crash');
  afterAll(() => dropSchema(url, schema));
  it(`keeps every acknowledged event over ${KILLS_PER_STORE} kills`, () => crashRepeatedly(`${url}?schema=${schema}`), 180_000);
});

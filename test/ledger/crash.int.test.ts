import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKey, verifyLog } from '../../src/hash/index.js';
import { openStore } from '../../src/store/index.js';
import { describeWithPostgres, dropSchema, terminateSessions, uniqueSchema } from '../support/pg.js';

const CHILD = join(import.meta.dirname, 'support', 'crashChild.ts');
const KILLS_PER_STORE = 9;

interface ChildRun {
  acked: Map<number, string>;
  /** Hashes of batches failed before or inside their transaction. */
  failed: Set<string>;
  /** Hashes of batches that committed and then threw. */
  late: Set<string>;
  /** Lot tags of commands answered `unavailable`. */
  refused: Set<string>;
  exitCode: number | null;
  integrity?: string;
}

/**
 * Runs the writer until it has been READY for `aliveMs`, then SIGKILLs it;
 * `midway`, if given, runs halfway through (the postgres suite kills the
 * writer's connection there, so it reconnects under load).
 */
function runAndKill(storeUrl: string, skey: string, seed: number, aliveMs: number, midway?: () => Promise<unknown>): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, STORE_URL: storeUrl, SUYUAN_LOG_KEY: skey, SEED: String(seed), FAIL_RATE: '0.05' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: ChildRun = { acked: new Map(), failed: new Set(), late: new Set(), refused: new Set(), exitCode: null };
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
        else if (word === 'LATE') run.late.add(a!);
        else if (word === 'REFUSED') run.refused.add(a!);
        else if (word === 'INTEGRITY') run.integrity = line;
        else if (word === 'READY') {
          timer = setTimeout(() => child.kill('SIGKILL'), aliveMs);
          if (midway) setTimeout(() => void midway().catch(() => {}), aliveMs / 2);
        }
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

/**
 * crashRepeatedly runs and kills the writer KILLS_PER_STORE times while
 * commits fail on purpose before, inside and after their transaction, then
 * checks the store against everything the writer said.
 */
async function crashRepeatedly(storeUrl: string, midway?: () => Promise<unknown>): Promise<void> {
  const { skey, vkey } = generateKey('crash.test/log');
  const acked = new Map<number, string>();
  const failed = new Set<string>();
  const late = new Set<string>();
  const refused = new Set<string>();
  for (let i = 0; i < KILLS_PER_STORE; i++) {
    const run = await runAndKill(storeUrl, skey, 1000 + i, 150 + Math.floor(Math.random() * 700), midway);
    for (const [position, hash] of run.acked) acked.set(position, hash);
    for (const hash of run.failed) failed.add(hash);
    for (const hash of run.late) late.add(hash);
    for (const tag of run.refused) refused.add(tag);
  }
  expect(acked.size).toBeGreaterThan(100);
  expect(failed.size).toBeGreaterThan(0);
  expect(refused.size).toBeGreaterThan(0);
  // Batches that committed and then threw were acknowledged (they all were, but for one cut short by a kill).
  const ackedHashes = new Set(acked.values());
  expect([...late].filter((hash) => ackedHashes.has(hash)).length).toBeGreaterThan(0);

  const store = await openStore(storeUrl, { role: 'reader' });
  try {
    const head = await store.head();
    const events = await store.readFrom(0, head.size);
    const stored = new Map(events.map((e) => [e.position, e.hash]));
    // Every acknowledged event is there, with the same hash.
    for (const [position, hash] of acked) expect(stored.get(position)).toBe(hash);
    // No event of a failed batch is there.
    for (const event of events) expect(failed.has(event.hash)).toBe(false);
    // No command answered `unavailable` was committed: none of the stored events carries its new lot.
    for (const event of events) for (const tag of event.tags) expect(refused.has(tag)).toBe(false);
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
  it(
    `keeps every acknowledged event over ${KILLS_PER_STORE} kills and as many killed connections`,
    () => crashRepeatedly(`${url}?schema=${schema}`, () => terminateSessions(url, `suyuan-writer:${schema}`)),
    180_000,
  );
});

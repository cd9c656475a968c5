/**
 * Durability as a test that can fail: the sqlite writer runs under strace,
 * and every acknowledgement it writes must come after the WAL write carrying
 * its event and after an fsync/fdatasync of the WAL that covers it
 * (support/syscallTrace.ts). SIGKILL keeps the page cache, so the crash
 * suite alone cannot see a writer that answers before its data is on disk;
 * the syscall order can. The second test runs the same check on a writer
 * forced to synchronous=OFF and expects it to fail there.
 *
 * To watch the first test fail: DURABILITY_SQLITE_SYNCHRONOUS=OFF npx vitest run test/ledger/durability.int.test.ts
 *
 * Needs strace (Debian: apt-get install strace) and ptrace permission; skipped
 * with a message without them, except in CI (CI=true), where that fails.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAckDurability, type DurabilityVerdict } from './support/syscallTrace.js';

const CHILD = join(import.meta.dirname, 'support', 'durabilityChild.ts');
const COMMANDS = 200;

/** Why strace cannot run here, or undefined when it can. */
function straceMissing(): string | undefined {
  const probe = spawnSync('strace', ['-f', '-qq', '-e', 'trace=none', 'true'], { encoding: 'utf8' });
  if (probe.error) return `strace is not installed (${probe.error.message})`;
  if (probe.status !== 0) return `strace cannot trace here: ${probe.stderr.trim()}`;
  return undefined;
}

/** Runs the child under strace with `env` added and checks its trace. */
function traceRun(dir: string, name: string, env: Record<string, string>): Promise<DurabilityVerdict> {
  const tracePath = join(dir, `${name}.strace`);
  const args = [
    '-f',
    '-qq',
    '-tt',
    '-y',
    '-s',
    '4200',
    '-e',
    'trace=pwrite64,write,writev,fsync,fdatasync',
    '-o',
    tracePath,
    process.execPath,
    '--import',
    'tsx',
    CHILD,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('strace', args, {
      env: { ...process.env, STORE_PATH: join(dir, `${name}.db`), COMMANDS: String(COMMANDS), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the traced writer exited ${code}:\n${stderr}`));
      else resolve(checkAckDurability(readFileSync(tracePath, 'utf8')));
    });
  });
}

const missing = straceMissing();

if (missing && process.env.CI === 'true') {
  describe('durability: acknowledgements follow the fsync of their batch (sqlite, strace)', () => {
    it('has strace to run with', () => {
      throw new Error(`${missing}; CI must run the durability suite (.ci/run installs strace)`);
    });
  });
} else if (missing) {
  console.warn(`[durability] skipped: ${missing}`);
  describe.skip('durability: acknowledgements follow the fsync of their batch (sqlite, strace)', () => {});
} else {
  describe('durability: acknowledgements follow the fsync of their batch (sqlite, strace)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'suyuan-durability-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const shipped = process.env.DURABILITY_SQLITE_SYNCHRONOUS;

    it('answers no command before its batch is written to the WAL and fsynced', async () => {
      const verdict = await traceRun(dir, 'shipped', shipped ? { DURABILITY_SQLITE_SYNCHRONOUS: shipped } : {});
      expect(verdict.acks).toBeGreaterThanOrEqual(COMMANDS);
      expect(verdict.walSyncs).toBeGreaterThan(0);
      expect(verdict.violations).toEqual([]);
    }, 60_000);

    it('catches a writer running with synchronous=OFF', async () => {
      const verdict = await traceRun(dir, 'sync-off', { DURABILITY_SQLITE_SYNCHRONOUS: 'OFF' });
      expect(verdict.acks).toBeGreaterThanOrEqual(COMMANDS);
      expect(verdict.walWrites).toBeGreaterThan(0);
      expect(verdict.violations.length).toBeGreaterThan(0);
    }, 60_000);
  });
}

/**
 * The real server for e2e suites: `node --import tsx src/main.ts`, as
 * `npm start` runs it, on a fresh temporary data directory and a free port.
 * The first start seeds the demo chain and writes `demo-codes.json`; the
 * admin key is set through SUYUAN_ADMIN_KEY so the suite knows it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../support/ports.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const READY_TIMEOUT_MS = 60_000;

/** What the seeded demo writes to `<dataDir>/demo-codes.json`. */
export interface DemoCodes {
  readonly codes: readonly string[];
  readonly operators: { readonly farm: string; readonly store: string; readonly wholesaler: string };
  readonly alertId?: string;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:40123, no trailing slash. */
  readonly base: string;
  readonly dataDir: string;
  readonly adminKey: string;
  readonly demo: DemoCodes;
  /** Everything the server printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s; removes the data directory. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Demo lots to seed (SUYUAN_DEMO_LOTS). Default 60: enough for every notable code, quick to seed. */
  readonly demoLots?: number;
  readonly env?: Record<string, string>;
}

const isReady = (base: string): Promise<boolean> =>
  fetch(`${base}/health/ready`).then(
    (response) => response.ok,
    () => false,
  );

/** startServer starts the server and resolves once /health/ready answers 200. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'suyuan-browser-'));
  const adminKey = `e2e_${randomBytes(24).toString('base64url')}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let printed = '';
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SUYUAN_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SUYUAN_ADMIN_KEY: adminKey,
      SUYUAN_DEMO_LOTS: String(options.demoLots ?? 60),
      SUYUAN_PUBLIC_URL: '',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk) => (printed += chunk));
  server.stderr!.on('data', (chunk) => (printed += chunk));

  const stop = async (): Promise<void> => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise<void>((done) => server.once('exit', () => done()));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const started = Date.now();
  while (!(await isReady(base))) {
    if (server.exitCode !== null) {
      await stop();
      throw new Error(`the server exited (${server.exitCode}) before it was ready:\n${printed}`);
    }
    if (Date.now() - started > READY_TIMEOUT_MS) {
      await stop();
      throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${printed}`);
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  const demo = JSON.parse(readFileSync(join(dataDir, 'demo-codes.json'), 'utf8')) as DemoCodes;
  return { base, dataDir, adminKey, demo, output: () => printed, stop };
}

/** api calls the JSON API (with `key` as Bearer) and throws, with the body, unless it answers 2xx. */
export async function api<T = any>(server: RunningServer, method: string, path: string, key?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.base}${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/**
 * An insider's reach over a store, for the tests of issue 10: rows written
 * straight into the tables, and a store (or a whole data directory) put back
 * to an older copy, on sqlite and on PostgreSQL. Also the writer's own
 * steps (extend the log through the real ledger) and the `suyuan` command.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { PRINCIPALS_TAG, principalTag } from '../../src/domain/index.js';
import { eventHash, sha256Hex } from '../../src/hash/index.js';
import { openSuyuanLedger, type LogKey } from '../../src/ledger/index.js';
import { encodeBody, openStore, type SealedEvent } from '../../src/store/index.js';
import { SIGNED_CHECKPOINT_FILE } from '../../src/verify/index.js';
import { dropSchema, uniqueSchema, withClient } from './pg.js';
import { PANYU, codeGenerator, commissionCommand, operatorActor, registerAndApprove, usccFor } from './scenario.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'suyuan.js');

/** A copy of a store's state (and of its data directory's checkpoint file) taken earlier. */
export interface Snapshot {
  /** Puts the store back as it was: events, tags, checkpoints. */
  restoreStore(): Promise<void>;
  /** Puts the data directory's signed-checkpoint file back as it was too. */
  restoreDataDir(): void;
}

export interface Backend {
  readonly name: string;
  /** The writer's data directory: its signed-checkpoint file (and, on sqlite, the database). */
  readonly dataDir: string;
  readonly storeUrl: string;
  /** How `suyuan` commands name the store. */
  readonly cliArgs: readonly string[];
  /** Inserts an event's rows (events, event_tags) straight into the tables, as someone with database access could. */
  insertRows(event: SealedEvent): Promise<void>;
  snapshot(): Promise<Snapshot>;
  dispose(): Promise<void>;
}

export const checkpointFileOf = (backend: Backend): string => join(backend.dataDir, SIGNED_CHECKPOINT_FILE);

function keepFile(file: string): () => void {
  const saved = existsSync(file) ? readFileSync(file) : undefined;
  return () => (saved === undefined ? rmSync(file, { force: true }) : writeFileSync(file, saved));
}

export function sqliteBackend(): Backend {
  const dataDir = mkdtempSync(join(tmpdir(), 'suyuan-insider-'));
  const file = join(dataDir, 'suyuan.db');
  let copies = 0;
  return {
    name: 'sqlite',
    dataDir,
    storeUrl: file,
    cliArgs: ['--data', dataDir],
    async insertRows(event) {
      const db = new Database(file);
      try {
        db.prepare('INSERT INTO events (position, hash, type, time, body) VALUES (?, ?, ?, ?, ?)').run(
          event.position,
          event.hash,
          event.type,
          event.time,
          encodeBody(event),
        );
        for (const tag of event.tags) db.prepare('INSERT INTO event_tags (tag, position) VALUES (?, ?)').run(tag, event.position);
      } finally {
        db.close();
      }
    },
    async snapshot() {
      // The file copied aside, as a nightly backup would (the writer is down, so the WAL is folded in).
      const copy = join(dataDir, `backup-${++copies}.db`);
      copyFileSync(file, copy);
      const restoreDataDir = keepFile(checkpointFileOf(this));
      return {
        async restoreStore() {
          for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
          copyFileSync(copy, file);
        },
        restoreDataDir,
      };
    },
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(url: string): Backend {
  const schema = uniqueSchema('insider');
  const dataDir = mkdtempSync(join(tmpdir(), 'suyuan-insider-pg-'));
  const q = `"${schema}"`;
  const storeUrl = `${url}?schema=${schema}`;
  return {
    name: 'postgres',
    dataDir,
    storeUrl,
    cliArgs: ['--database-url', storeUrl],
    insertRows: (event) =>
      withClient(url, async (client) => {
        await client.query(`INSERT INTO ${q}.events (position, hash, type, "time", body) VALUES ($1, $2, $3, $4, $5)`, [
          event.position,
          event.hash,
          event.type,
          event.time,
          encodeBody(event),
        ]);
        for (const tag of event.tags)
          await client.query(`INSERT INTO ${q}.event_tags (tag, position) VALUES ($1, $2)`, [tag, event.position]);
      }),
    async snapshot() {
      const size = await withClient(url, async (client) => Number((await client.query(`SELECT count(*) AS n FROM ${q}.events`)).rows[0].n));
      const restoreDataDir = keepFile(checkpointFileOf(this));
      return {
        // The newest rows and checkpoints deleted: the store as it was at `size`.
        restoreStore: () =>
          withClient(url, async (client) => {
            await client.query(`DELETE FROM ${q}.event_tags WHERE position >= $1`, [size]);
            await client.query(`DELETE FROM ${q}.events WHERE position >= $1`, [size]);
            await client.query(`DELETE FROM ${q}.checkpoints WHERE size > $1`, [size]);
          }),
        restoreDataDir,
      };
    },
    async dispose() {
      await dropSchema(url, schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const operators = [usccFor(PANYU, 'MA000000'), usccFor(PANYU, 'MA000001')];

/**
 * extendLog opens the writer as `npm start` does (with the data directory's
 * checkpoint file), registers two operators on an empty log, commissions
 * `lots` lots (one batch each), and closes. Returns the size and checkpoint.
 */
export async function extendLog(backend: Backend, key: LogKey, lots: number, seed = 1): Promise<{ size: number; checkpoint: string }> {
  const store = await openStore(backend.storeUrl);
  try {
    const ledger = await openSuyuanLedger({ store, key, checkpointFile: checkpointFileOf(backend) });
    if (ledger.size === 0) await registerAndApprove(ledger, operators.length);
    const code = codeGenerator(seed);
    for (let i = 0; i < lots; i++) {
      const outcome = await ledger.submit(commissionCommand(code(1), 10 + i), operatorActor(operators[0]!));
      if (!outcome.ok) throw new Error(`commission refused: ${JSON.stringify(outcome)}`);
    }
    await ledger.close();
    return { size: ledger.size, checkpoint: ledger.checkpoint };
  } finally {
    await store.close();
  }
}

/** openWriter opens the writer on the backend (with its checkpoint file) and closes it again: resolves with its size and checkpoint, or rejects as the writer refuses. */
export async function openWriter(backend: Backend, key: LogKey): Promise<{ size: number; checkpoint: string }> {
  const store = await openStore(backend.storeUrl);
  try {
    const ledger = await openSuyuanLedger({ store, key, checkpointFile: checkpointFileOf(backend) });
    await ledger.close();
    return { size: ledger.size, checkpoint: ledger.checkpoint };
  } finally {
    await store.close();
  }
}

/** forgedAdmin is the event an insider would add: a nationwide admin holding a key of their own, with a correct hash and `prev`. */
export function forgedAdmin(position: number): SealedEvent {
  const body = {
    v: 1 as const,
    position,
    type: 'principal.created',
    time: new Date().toISOString(),
    actor: 'authority:admin',
    tags: [principalTag('insider'), PRINCIPALS_TAG],
    data: { id: 'insider', name: '内部人员', role: 'admin', region: '', keyDigest: sha256Hex('a key of my own') },
    // No lot tags, so no chain to link to.
    prev: [],
  };
  return { ...body, hash: eventHash(body) };
}

/** suyuan runs the command line as a user would, with the log key in the environment. */
export function suyuan(backend: Backend, key: LogKey, args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [BIN, ...args], {
    env: { ...process.env, SUYUAN_LOG_KEY: key.skey, SUYUAN_DATA_DIR: backend.dataDir },
  });
}

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/hash/index.js';
import { LogIntegrityError, openSuyuanLedger, type LogKey } from '../../src/ledger/index.js';
import { openStore } from '../../src/store/index.js';
import { describeWithPostgres, dropSchema, uniqueSchema, withClient } from '../support/pg.js';
import { codeGenerator, commissionCommand, operatorActor, registerAndApprove, shipCommand } from '../support/scenario.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'suyuan.js');

/** Writes a small log through the real ledger. */
async function writeLog(storeUrl: string, key: LogKey): Promise<number> {
  const store = await openStore(storeUrl);
  const ledger = await openSuyuanLedger({ store, key });
  const [farm, buyer] = await registerAndApprove(ledger, 2);
  const code = codeGenerator(7);
  for (let i = 0; i < 10; i++) {
    const lot = code(1);
    await ledger.submit(commissionCommand(lot, 50), operatorActor(farm!));
    await ledger.submit(shipCommand(lot, code(2), 20, buyer!), operatorActor(farm!));
  }
  const size = ledger.size;
  await ledger.close();
  await store.close();
  return size;
}

/** Changes one character of the body, to another printable ASCII character. */
function changeOneByte(body: string, seed: number): string {
  const asciiOffsets = [...body].map((c, i) => (c.charCodeAt(0) < 0x7f ? i : -1)).filter((i) => i >= 0);
  const offset = asciiOffsets[seed % asciiOffsets.length]!;
  const replacement = body[offset] === 'x' ? 'y' : 'x';
  return body.slice(0, offset) + replacement + body.slice(offset + 1);
}

interface Tamperer {
  read(position: number): Promise<string>;
  write(position: number, body: string): Promise<void>;
}

function tamperSuite(storeUrl: () => string, tamperer: () => Tamperer, verifyArgs: () => string[], key: LogKey, size: () => number) {
  for (const [trial, seed] of [
    [0, 11],
    [1, 2024],
    [2, 7],
    [3, 999],
    [4, 31337],
  ] as const) {
    it(`refuses to start and fails suyuan verify, naming the position (trial ${trial})`, async () => {
      const position = seed % size();
      const original = await tamperer().read(position);
      await tamperer().write(position, changeOneByte(original, seed));
      try {
        const store = await openStore(storeUrl());
        try {
          const opening = openSuyuanLedger({ store, key });
          await expect(opening).rejects.toBeInstanceOf(LogIntegrityError);
          await expect(opening).rejects.toMatchObject({ position });
        } finally {
          await store.close();
        }
        const verify = run(process.execPath, [BIN, 'verify', ...verifyArgs()], { env: { ...process.env, SUYUAN_LOG_KEY: key.skey } });
        await expect(verify).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining(`FAILED at position ${position}`) });
      } finally {
        await tamperer().write(position, original);
      }
      // Restored, it verifies again.
      const { stdout } = await run(process.execPath, [BIN, 'verify', ...verifyArgs()], {
        env: { ...process.env, SUYUAN_LOG_KEY: key.skey },
      });
      expect(stdout).toContain(`ok: ${size()} events verified`);
    }, 60_000);
  }
}

const key: LogKey = { origin: 'tamper.test/log', ...generateKey('tamper.test/log') };

describe('tamper: one changed byte in the sqlite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-tamper-'));
  const file = join(dir, 'suyuan.db');
  let size = 0;
  beforeAll(async () => {
    size = await writeLog(file, key);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const db = () => new Database(file);
  tamperSuite(
    () => file,
    () => ({
      read: async (position) => {
        const handle = db();
        try {
          return (handle.prepare('SELECT body FROM events WHERE position = ?').get(position) as { body: string }).body;
        } finally {
          handle.close();
        }
      },
      write: async (position, body) => {
        const handle = db();
        try {
          handle.prepare('UPDATE events SET body = ? WHERE position = ?').run(body, position);
        } finally {
          handle.close();
        }
      },
    }),
    () => ['--data', dir],
    key,
    () => size,
  );
});

describeWithPostgres('tamper: one changed byte in the postgres store', (url) => {
  const schema = uniqueSchema('tamper');
  const storeUrl = `${url}?schema=${schema}`;
  let size = 0;
  beforeAll(async () => {
    size = await writeLog(storeUrl, key);
  });
  afterAll(() => dropSchema(url, schema));
  tamperSuite(
    () => storeUrl,
    () => ({
      read: (position) =>
        withClient(
          url,
          async (client) =>
            (await client.query(`SELECT body FROM "${schema}".events WHERE position = $1`, [position])).rows[0].body as string,
        ),
      write: (position, body) =>
        withClient(url, async (client) => {
          await client.query(`UPDATE "${schema}".events SET body = $1 WHERE position = $2`, [body, position]);
        }),
    }),
    () => ['--database-url', storeUrl],
    key,
    () => size,
  );
});

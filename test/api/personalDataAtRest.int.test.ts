/**
 * Personal data at rest, on sqlite and PostgreSQL: after the demo seed and a
 * market sale to an unregistered buyer over HTTP, no buyer's or operator
 * contact's name, phone or address (everything the vault holds) occurs in
 * the store outside the vault — the raw bytes of the sqlite file with its
 * vault tables dropped, every other PostgreSQL table — nor in
 * /v1/log/events, nor in any public answer (views, traces, bundles, pages).
 * Then an erasure: on sqlite the buyer leaves the bytes of the database file
 * and its WAL within 10 s, `suyuan verify` still passes, and the full view
 * marks the buyer erased.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { build, keyDigest, newApiKey } from '../../src/api/index.js';
import { verifyStoredLog } from '../../src/cli/verify.js';
import { generateKey } from '../../src/hash/index.js';
import { type LogKey, openSuyuanLedger } from '../../src/ledger/index.js';
import { startProjections } from '../../src/projections/index.js';
import { seedDemo } from '../../src/seed/index.js';
import { openStore } from '../../src/store/index.js';
import { describeWithPostgres, dropSchema, uniqueSchema, withClient } from '../support/pg.js';

const BUYER = { name: '欧阳静怡', phone: '13987654321', address: '荔湾区西关大街 99 号' };

/** Every string a vault row's data holds (names, phones, addresses), long enough not to match by chance. */
function personalStrings(rows: readonly { data: string | null }[]): string[] {
  const found = new Set<string>();
  const walk = (value: unknown) => {
    if (typeof value === 'string' && value.length >= 2) found.add(value);
    else if (value && typeof value === 'object') for (const child of Object.values(value)) walk(child);
  };
  for (const row of rows) if (row.data !== null) walk(JSON.parse(row.data));
  return [...found];
}

interface Scenario {
  readonly strings: string[];
  readonly soldCode: string;
  readonly buyerRef: string;
  readonly call: (method: string, url: string, key?: string, body?: unknown) => Promise<{ statusCode: number; body: string }>;
  readonly adminKey: string;
  readonly codes: string[];
  close(): Promise<void>;
}

async function scenario(url: string, key: LogKey, vaultRows: () => Promise<{ data: string | null }[]>): Promise<Scenario> {
  const store = await openStore(url);
  const ledger = await openSuyuanLedger({ store, key });
  const seeded = await seedDemo(ledger, { lots: 40, seed: 3 });
  const projections = await startProjections({ store, ledger });
  const adminKey = newApiKey();
  const app = await build({
    ledger,
    store,
    read: projections.readModel,
    adminKeyDigest: keyDigest(adminKey),
    rateLimit: false,
    authFailureLimit: false,
    processMetrics: false,
  });
  const call = async (method: string, path: string, apiKey?: string, body?: unknown) => {
    const response = await app.inject({
      method: method as 'GET',
      url: path,
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { statusCode: response.statusCode, body: response.body };
  };
  // A market stall keeper (an operator key of the seeded store) sells part of a lot it holds to a walk-in buyer.
  const storeId = seeded.operatorIds.store;
  const created = JSON.parse(
    (await call('POST', '/v1/principals', adminKey, { name: 'stall', role: 'operator', operatorId: storeId })).body,
  );
  const holdings = JSON.parse((await call('GET', `/v1/operators/${storeId}/holdings`, created.key)).body) as {
    held: { code: string; available: number; unit: string; status: string }[];
  };
  const lot = holdings.held.find((held) => held.available > 0 && held.status !== 'frozen');
  expect(lot, 'the seeded store holds a lot it can sell').toBeDefined();
  const sale = await call('POST', `/v1/lots/${lot!.code}/shipments`, created.key, {
    to: { buyer: BUYER },
    quantity: { amount: Math.min(1, lot!.available), unit: lot!.unit },
  });
  expect(sale.statusCode, sale.body).toBe(201);
  const soldCode = JSON.parse(sale.body).code as string;
  const full = JSON.parse((await call('GET', `/v1/codes/${soldCode}`, adminKey)).body) as { buyer: { ref: string } };
  const strings = personalStrings(await vaultRows());
  for (const value of Object.values(BUYER)) expect(strings).toContain(value);
  const events = await store.readFrom(0, 1_000_000);
  const codes = [...new Set(events.flatMap((event) => event.tags.filter((tag) => tag.startsWith('lot:')).map((tag) => tag.slice(4))))];
  return {
    strings,
    soldCode,
    buyerRef: full.buyer.ref,
    call,
    adminKey,
    codes,
    close: async () => {
      await app.close();
      await projections.stop();
      await ledger.close();
      await store.close();
    },
  };
}

const absent = (haystack: string, strings: readonly string[], where: string) => {
  for (const value of strings) expect(haystack.includes(value), `${JSON.stringify(value)} found in ${where}`).toBe(false);
};

/** /v1/log/events, every page, as the admin sees it. */
async function logText(s: Scenario): Promise<string> {
  let text = '';
  for (let after = -1; ; ) {
    const page = await s.call('GET', `/v1/log/events?after=${after}&limit=1000`, s.adminKey);
    expect(page.statusCode).toBe(200);
    const events = JSON.parse(page.body).events as { position: number }[];
    text += page.body;
    if (events.length < 1000) return text;
    after = events.at(-1)!.position;
  }
}

/** Every public answer about every code: view, backward trace, proof bundle and page. */
async function publicText(s: Scenario): Promise<string> {
  const parts: string[] = [];
  for (const code of s.codes) {
    for (const path of [`/v1/codes/${code}`, `/v1/codes/${code}/trace?direction=backward`, `/v1/codes/${code}/proof`, `/c/${code}`]) {
      parts.push((await s.call('GET', path)).body);
    }
  }
  return parts.join('\n');
}

describe('personal data at rest on sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-personal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'suyuan.db');
  const key: LogKey = { origin: 'personal.test/log', ...generateKey('personal.test/log') };
  const vaultRows = async () => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT data FROM personal_data').all() as { data: string | null }[];
    } finally {
      db.close();
    }
  };

  it('keeps it out of every byte but the vault, erases it from the file and WAL, and the log still verifies', async () => {
    const s = await scenario(file, key, vaultRows);
    try {
      absent(await logText(s), s.strings, '/v1/log/events');
      absent(await publicText(s), s.strings, 'a public answer');

      // The raw file without its vault: a copy, vault tables dropped and the file rewritten.
      const copy = join(dir, 'without-vault.db');
      copyFileSync(file, copy);
      if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
      const db = new Database(copy);
      db.pragma('secure_delete = ON');
      db.exec('DROP TABLE personal_access; DROP TABLE personal_data;');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.exec('VACUUM');
      db.close();
      absent(readFileSync(copy).toString('utf8'), s.strings, 'the sqlite file outside the vault');

      expect((await s.call('GET', `/c/${s.soldCode}`)).body).toContain('个人信息，不公开');
      const erased = await s.call('DELETE', `/v1/personal-data/${s.buyerRef}`, s.adminKey, { reason: '本人申请删除' });
      expect(erased.statusCode, erased.body).toBeLessThan(300);
      const deadline = Date.now() + 10_000;
      let left: string[] = Object.values(BUYER);
      while (left.length > 0 && Date.now() < deadline) {
        const bytes = readFileSync(file).toString('utf8') + (existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).toString('utf8') : '');
        left = Object.values(BUYER).filter((value) => bytes.includes(value));
        if (left.length > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(left, 'the buyer is gone from the database file and its WAL within 10 s').toEqual([]);
      const view = JSON.parse((await s.call('GET', `/v1/codes/${s.soldCode}`, s.adminKey)).body);
      expect(view.buyer).toMatchObject({ ref: s.buyerRef, erased: true });
      const pageAfter = (await s.call('GET', `/c/${s.soldCode}`)).body;
      expect(pageAfter).toContain('已删除');
      absent(pageAfter, Object.values(BUYER), 'the page after erasure');
    } finally {
      await s.close();
    }
    expect(await verifyStoredLog({ data: dir, vkey: key.vkey })).toMatchObject({ ok: true });
  }, 120_000);
});

describeWithPostgres('personal data at rest on postgres', (url) => {
  const schema = uniqueSchema('personal');
  afterAll(() => dropSchema(url, schema));
  const key: LogKey = { origin: 'personal.test/log', ...generateKey('personal.test/log') };
  const query = (sql: string) =>
    withClient(url, async (client) => {
      await client.query(`SET search_path TO "${schema}"`);
      return (await client.query(sql)).rows as Record<string, unknown>[];
    });

  it('keeps it out of every table but the vault, and out of the log and public answers', async () => {
    const s = await scenario(
      `${url}?schema=${schema}`,
      key,
      async () => (await query('SELECT data FROM personal_data')) as { data: string | null }[],
    );
    try {
      absent(await logText(s), s.strings, '/v1/log/events');
      absent(await publicText(s), s.strings, 'a public answer');
      const tables = (
        await withClient(url, (client) =>
          client.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]),
        )
      ).rows.map((row) => String(row.table_name));
      expect(tables).toContain('events');
      for (const table of tables.filter((name) => !name.startsWith('personal_'))) {
        const rows = await query(`SELECT row_to_json(t)::text AS row FROM "${table}" t`);
        absent(rows.map((row) => String(row.row)).join('\n'), s.strings, `table ${table}`);
      }
    } finally {
      await s.close();
    }
  }, 120_000);
});

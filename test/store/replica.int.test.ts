/**
 * Scale-out on PostgreSQL replicas (issue 17, item 4), against real clusters the test starts and
 * stops: a primary and a streaming hot standby. A read node on the standby (no NOTIFY reaches a
 * standby: it polls) follows the writer on the primary and verifies everything it serves. With
 * synchronous replication (`remote_apply`), the primary is SIGKILLed, the standby promoted, and a
 * new writer on it finds every acknowledged event and a log that verifies. With asynchronous
 * replication and the standby cut off, the promoted standby lacks the acknowledged tail: the new
 * writer refuses to start (its signed checkpoint is ahead of the store) and never signs over it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { LogFollower } from '../../src/api/index.js';
import { generateKey } from '../../src/hash/index.js';
import { type LogKey, StoreBehindSignedLogError, openSuyuanLedger } from '../../src/ledger/index.js';
import { openStore } from '../../src/store/index.js';
import { verifyStore } from '../../src/verify/index.js';
import { type Cluster, primaryCluster, replicasAvailable, standbyOf } from '../support/pgCluster.js';

const key: LogKey = { origin: 'replica.test/log', ...generateKey('replica.test/log') };
const admin = { kind: 'authority' as const, role: 'admin' as const, region: '', id: 'admin' };
const clusters: Cluster[] = [];
const work = mkdtempSync(join(tmpdir(), 'suyuan-replica-'));

afterAll(() => {
  for (const cluster of clusters) {
    cluster.stop();
    cluster.remove();
  }
  rmSync(work, { recursive: true, force: true });
});

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const principal = (index: number) => ({
  type: 'principal.create' as const,
  id: `auditor-${index}`,
  name: `审计 ${index}`,
  role: 'auditor' as const,
  region: '44',
  keyDigest: 'cd'.repeat(32),
});

async function pair(): Promise<{ primary: Cluster; standby: Cluster }> {
  const primary = await primaryCluster();
  clusters.push(primary);
  const standby = await standbyOf(primary);
  clusters.push(standby);
  return { primary, standby };
}

/**
 * openReplica opens a reader on the standby once it has replayed the schema: replication is
 * asynchronous, and on a loaded machine the standby may not have it yet (the store then refuses).
 */
async function openReplica(url: string, onError?: (error: unknown) => void) {
  for (let waited = 0; ; waited += 50) {
    try {
      return await openStore(url, { role: 'reader', ...(onError ? { onError } : {}) });
    } catch (error) {
      if (!/behind the code/.test((error as Error).message) || waited > 20_000) throw error;
      await new Promise((done) => setTimeout(done, 50));
    }
  }
}

const suite = replicasAvailable ? describe : process.env.CI === 'true' ? describe : describe.skip;
if (!replicasAvailable && process.env.CI !== 'true')
  console.warn('[replicas] skipped: no PostgreSQL server binaries (pg_ctl, pg_basebackup)');

suite('PostgreSQL replicas', () => {
  it('has the server binaries to start clusters with', () => {
    expect(replicasAvailable, 'CI must run the replica suite: install postgresql (pg_ctl, pg_basebackup)').toBe(true);
  });

  it('serves a read node on a hot standby that follows and verifies the writer on the primary', async () => {
    const { primary, standby } = await pair();
    const store = await openStore(primary.url, { role: 'writer' });
    const ledger = await openSuyuanLedger({ store, key });
    for (let index = 0; index < 20; index++) expect((await ledger.submit(principal(index), admin)).ok).toBe(true);
    // On a standby the reader must not try LISTEN (it fails during recovery): it polls, and reports no error.
    const errors: unknown[] = [];
    const replica = await openReplica(standby.url, (error) => errors.push(error));
    const follower = await LogFollower.start({ store: replica, vkey: key.vkey });
    const following = new AbortController();
    const followed = follower.follow(following.signal);
    const reach = async (size: number) => {
      for (let waited = 0; follower.size < size; waited += 50) {
        if (waited > 20_000) throw new Error(`the standby's follower stayed at ${follower.size} of ${size}`);
        await new Promise((done) => setTimeout(done, 50));
      }
    };
    await reach(ledger.size);
    for (let index = 20; index < 40; index++) expect((await ledger.submit(principal(index), admin)).ok).toBe(true);
    await reach(ledger.size);
    expect(follower.refusal).toBeUndefined();
    expect(follower.size).toBe(ledger.size);
    expect(errors).toEqual([]);
    following.abort();
    await followed;
    await replica.close();
    await ledger.close();
    await store.close();
  }, 120_000);

  it('loses nothing acknowledged under synchronous replication when the primary dies and the standby is promoted', async () => {
    const { primary, standby } = await pair();
    await sql(primary.url, "ALTER SYSTEM SET synchronous_standby_names = '*'");
    await sql(primary.url, "ALTER SYSTEM SET synchronous_commit = 'remote_apply'");
    await sql(primary.url, 'SELECT pg_reload_conf()');
    const checkpointFile = join(work, 'sync-signed-checkpoint');
    const store = await openStore(primary.url, { role: 'writer' });
    const ledger = await openSuyuanLedger({ store, key, checkpointFile });
    const acknowledged: string[] = [];
    for (let index = 0; index < 30; index++) {
      const outcome = await ledger.submit(principal(index), admin);
      expect(outcome.ok).toBe(true);
      if (outcome.ok) acknowledged.push(...outcome.events.map((event) => event.hash));
    }
    primary.kill();
    await ledger.close().catch(() => {});
    await store.close().catch(() => {});
    standby.promote();
    const promoted = await openStore(standby.url, { role: 'writer' });
    const writer = await openSuyuanLedger({ store: promoted, key, checkpointFile });
    const events = await promoted.readFrom(0, writer.size);
    const stored = new Set(events.map((event) => event.hash));
    expect(acknowledged.filter((hash) => !stored.has(hash))).toEqual([]);
    expect(await verifyStore(promoted, { vkey: key.vkey })).toMatchObject({ ok: true });
    expect((await writer.submit(principal(99), admin)).ok).toBe(true);
    await writer.close();
    await promoted.close();
  }, 180_000);

  it('refuses to sign over a tail lost under asynchronous replication', async () => {
    const { primary, standby } = await pair();
    const checkpointFile = join(work, 'async-signed-checkpoint');
    const store = await openStore(primary.url, { role: 'writer' });
    const ledger = await openSuyuanLedger({ store, key, checkpointFile });
    for (let index = 0; index < 10; index++) expect((await ledger.submit(principal(index), admin)).ok).toBe(true);
    // Let the standby catch up, then cut it off: what the primary acknowledges next never reaches it.
    const replica = await openReplica(standby.url);
    for (let waited = 0; (await replica.head()).size < ledger.size; waited += 50) {
      if (waited > 20_000) throw new Error('the standby did not catch up');
      await new Promise((done) => setTimeout(done, 50));
    }
    await replica.close();
    const replicated = ledger.size;
    await sql(standby.url, "ALTER SYSTEM SET primary_conninfo = ''");
    await sql(standby.url, 'SELECT pg_reload_conf()');
    await new Promise((done) => setTimeout(done, 500));
    for (let index = 10; index < 15; index++) expect((await ledger.submit(principal(index), admin)).ok).toBe(true);
    primary.kill();
    await ledger.close().catch(() => {});
    await store.close().catch(() => {});
    standby.promote();
    const promoted = await openStore(standby.url, { role: 'writer' });
    expect((await promoted.head()).size).toBe(replicated);
    expect(replicated).toBeLessThan(15);
    await expect(openSuyuanLedger({ store: promoted, key, checkpointFile })).rejects.toBeInstanceOf(StoreBehindSignedLogError);
    await promoted.close();
  }, 180_000);
});

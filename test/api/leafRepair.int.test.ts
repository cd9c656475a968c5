/**
 * A node whose Merkle leaf file is edited under it while it runs (issue 17): the proofs that read
 * the edited chunk answer 503 ProofUnavailable with Retry-After (never a wrong proof, never 500),
 * /health/ready names the leaf file until the chunk is put right from the log, which happens at
 * once, without a restart and before the background pass; then the same request answers a proof
 * that verifies against the signed root. If the log's events do not build the verified tree
 * either (the database was edited too), the writer stops taking commands and a reader refuses.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LogFollower, build, keyDigest, newApiKey, type ZodApp } from '../../src/api/index.js';
import { eventHash, fromHex, generateKey, leafHash, openNote, parseCheckpoint, verifyInclusion } from '../../src/hash/index.js';
import { type LogKey, type SuyuanLedger, openSuyuanLedger } from '../../src/ledger/index.js';
import { startProjections } from '../../src/projections/index.js';
import { seedDemo } from '../../src/seed/index.js';
import { type EventStore, openStore } from '../../src/store/index.js';
import { leavesFileOf } from '../../src/verify/index.js';

const work = mkdtempSync(join(tmpdir(), 'suyuan-leaf-repair-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const key = (): LogKey => ({ origin: 'leaf-repair.test/log', ...generateKey('leaf-repair.test/log') });
const admin = { kind: 'authority' as const, role: 'admin' as const, region: '', id: 'admin' };
const LEAF = 70; // in chunk 1: neither the first nor the current one

let counter = 0;
/** A seeded sqlite log whose writer (and, with `reader`, a reader) saved its snapshot and leaf file. */
async function logWith(logKey: LogKey) {
  const dir = join(work, `log-${counter++}`);
  mkdirSync(dir);
  const file = join(dir, 'suyuan.db');
  const snapshotFile = join(dir, 'ledger-snapshot');
  const prefixFile = join(dir, 'reader-prefix');
  const store = await openStore(file);
  const ledger = await openSuyuanLedger({ store, key: logKey, snapshotFile });
  await seedDemo(ledger, { lots: 60, seed: 5, regulators: false, captures: false });
  await ledger.close();
  await store.close();
  const readerStore = await openStore(file, { role: 'reader' });
  const follower = await LogFollower.start({ store: readerStore, vkey: logKey.vkey, snapshotFile: prefixFile });
  await follower.close();
  await readerStore.close();
  return { file, snapshotFile, prefixFile };
}

/** Flips one bit of leaf LEAF's hash in a node's leaf file. */
function editLeafFile(nodeFile: string): Buffer {
  const leaves = leavesFileOf(nodeFile);
  const honest = readFileSync(leaves);
  expect(honest.length).toBeGreaterThanOrEqual(3 * 64 * 32);
  const edited = Buffer.from(honest);
  edited[LEAF * 32 + 3]! ^= 0x10;
  writeFileSync(leaves, edited);
  return honest;
}

type Node = { app: ZodApp; close(): Promise<void>; proofFailure(): string | undefined; vkey: string };

/** The API over a writer or a reader, closed in the order a node stops. */
async function apiNode(store: EventStore, log: SuyuanLedger | LogFollower, vkey: string, stopLog: () => Promise<void>): Promise<Node> {
  const projections = await startProjections({ store: log instanceof LogFollower ? log.verifiedStore : store, ledger: log });
  const common = { read: projections.readModel, adminKeyDigest: keyDigest(newApiKey()), rateLimit: false as const, processMetrics: false };
  const app = await build(log instanceof LogFollower ? { ...common, log, store: log.verifiedStore } : { ...common, ledger: log, store });
  return {
    app,
    vkey,
    proofFailure: () => log.proofFailure,
    close: async () => {
      await app.close();
      await projections.stop();
      await stopLog();
      await store.close();
    },
  };
}

async function writerNode(file: string, logKey: LogKey, snapshotFile: string) {
  const store = await openStore(file);
  const ledger = await openSuyuanLedger({ store, key: logKey, snapshotFile, onPrefixFailure: () => {} });
  return { node: await apiNode(store, ledger, logKey.vkey, () => ledger.close()), ledger };
}

async function readerNode(file: string, logKey: LogKey, prefixFile: string) {
  const store = await openStore(file, { role: 'reader' });
  const log = await LogFollower.start({ store, vkey: logKey.vkey, snapshotFile: prefixFile });
  return { node: await apiNode(store, log, logKey.vkey, () => log.close()), log };
}

/** The proof request fails 503 at first, readiness names the leaf file; then both are put right. */
async function expectRepaired(node: Node): Promise<void> {
  const url = `/v1/log/proof/inclusion?index=${LEAF}`;
  const failed = await node.app.inject({ url });
  expect(failed.statusCode).toBe(503);
  expect(failed.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(failed.headers['retry-after']).toBe('1');
  expect(failed.json()).toMatchObject({ code: 'ProofUnavailable', detail: expect.stringMatching(/chunk 1/) });
  // Readiness names it (unless the repair, a read of 64 events, already ended).
  const during = await node.app.inject({ url: '/health/ready' });
  if (node.proofFailure()) expect(JSON.stringify(during.json())).toMatch(/leaf file failed its check/);
  await vi.waitFor(() => expect(node.proofFailure()).toBeUndefined(), { timeout: 10_000, interval: 5 });
  const ready = await node.app.inject({ url: '/health/ready' });
  expect(ready.json().reasons ?? []).not.toContainEqual(expect.stringMatching(/leaf file/));
  const answered = await node.app.inject({ url });
  expect(answered.statusCode).toBe(200);
  const { hash, size, proof } = answered.json() as { hash: string; size: number; proof: string[] };
  const checkpoint = (await node.app.inject({ url: '/v1/log/checkpoint' })).body;
  const signed = parseCheckpoint(openNote(checkpoint, [node.vkey]).text);
  expect(signed.size).toBe(size);
  expect(verifyInclusion(leafHash(fromHex(hash)), LEAF, size, proof.map(fromHex), signed.root)).toBe(true);
}

/**
 * An insider rewrites the stored event in the edited chunk, body and hash column together, so that
 * it hashes right, and writes its leaf hash into a node's leaf file: only the verified tree's
 * node above the chunk still tells.
 */
async function forgeEventAndLeaf(file: string, nodeFiles: readonly string[]): Promise<void> {
  const db = new Database(file);
  const row = db.prepare('SELECT body FROM events WHERE position = ?').get(LEAF) as { body: string };
  const body = JSON.parse(row.body) as { data: Record<string, unknown> };
  body.data = { ...body.data, forged: true };
  db.prepare('UPDATE events SET body = ? WHERE position = ?').run(JSON.stringify(body), LEAF);
  db.close();
  const store = await openStore(file, { role: 'reader' });
  const [event] = await store.readFrom(LEAF, 1);
  await store.close();
  const hash = eventHash(event!);
  const again = new Database(file);
  again.prepare('UPDATE events SET hash = ? WHERE position = ?').run(hash, LEAF);
  again.close();
  for (const nodeFile of nodeFiles) {
    const leaves = leavesFileOf(nodeFile);
    const bytes = readFileSync(leaves);
    Buffer.from(leafHash(fromHex(hash))).copy(bytes, LEAF * 32);
    writeFileSync(leaves, bytes);
  }
}

describe('an edited Merkle leaf file under a running node', () => {
  it('writer: answers 503 ProofUnavailable, names it in readiness, puts the chunk right from the log at once', async () => {
    const logKey = key();
    const { file, snapshotFile } = await logWith(logKey);
    const { node, ledger } = await writerNode(file, logKey, snapshotFile);
    expect(ledger.resumedFrom).toBeGreaterThan(3 * 64);
    await ledger.prefixVerified;
    // Edited while the writer runs, after its background pass: only a proof that reads the chunk can tell.
    const honest = editLeafFile(snapshotFile);
    await expectRepaired(node);
    expect(ledger.leafChunksRepaired).toBe(1);
    expect(readFileSync(leavesFileOf(snapshotFile)).subarray(0, honest.length).equals(honest)).toBe(true);
    expect(ledger.health()).toEqual({ ok: true });
    await node.close();
  }, 60_000);

  it('reader: starts its projections over an edited chunk (reads wait for the repair) and serves proofs that verify', async () => {
    const logKey = key();
    const { file, prefixFile } = await logWith(logKey);
    const honest = editLeafFile(prefixFile);
    const { node, log } = await readerNode(file, logKey, prefixFile);
    expect(log.resumedFrom).toBeGreaterThan(3 * 64);
    // The projections read the chunk first (the background pass pauses between reads): their read waited for the repair.
    expect(log.leafChunksRepaired).toBe(1);
    await log.prefixVerified;
    expect(log.refusal).toBeUndefined();
    expect(log.proofFailure).toBeUndefined();
    expect(readFileSync(leavesFileOf(prefixFile)).subarray(0, honest.length).equals(honest)).toBe(true);
    const answered = await node.app.inject({ url: `/v1/log/proof/inclusion?index=${LEAF}` });
    expect(answered.statusCode).toBe(200);
    expect((await node.app.inject({ url: '/health/ready' })).statusCode).toBe(200);
    await node.close();
  }, 60_000);

  it('reader: a read across several edited chunks waits for each repair and is served whole', async () => {
    const logKey = key();
    const { file, prefixFile } = await logWith(logKey);
    const leaves = leavesFileOf(prefixFile);
    const bytes = readFileSync(leaves);
    for (const leaf of [70, 150]) bytes[leaf * 32]! ^= 0x01; // chunks 1 and 2
    writeFileSync(leaves, bytes);
    const store = await openStore(file, { role: 'reader' });
    const log = await LogFollower.start({ store, vkey: logKey.vkey, snapshotFile: prefixFile });
    const events = await log.verifiedStore.readFrom(64, 128);
    expect(events.map((event) => event.position)).toEqual(Array.from({ length: 128 }, (_, i) => 64 + i));
    expect(log.leafChunksRepaired).toBe(2);
    expect(log.proofFailure).toBeUndefined();
    await log.close();
    await store.close();
  }, 60_000);

  it('stops the writer when the database was edited to match the leaf file', async () => {
    const logKey = key();
    const { file, snapshotFile } = await logWith(logKey);
    const writer = await writerNode(file, logKey, snapshotFile);
    await writer.ledger.prefixVerified;
    await forgeEventAndLeaf(file, [snapshotFile]);
    expect((await writer.node.app.inject({ url: `/v1/log/proof/inclusion?index=${LEAF}` })).statusCode).toBe(503);
    await vi.waitFor(() => expect(writer.ledger.health()).toMatchObject({ ok: false }), { timeout: 10_000, interval: 5 });
    expect(writer.ledger.health()).toMatchObject({ reason: expect.stringMatching(/differs from the verified tree at position 64/) });
    expect(writer.node.proofFailure()).toMatch(/do not build the verified tree/);
    const refused = await writer.ledger.submit(
      { type: 'principal.create', id: 'late', name: 'late', role: 'auditor', region: '44', keyDigest: 'ab'.repeat(32) },
      admin,
    );
    expect(refused).toMatchObject({ ok: false, kind: 'unavailable' });
    const ready = await writer.node.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(JSON.stringify(ready.json())).toMatch(/do not build the verified tree/);
    await writer.node.close();
  }, 60_000);

  it('refuses on a reader when the database was edited to match the leaf file', async () => {
    const logKey = key();
    const { file, prefixFile } = await logWith(logKey);
    await forgeEventAndLeaf(file, [prefixFile]);
    const store = await openStore(file, { role: 'reader' });
    const log = await LogFollower.start({ store, vkey: logKey.vkey, snapshotFile: prefixFile });
    await expect(log.verifiedStore.readFrom(LEAF, 1)).rejects.toThrow();
    expect(log.refusal?.detail).toMatch(/do not build the verified tree/);
    expect(log.proofFailure).toMatch(/do not build the verified tree/);
    await log.close();
    await store.close();
  }, 60_000);
});

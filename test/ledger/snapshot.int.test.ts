/**
 * Start-up from the writer's verified snapshot (issue 17, item 2): a writer closed cleanly leaves
 * a snapshot; the next open on the same log resumes from it (reading only the events after it)
 * and has exactly the state a full replay has. A snapshot made with another key, edited, or of
 * another log is not used: the writer replays the whole log. A forged row before the snapshot
 * (the database edited while the writer was down) is found by the background verification, and
 * the writer stops taking commands, naming it. On sqlite, the store a real writer uses.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fromHex, generateKey, leafHash, verifyInclusion } from '../../src/hash/index.js';
import type { EntityState } from '../../src/domain/index.js';
import {
  type LogKey,
  SNAPSHOT_VERSION,
  openSuyuanLedger,
  readLedgerSnapshot,
  suyuanEntities,
  suyuanHeads,
  writeLedgerSnapshot,
} from '../../src/ledger/index.js';

import { seedDemo } from '../../src/seed/index.js';
import { openStore } from '../../src/store/index.js';
import { ProofUnavailableError, leavesFileOf, openLeavesOf } from '../../src/verify/index.js';

const work = mkdtempSync(join(tmpdir(), 'suyuan-snapshot-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const key = (name = 'snapshot.test/log'): LogKey => ({ origin: name, ...generateKey(name) });
const admin = { kind: 'authority' as const, role: 'admin' as const, region: '', id: 'admin' };

let counter = 0;
async function logWith(lots: number, logKey: LogKey) {
  const dir = join(work, `log-${counter++}`);
  const file = join(dir, 'suyuan.db');
  const snapshotFile = join(dir, 'ledger-snapshot');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
  const store = await openStore(file);
  const ledger = await openSuyuanLedger({ store, key: logKey, snapshotFile });
  await seedDemo(ledger, { lots, seed: 3, regulators: false });
  await ledger.close();
  await store.close();
  return { file, snapshotFile };
}

/** statesOf: every entity of a ledger over `file`, opened with or without the snapshot. */
async function open(file: string, logKey: LogKey, snapshotFile?: string, onPrefixFailure?: (reason: string) => void) {
  const store = await openStore(file);
  try {
    const ledger = await openSuyuanLedger({
      store,
      key: logKey,
      ...(snapshotFile ? { snapshotFile } : {}),
      ...(onPrefixFailure ? { onPrefixFailure } : {}),
    });
    return { store, ledger };
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function entitiesOf(file: string, logKey: LogKey, snapshotFile?: string) {
  const { store, ledger } = await open(file, logKey, snapshotFile);
  const events = await store.readFrom(0, ledger.size);
  const tags = [...new Set(events.flatMap((event) => event.tags))].sort();
  const entities = Object.fromEntries(tags.map((tag) => [tag, ledger.entity(tag)]));
  const resumedFrom = ledger.resumedFrom;
  await ledger.prefixVerified;
  const health = ledger.health();
  await ledger.close();
  await store.close();
  return { entities, resumedFrom, size: events.length, health };
}

describe('the writer snapshot', () => {
  it('resumes from the snapshot with the state of a full replay, and verifies the older log behind it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 5, max: 40 }), fc.integer({ min: 0, max: 6 }), async (lots, more) => {
        const logKey = key();
        const { file, snapshotFile } = await logWith(lots, logKey);
        // Events after the snapshot: written by a writer without one, so the snapshot stays where it was.
        const { store, ledger } = await open(file, logKey);
        for (let index = 0; index < more; index++) {
          const outcome = await ledger.submit(
            { type: 'principal.create', id: `p-${index}`, name: 'p', role: 'auditor', region: '44', keyDigest: 'ab'.repeat(32) },
            admin,
          );
          expect(outcome.ok).toBe(true);
        }
        await ledger.close();
        await store.close();
        const replayed = await entitiesOf(file, logKey);
        const resumed = await entitiesOf(file, logKey, snapshotFile);
        expect(resumed.resumedFrom).toBe(replayed.size - more);
        expect(resumed.resumedFrom).toBeGreaterThan(0);
        expect(resumed.entities).toEqual(replayed.entities);
        // The older log verified in the background: the writer still takes commands.
        expect(resumed.health).toEqual({ ok: true });
      }),
      { numRuns: 5 },
    );
  }, 120_000);

  it('is not used when made with another key, edited, or of another log', async () => {
    const logKey = key();
    const { file, snapshotFile } = await logWith(10, logKey);
    const other = await logWith(10, logKey);
    // Of another log signed by the same key: the roots differ.
    expect((await entitiesOf(file, logKey, other.snapshotFile)).resumedFrom).toBe(0);
    // Edited: one byte of the state flipped.
    const bytes = readFileSync(snapshotFile);
    const edited = join(work, 'edited');
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 1, bytes.length - 10);
    writeFileSync(edited, bytes);
    expect((await entitiesOf(file, logKey, edited)).resumedFrom).toBe(0);
    // With another key of the same name: its MAC does not verify, and the log does not either.
    await expect(entitiesOf(file, key(), snapshotFile)).rejects.toThrow();
    expect((await entitiesOf(file, logKey, snapshotFile)).resumedFrom).toBeGreaterThan(0);
  }, 60_000);

  it('halts the writer when the snapshot state is not what the log folds to (a key holder wrote it, or a bug did)', async () => {
    const logKey = key();
    const { file, snapshotFile } = await logWith(10, logKey);
    const snapshot = readLedgerSnapshot<EntityState>(
      snapshotFile,
      logKey.skey,
      SNAPSHOT_VERSION,
      suyuanEntities,
      suyuanHeads,
      openLeavesOf(snapshotFile),
    );
    if ('refused' in snapshot) throw new Error(snapshot.refused);
    const { entities } = snapshot;
    const tag = [...entities.keys()].find((name) => name.startsWith('lot:'))!;
    entities.set(tag, { ...entities.get(tag)!, status: 'frozen' } as EntityState);
    writeLedgerSnapshot(snapshotFile, { ...snapshot, entities }, logKey.skey, SNAPSHOT_VERSION);
    const reasons: string[] = [];
    const { store, ledger } = await open(file, logKey, snapshotFile, (reason) => reasons.push(reason));
    expect(ledger.resumedFrom).toBe(snapshot.size);
    await ledger.prefixVerified;
    expect(reasons).toEqual([expect.stringMatching(/the state it folds to is not the snapshot's/)]);
    expect(ledger.health().ok).toBe(false);
    await ledger.close();
    await store.close();
    // Set aside: the next start replays the whole log and is healthy.
    expect(existsSync(`${snapshotFile}.refused`)).toBe(true);
    const again = await entitiesOf(file, logKey, snapshotFile);
    expect(again).toMatchObject({ resumedFrom: 0, health: { ok: true } });
    // A snapshot of another domain version is not used either.
    writeLedgerSnapshot(snapshotFile, snapshot, logKey.skey, 'another version');
    expect((await entitiesOf(file, logKey, snapshotFile)).resumedFrom).toBe(0);
  }, 60_000);

  it('stops its background verification at close without halting, and keeps the snapshot it had', async () => {
    const logKey = key();
    const { file, snapshotFile } = await logWith(30, logKey);
    const before = readFileSync(snapshotFile);
    const { store, ledger } = await open(file, logKey, snapshotFile);
    expect(ledger.resumedFrom).toBeGreaterThan(0);
    await ledger.close();
    await store.close();
    expect(readFileSync(snapshotFile).equals(before)).toBe(true);
    expect((await entitiesOf(file, logKey, snapshotFile)).health).toEqual({ ok: true });
  }, 60_000);

  it('halts the writer when the background verification finds a forged row before the snapshot', async () => {
    const logKey = key();
    const { file, snapshotFile } = await logWith(10, logKey);
    // An insider edits an early event's body in the database while the writer is down.
    const db = new Database(file);
    const row = db.prepare('SELECT position, body FROM events WHERE position = 3').get() as { position: number; body: string };
    db.prepare('UPDATE events SET body = ? WHERE position = 3').run(
      row.body.replace(/"time":"[^"]+"/, '"time":"2020-01-01T00:00:00.000Z"'),
    );
    db.close();
    const reasons: string[] = [];
    const { store, ledger } = await open(file, logKey, snapshotFile, (reason) => reasons.push(reason));
    expect(ledger.resumedFrom).toBeGreaterThan(3);
    await ledger.prefixVerified;
    expect(reasons).toEqual([expect.stringMatching(/before the snapshot .* does not verify/)]);
    expect(ledger.health()).toMatchObject({ ok: false });
    const refused = await ledger.submit(
      { type: 'principal.create', id: 'late', name: 'late', role: 'auditor', region: '44', keyDigest: 'ab'.repeat(32) },
      admin,
    );
    expect(refused).toMatchObject({ ok: false, kind: 'unavailable' });
    await ledger.close();
    await store.close();
  }, 60_000);
  it('keeps the tree below chunk level in a leaf file: an edited chunk fails its proofs until it is put right from the log; a missing or short file means a full replay', async () => {
    const logKey = key();
    const { file, snapshotFile } = await logWith(60, logKey);
    const leaves = leavesFileOf(snapshotFile);
    const honest = readFileSync(leaves);
    expect(honest.length).toBeGreaterThanOrEqual(3 * 64 * 32);
    // Someone who can write the data directory flips a bit of leaf 67 (chunk 1: neither the first nor the last).
    const edited = Buffer.from(honest);
    edited[67 * 32 + 5]! ^= 1;
    writeFileSync(leaves, edited);
    const { store, ledger } = await open(file, logKey, snapshotFile);
    expect(ledger.resumedFrom).toBeGreaterThan(3 * 64);
    expect(() => ledger.inclusionProof(67)).toThrow(ProofUnavailableError);
    expect(ledger.proofFailure).toMatch(/chunk 1 .* is not this tree's/);
    await ledger.prefixVerified;
    expect(ledger.proofFailure).toBeUndefined();
    expect(ledger.health()).toEqual({ ok: true });
    // Put right from the log itself: the proof verifies against the signed root.
    const [event] = await store.readFrom(67, 1);
    const proof = ledger.inclusionProof(67).map(fromHex);
    expect(verifyInclusion(leafHash(fromHex(event!.hash)), 67, ledger.size, proof, fromHex(ledger.root()))).toBe(true);
    expect(readFileSync(leaves).subarray(0, honest.length).equals(honest)).toBe(true);
    await ledger.close();
    await store.close();
    // Cut short: the snapshot is not used, and the full replay writes the file again.
    writeFileSync(leaves, honest.subarray(0, 64 * 32));
    expect((await entitiesOf(file, logKey, snapshotFile)).resumedFrom).toBe(0);
    expect((await entitiesOf(file, logKey, snapshotFile)).resumedFrom).toBeGreaterThan(0);
    // Missing: the same.
    rmSync(leaves);
    expect((await entitiesOf(file, logKey, snapshotFile)).resumedFrom).toBe(0);
    expect(readFileSync(leaves).subarray(0, honest.length).equals(honest)).toBe(true);
  }, 60_000);
});

/**
 * A read-only node starts from the verified prefix it saved (issue 17): only the events after it
 * are verified before it serves, the same log as a node that verified everything; the older log
 * is verified again in the background. A prefix that does not fit the signed log (another log's,
 * damaged) is not used; one whose heads the log does not lead to (edited by someone who can write
 * the data directory) makes the node refuse and is set aside.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LogFollower } from '../../src/api/index.js';
import {
  MerkleTree,
  fromHex,
  generateKey,
  leafHash,
  openNote,
  parseCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '../../src/hash/index.js';
import { type LogKey, openSuyuanLedger } from '../../src/ledger/index.js';
import { LotHeads } from '../../src/projections/index.js';
import { seedDemo } from '../../src/seed/index.js';
import { openStore } from '../../src/store/index.js';
import { ProofUnavailableError, headsDigest, leavesFileOf, openLeavesOf, readPrefixFile, writePrefixFile } from '../../src/verify/index.js';

const work = mkdtempSync(join(tmpdir(), 'suyuan-reader-prefix-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const key = (name = 'reader-prefix.test/log'): LogKey => ({ origin: name, ...generateKey(name) });
const admin = { kind: 'authority' as const, role: 'admin' as const, region: '', id: 'admin' };

let counter = 0;
/** A sqlite log of `lots` seeded lots, then `tail` more events, and where a reader keeps its prefix. */
async function logWith(lots: number, logKey: LogKey) {
  const dir = join(work, `log-${counter++}`);
  mkdirSync(dir);
  const file = join(dir, 'suyuan.db');
  const store = await openStore(file);
  const ledger = await openSuyuanLedger({ store, key: logKey });
  await seedDemo(ledger, { lots, seed: counter, regulators: false, captures: false });
  await ledger.close();
  await store.close();
  return { file, prefixFile: join(dir, 'reader-prefix') };
}

async function extend(file: string, logKey: LogKey, count: number): Promise<void> {
  const store = await openStore(file);
  const ledger = await openSuyuanLedger({ store, key: logKey });
  for (let index = 0; index < count; index++) {
    const outcome = await ledger.submit(
      { type: 'principal.create', id: `p-${counter}-${index}`, name: 'p', role: 'auditor', region: '44', keyDigest: 'ab'.repeat(32) },
      admin,
    );
    expect(outcome.ok).toBe(true);
  }
  await ledger.close();
  await store.close();
}

/** Starts a reader, lets its background pass end, and closes it (saving its prefix). */
async function reader(file: string, logKey: LogKey, prefixFile: string) {
  const store = await openStore(file, { role: 'reader' });
  const log = await LogFollower.start({ store, vkey: logKey.vkey, snapshotFile: prefixFile });
  await log.prefixVerified;
  const seen = { resumedFrom: log.resumedFrom, size: log.size, checkpoint: log.checkpoint, refusal: log.refusal, log };
  await log.close();
  await store.close();
  return seen;
}

describe('a read-only node from its saved prefix', () => {
  it('verifies only the tail at start, serves the same log as a full verification, and saves its prefix again', async () => {
    const logKey = key();
    const { file, prefixFile } = await logWith(40, logKey);
    const first = await reader(file, logKey, prefixFile);
    expect(first).toMatchObject({ resumedFrom: 0, refusal: undefined });
    expect(existsSync(prefixFile)).toBe(true);
    await extend(file, logKey, 25);
    const resumed = await reader(file, logKey, prefixFile);
    expect(resumed).toMatchObject({ resumedFrom: first.size, size: first.size + 25, refusal: undefined });
    const full = await reader(file, logKey, join(work, `full-${counter++}`));
    expect(full.resumedFrom).toBe(0);
    expect(resumed.checkpoint).toBe(full.checkpoint);
    expect(resumed.log.consistencyProof(3, resumed.size)).toEqual(full.log.consistencyProof(3, full.size));
    // Its proofs verify against the signed roots.
    const rootAt = (note: string) => parseCheckpoint(openNote(note, [logKey.vkey]).text).root;
    const proof = resumed.log.consistencyProof(first.size, resumed.size).map(fromHex);
    expect(verifyConsistency(first.size, resumed.size, rootAt(first.checkpoint), rootAt(resumed.checkpoint), proof)).toBe(true);
    // The prefix it saved at close has the heads a full verification reaches.
    const saved = readPrefixFile(prefixFile, logKey.vkey, () => new LotHeads(), openLeavesOf(prefixFile));
    const fullSaved = readPrefixFile(
      join(work, `full-${counter - 1}`),
      logKey.vkey,
      () => new LotHeads(),
      openLeavesOf(join(work, `full-${counter - 1}`)),
    );
    if ('refused' in saved || 'refused' in fullSaved) throw new Error('a prefix was not saved');
    expect(saved.tree.size).toBe(resumed.size);
    expect(headsDigest(saved.heads)).toBe(headsDigest(fullSaved.heads));
  }, 60_000);

  it('does not use a prefix of another log, of another key, or damaged', async () => {
    const logKey = key();
    const { file, prefixFile } = await logWith(20, logKey);
    const other = await logWith(20, logKey);
    await reader(other.file, logKey, other.prefixFile);
    // Another log signed by the same key: its root is not this log's.
    writeFileSync(prefixFile, readFileSync(other.prefixFile));
    expect((await reader(file, logKey, prefixFile)).resumedFrom).toBe(0);
    // Damaged: one byte flipped.
    const bytes = readFileSync(prefixFile);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 40) ^ 1, bytes.length - 40);
    writeFileSync(prefixFile, bytes);
    expect((await reader(file, logKey, prefixFile)).resumedFrom).toBe(0);
    // Another key's log at the same path: refused by the key check.
    const elsewhere = key('reader-prefix.test/other');
    const foreign = await logWith(20, elsewhere);
    await reader(foreign.file, elsewhere, foreign.prefixFile);
    writeFileSync(prefixFile, readFileSync(foreign.prefixFile));
    expect((await reader(file, logKey, prefixFile)).resumedFrom).toBe(0);
  }, 60_000);

  it('refuses when the saved heads are not where the log leads, and sets the prefix aside', async () => {
    const logKey = key();
    const { file, prefixFile } = await logWith(30, logKey);
    await reader(file, logKey, prefixFile);
    const saved = readPrefixFile(prefixFile, logKey.vkey, () => new LotHeads(), openLeavesOf(prefixFile));
    if ('refused' in saved) throw new Error(saved.refused);
    // Someone who can write the data directory moves one lot's head.
    const tag = [...saved.heads.keys()].find((name) => name.startsWith('lot:'))!;
    saved.heads.set(tag, 'ab'.repeat(32));
    writePrefixFile(prefixFile, saved, logKey.vkey);
    const store = await openStore(file, { role: 'reader' });
    const log = await LogFollower.start({ store, vkey: logKey.vkey, snapshotFile: prefixFile });
    expect(log.resumedFrom).toBe(saved.tree.size);
    await log.prefixVerified;
    expect(log.refusal).toMatchObject({
      code: 'saved-prefix',
      detail: expect.stringMatching(/lot-chain heads are not the saved prefix's/),
    });
    await expect(log.catchUp()).rejects.toThrow(/saved prefix/);
    await log.close();
    await store.close();
    expect(existsSync(`${prefixFile}.refused`)).toBe(true);
    expect(existsSync(prefixFile)).toBe(false);
    // The next start verifies the whole log, and is not refused.
    expect(await reader(file, logKey, prefixFile)).toMatchObject({ resumedFrom: 0, refusal: undefined });
  }, 60_000);

  it('refuses a saved tree with an edited leaf (its root still fits) and a file swapped after the start', async () => {
    const logKey = key();
    const { file, prefixFile } = await logWith(30, logKey);
    await reader(file, logKey, prefixFile);
    const honest = readFileSync(prefixFile);
    const saved = readPrefixFile(prefixFile, logKey.vkey, () => new LotHeads(), openLeavesOf(prefixFile));
    if ('refused' in saved) throw new Error(saved.refused);
    // Leaf 0 is not read by the root at the saved size: the tree still fits the signed log.
    const bytes = saved.tree.serialize();
    bytes[16] = bytes[16]! ^ 1;
    writePrefixFile(prefixFile, { tree: MerkleTree.deserialize(bytes, openLeavesOf(prefixFile)()), heads: saved.heads }, logKey.vkey);
    let store = await openStore(file, { role: 'reader' });
    let log = await LogFollower.start({ store, vkey: logKey.vkey, snapshotFile: prefixFile });
    expect(log.resumedFrom).toBe(saved.tree.size);
    await log.prefixVerified;
    expect(log.refusal).toMatchObject({ code: 'saved-prefix', detail: expect.stringMatching(/Merkle tree is not the saved prefix's/) });
    await log.close();
    await store.close();
    // Forged heads at the start, the honest file put back before the pass reads it again.
    const tag = [...saved.heads.keys()].find((name) => name.startsWith('lot:'))!;
    saved.heads.set(tag, 'cd'.repeat(32));
    writePrefixFile(prefixFile, saved, logKey.vkey);
    store = await openStore(file, { role: 'reader' });
    log = await LogFollower.start({ store, vkey: logKey.vkey, snapshotFile: prefixFile });
    writeFileSync(prefixFile, honest);
    await log.prefixVerified;
    expect(log.refusal).toMatchObject({ code: 'saved-prefix', detail: expect.stringMatching(/changed since the start/) });
    await log.close();
    await store.close();
  }, 60_000);
  it('serves no proof from an edited chunk of its leaf file, and puts it right from the log', async () => {
    const logKey = key();
    const { file, prefixFile } = await logWith(60, logKey);
    await reader(file, logKey, prefixFile);
    const leaves = leavesFileOf(prefixFile);
    const honest = readFileSync(leaves);
    expect(honest.length).toBeGreaterThanOrEqual(3 * 64 * 32);
    const edited = Buffer.from(honest);
    edited[70 * 32]! ^= 0x80;
    writeFileSync(leaves, edited);
    const store = await openStore(file, { role: 'reader' });
    const log = await LogFollower.start({ store, vkey: logKey.vkey, snapshotFile: prefixFile });
    expect(log.resumedFrom).toBeGreaterThan(3 * 64);
    expect(() => log.inclusionProof(70, log.size)).toThrow(ProofUnavailableError);
    expect(log.proofFailure).toMatch(/chunk 1 .* is not this tree's/);
    // The stored event is not blamed: the node does not refuse the log for it, and puts the chunk right from it.
    await log.prefixVerified;
    expect(log.proofFailure).toBeUndefined();
    expect(log.refusal).toBeUndefined();
    const [event] = await log.verifiedStore.readFrom(70, 1);
    const root = parseCheckpoint(openNote(log.checkpoint, [logKey.vkey]).text).root;
    expect(verifyInclusion(leafHash(fromHex(event!.hash)), 70, log.size, log.inclusionProof(70, log.size).map(fromHex), root)).toBe(true);
    await log.close();
    await store.close();
    expect(readFileSync(leaves).subarray(0, honest.length).equals(honest)).toBe(true);
  }, 60_000);
});

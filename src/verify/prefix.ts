/**
 * A verified prefix (issue 17, start-up in seconds): the Merkle tree and lot-chain heads of the
 * first N events of a log, kept by a node that verified them, so that its next start verifies
 * only the events after N. Two checks make this sound:
 *
 * - at start (fitsSignedLog): the tree's root at N must be the root the log's key signed at N,
 *   so the leaves — every event's hash — are the signed log's; bodies are still re-hashed
 *   against them whenever they are read;
 * - in the background (verifyPrefixAgain): the first N events are read and verified again
 *   (hashes, `prev` links, the signed root at N) and the heads they lead to are compared with the
 *   saved ones, which nothing at start vouches for. The caller stops serving if this fails.
 *
 * Used by the writer (src/ledger, beside its state) and by read-only nodes (LogFollower).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { deserialize, serialize } from 'node:v8';
import {
  type HeadMap,
  type LeafFile,
  MerkleTree,
  checkNote,
  openLeafFile,
  parseCheckpoint,
  repairingLeaves,
  toHex,
} from '../hash/index.js';
import type { EventStore, SealedEvent } from '../store/index.js';
import { type Imageable, type MapImage, imageOf, loadImage } from './mapImage.js';
import { StoreVerifier } from './storeVerifier.js';

/** What fitsSignedLog and the background pass read of a set of heads. */
export interface HeadList extends HeadMap {
  keys(): IterableIterator<string>;
}

/**
 * fitsSignedLog: whether `tree` (of `size` events) is the tree of the log `store` holds: the
 * store has a checkpoint of exactly that size, signed with `vkey`, whose root is the tree's.
 */
export async function fitsSignedLog(store: Pick<EventStore, 'checkpointAt' | 'head'>, vkey: string, tree: MerkleTree): Promise<boolean> {
  const size = tree.size;
  if (size === 0) return false;
  const head = await store.head();
  if (head.size < size) return false;
  const signed = await store.checkpointAt(size);
  if (signed?.size !== size) return false;
  const opened = checkNote(signed.note, [vkey]);
  return opened.ok && toHex(parseCheckpoint(opened.text).root) === toHex(tree.root(size));
}

/**
 * The canonical order of a digest's keys: by a 12-bit FNV-1a bucket of the key, then sorted
 * within the bucket. It depends only on the set of keys (so two maps built in different orders
 * digest alike), and a million keys are never sorted in one go: each bucket holds a few hundred.
 * Which order it is does not matter to the digest's strength, only that it is a function of the set.
 */
const BUCKETS = 4096;
function bucketOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) & (BUCKETS - 1);
}

/** headsDigest: SHA-256 over the heads in canonical tag order (independent of how they were stored). */
export function headsDigest(heads: HeadList): string {
  return orderedDigest(heads.keys(), (tag) => `${tag}\n${heads.get(tag)}\n`);
}

/** orderedDigest: SHA-256 over `line(key)` for every key in canonical order, in one go. */
export function orderedDigest(keys: Iterable<string>, line: (key: string) => string): string {
  const buckets: string[][] = Array.from({ length: BUCKETS }, () => []);
  for (const key of keys) buckets[bucketOf(key)]!.push(key);
  const hash = createHash('sha256');
  for (const bucket of buckets) for (const key of bucket.sort()) hash.update(line(key));
  return hash.digest('hex');
}

/** How a background pass yields: at most `share` of the event loop, and it stops when `signal` aborts. */
export interface Pace {
  readonly signal: AbortSignal;
  /** Default 0.25: after each slice it waits three times as long as the slice took. */
  readonly share?: number;
}

/**
 * sortedDigest: orderedDigest, but in slices of about `slice` keys with pauses between (the writer's
 * 1M-lot state digested in one go held the event loop for 64 s at the end of its background pass,
 * and sorting a million heads for 3.8 s; paced, the longest stall was 46 ms for heads at 2,048 a
 * slice, hence 512):
 * the keys are read, bucketed, sorted a bucket at a time and hashed, all a slice at a time.
 * Throws when the pace's signal aborts. The map must not change meanwhile.
 */
export async function sortedDigest(keys: Iterable<string>, line: (key: string) => string, pace: Pace, slice = 512): Promise<string> {
  const share = Math.min(1, Math.max(0.01, pace.share ?? 0.25));
  let started = performance.now();
  let done = 0;
  // Awaited only once a slice is done: an await a key would cost more than the hashing.
  const rest = async (): Promise<void> => {
    done = 0;
    await pause((performance.now() - started) * ((1 - share) / share), pace.signal);
    started = performance.now();
  };
  const buckets: string[][] = Array.from({ length: BUCKETS }, () => []);
  for (const key of keys) {
    buckets[bucketOf(key)]!.push(key);
    if (++done >= slice) await rest();
  }
  const hash = createHash('sha256');
  for (const bucket of buckets) {
    bucket.sort();
    done += bucket.length;
    for (const key of bucket) {
      hash.update(line(key));
      if (++done >= slice) await rest();
    }
  }
  if (pace.signal.aborted) throw new Error('aborted');
  return hash.digest('hex');
}

/** headsDigestPaced: headsDigest, a slice at a time (see sortedDigest). */
export function headsDigestPaced(heads: HeadList, pace: Pace): Promise<string> {
  return sortedDigest(heads.keys(), (tag) => `${tag}\n${heads.get(tag)}\n`, pace);
}

export interface PrefixAgainOptions {
  readonly vkey: string;
  /** The number of events saved: they are read and verified again. */
  readonly size: number;
  /** Empty heads to fold into (a Map, or a compact store). */
  readonly heads: HeadList;
  /**
   * When the saved tree keeps its lower levels in a leaf file: that file and the tree the node
   * serves from it. The pass then builds a tree that keeps, like it, about a byte an event in
   * memory (so the two serialise alike), and puts right a chunk of the file that is not the log's
   * when the log's fits the served tree.
   */
  readonly leaves?: { readonly file: string; readonly tree: MerkleTree };
  /** Called with each event once it verified (the writer folds its state). */
  readonly onEvent?: (event: SealedEvent) => void;
  /** Stops the pass (the node is closing): the answer is then 'aborted'. */
  readonly signal: AbortSignal;
  /** Events per read (default 128): steps of a few milliseconds, so a request waits little for one. */
  readonly chunk?: number;
  /**
   * The share of the event loop the pass may take (default 0.25): after each step it waits three
   * times as long as the step took, so a node that resumed serves at near full speed meanwhile.
   */
  readonly share?: number;
}

/** pause waits `ms`, or throws at once when `signal` aborts (closing does not wait out a pause). */
async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) throw new Error('aborted');
  await sleep(ms, undefined, { signal });
}

/** What verifyPrefixAgain found: the tree and heads it verified, or what failed. */
export type PrefixAgainVerdict =
  | { readonly ok: true; readonly tree: MerkleTree; readonly heads: HeadList }
  | { readonly ok: false; readonly detail: string }
  | 'aborted';

/**
 * verifyPrefixAgain reads and verifies the first `size` events again (hashes, `prev` links and the
 * signed root at `size`), yielding to the event loop between reads. A read that fails (a dropped
 * connection, a busy database) is tried again with backoff: it says nothing of the log.
 */
export async function verifyPrefixAgain(
  store: Pick<EventStore, 'readFrom' | 'checkpointAt'>,
  options: PrefixAgainOptions,
): Promise<PrefixAgainVerdict> {
  const served = options.leaves;
  const leaves = served && repairingLeaves(openLeafFile(served.file), (chunk, hashes) => served.tree.chunkFits(chunk, hashes));
  try {
    return await verifyAgain(store, options, leaves ? new MerkleTree(leaves) : undefined);
  } finally {
    leaves?.close();
  }
}

async function verifyAgain(
  store: Pick<EventStore, 'readFrom' | 'checkpointAt'>,
  options: PrefixAgainOptions,
  tree: MerkleTree | undefined,
): Promise<PrefixAgainVerdict> {
  const { signal } = options;
  const share = Math.min(1, Math.max(0.01, options.share ?? 0.25));
  // A step is the verifying and folding of one read's events (not the read: a slow database would
  // otherwise stretch the pauses); the pause after it is in proportion.
  let stepStarted: number | undefined;
  const source = {
    readFrom: async (from: number, limit: number) => {
      const step = stepStarted === undefined ? 0 : performance.now() - stepStarted;
      await pause(Math.min(1_000, (step * (1 - share)) / share), signal);
      const events = await store.readFrom(from, limit);
      stepStarted = performance.now();
      return events;
    },
  };
  const verifier = new StoreVerifier(source, {
    vkey: options.vkey,
    chunk: options.chunk ?? 128,
    chainHeads: options.heads,
    ...(tree ? { tree } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  for (let attempt = 0; ; attempt++) {
    const failure = await verifier.readTo(options.size);
    if (signal.aborted) return 'aborted';
    if (!failure) break;
    if (failure.reason !== 'store-read' || attempt >= 20) return { ok: false, detail: `${failure.detail} (position ${failure.position})` };
    await pause(Math.min(100 * 2 ** attempt, 5_000), signal).catch(() => undefined);
  }
  const signed = await store.checkpointAt(options.size);
  const checked = signed ? verifier.check(signed.note) : undefined;
  if (!checked?.ok) {
    return { ok: false, detail: `no signed checkpoint of size ${options.size} matches it${checked ? `: ${checked.detail}` : ''}` };
  }
  return { ok: true, tree: verifier.tree, heads: options.heads };
}

const FORMAT = 'suyuan-verified-prefix/1';
const DIGEST_SIZE = 32;

/** A saved prefix as read back: its tree and heads. */
export interface SavedPrefix<Heads extends HeadList> {
  readonly tree: MerkleTree;
  readonly heads: Heads;
  /** SHA-256 (hex) of the file's body as read: a second read must find the same file. */
  readonly digest?: string;
}

/** Heads that can save and load a compact image of themselves (LotHeads), or a Map. */
export type ImageableHeads = Imageable<string>;

/**
 * writePrefixFile saves a node's verified prefix atomically (a temporary file, then a rename),
 * with a SHA-256 of its body against torn or damaged files. It is not a MAC: a read-only node
 * holds no secret. The tree is vouched for by the signed root at start, the heads by the
 * background pass (see above).
 */
export function writePrefixFile(file: string, prefix: SavedPrefix<ImageableHeads>, vkey: string): void {
  const { heads } = prefix;
  // The leaves the saved tree relies on reach the disk before the file that relies on them.
  prefix.tree.sync();
  const body = serialize({
    format: FORMAT,
    vkey,
    size: prefix.tree.size,
    tree: prefix.tree.serialize(),
    heads: imageOf(heads),
  });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, Buffer.concat([createHash('sha256').update(body).digest(), body]));
  renameSync(temporary, file);
}

/** readPrefixFile: the prefix saved in `file` for the log of `vkey`, or why it cannot be used. */
export function readPrefixFile<Heads extends ImageableHeads>(
  file: string,
  vkey: string,
  makeHeads: () => Heads,
  openLeaves?: () => LeafFile,
): SavedPrefix<Heads> | { readonly refused: string } {
  if (!existsSync(file)) return { refused: 'no saved prefix' };
  const bytes = readFileSync(file);
  return parsePrefixFile(bytes, createHash('sha256').update(bytes.subarray(DIGEST_SIZE)).digest(), vkey, makeHeads, openLeaves);
}

/**
 * readPrefixFilePaced: readPrefixFile for a background pass, which must not hold the event loop:
 * the file is read asynchronously and hashed a slice at a time (see readHashedPaced); only the
 * parse is done in one go.
 */
export async function readPrefixFilePaced<Heads extends ImageableHeads>(
  file: string,
  vkey: string,
  makeHeads: () => Heads,
  openLeaves: (() => LeafFile) | undefined,
  pace: Pace,
): Promise<SavedPrefix<Heads> | { readonly refused: string }> {
  const read = await readHashedPaced(file, DIGEST_SIZE, () => createHash('sha256'), pace);
  if ('refused' in read) return { refused: read.refused === 'missing' ? 'no saved prefix' : read.refused };
  return parsePrefixFile(read.bytes, read.digest, vkey, makeHeads, openLeaves);
}

function parsePrefixFile<Heads extends ImageableHeads>(
  bytes: Buffer,
  bodyDigest: Buffer,
  vkey: string,
  makeHeads: () => Heads,
  openLeaves?: () => LeafFile,
): SavedPrefix<Heads> | { readonly refused: string } {
  const body = bytes.subarray(DIGEST_SIZE);
  if (bytes.length < DIGEST_SIZE || !bodyDigest.equals(bytes.subarray(0, DIGEST_SIZE))) {
    return { refused: 'it is damaged (its digest does not match)' };
  }
  let tree: MerkleTree | undefined;
  try {
    const data = deserialize(body) as {
      format: string;
      vkey: string;
      size: number;
      tree: Uint8Array;
      heads: MapImage<string>;
    };
    if (data.format !== FORMAT) return { refused: `format ${String(data.format)} is not ${FORMAT}` };
    if (data.vkey !== vkey) return { refused: 'it is of another log key' };
    tree = treeWithLeaves(data.tree, openLeaves);
    if (tree.size !== data.size) {
      tree.close();
      return { refused: `its tree holds ${tree.size} events, not ${data.size}` };
    }
    const heads = loadImage(data.heads, makeHeads());
    return { tree, heads, digest: bytes.subarray(0, DIGEST_SIZE).toString('hex') };
  } catch (error) {
    tree?.close();
    return { refused: `it cannot be read: ${(error as Error).message}` };
  }
}

/** How much readHashedPaced hashes between pauses: about 10 ms of SHA-256. */
const HASH_SLICE = 4 * 1024 * 1024;

/**
 * readHashedPaced reads `file` without blocking the event loop and hashes its bytes after the
 * first `skip` (a digest or MAC in front) with `hasher`, a slice at a time with pauses (a 10M-lot
 * writer's snapshot is about 1.7 GB: read and hashed in one go, it held requests for seconds).
 */
export async function readHashedPaced(
  file: string,
  skip: number,
  hasher: () => { update(bytes: Uint8Array): unknown; digest(): Buffer },
  pace: Pace,
): Promise<{ readonly bytes: Buffer; readonly digest: Buffer } | { readonly refused: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file, { signal: pace.signal });
  } catch (error) {
    if (pace.signal.aborted) throw new Error('aborted');
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { refused: 'missing' };
    return { refused: `it cannot be read: ${(error as Error).message}` };
  }
  const share = Math.min(1, Math.max(0.01, pace.share ?? 0.25));
  const hash = hasher();
  for (let at = skip; at < bytes.length; at += HASH_SLICE) {
    const started = performance.now();
    hash.update(bytes.subarray(at, Math.min(bytes.length, at + HASH_SLICE)));
    await pause((performance.now() - started) * ((1 - share) / share), pace.signal);
  }
  return { bytes, digest: hash.digest() };
}

/** leavesFileOf: where the tree saved in `file` keeps its lower levels (issue 17: about 63 of its 64 bytes an event). */
export const leavesFileOf = (file: string): string => `${file}.leaves`;

/** openLeavesOf: opens the leaf file beside `file` (created if missing). */
export const openLeavesOf = (file: string) => (): LeafFile => openLeafFile(leavesFileOf(file));

/**
 * treeWithLeaves deserialises a saved tree with the leaf file `openLeaves` opens (when given),
 * closing the file again if the tree cannot be read: an old file of a tree with every level is
 * refused then, and the node verifies its whole log once.
 */
export function treeWithLeaves(bytes: Uint8Array, openLeaves?: () => LeafFile): MerkleTree {
  const leaves = openLeaves?.();
  try {
    return MerkleTree.deserialize(bytes, leaves);
  } catch (error) {
    leaves?.close();
    throw error;
  }
}

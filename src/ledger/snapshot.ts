/**
 * The writer's verified snapshot (issue 17, start-up in seconds): the committed state (entities
 * and lot-chain heads) and the Merkle tree at a signed size N, written when the writer closes. At
 * the next start it is taken only if its MAC (keyed by the log key: a file from elsewhere, or
 * edited, does not pass) verifies and its tree's root at N is the root the log signed at N; then
 * only the events after N are read and verified. The older log is verified again in the
 * background, and the state it folds to is compared with the snapshot's (see Ledger.open).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { type LeafFile, type MerkleTree, canonicalJson } from '../hash/index.js';
import {
  type Imageable,
  type MapImage,
  type Pace,
  imageOf,
  loadImage,
  orderedDigest,
  readHashedPaced,
  sortedDigest,
  treeWithLeaves,
} from '../verify/index.js';
import type { EntityMap, EntityMapFactory, HeadStore, HeadStoreFactory } from './overlay.js';

const FORMAT = 'suyuan-ledger-snapshot/1';
const MAC_SIZE = 32;

export interface LedgerSnapshot<Entity> {
  readonly size: number;
  readonly tree: MerkleTree;
  readonly entities: EntityMap<Entity>;
  readonly heads: HeadStore;
  /** The file's MAC (hex) as read: a second read must find the same file. */
  readonly mac?: string;
}

const macKeyOf = (skey: string): Buffer => createHash('sha256').update(`${FORMAT}\n${skey}`).digest();

/**
 * writeLedgerSnapshot writes the snapshot atomically (a temporary file, then a rename). `version`
 * names the domain code that made the state (its entity shapes and rules): a snapshot of another
 * version is not used, since the state a replay folds to may differ.
 */
export function writeLedgerSnapshot<Entity>(file: string, snapshot: LedgerSnapshot<Entity>, skey: string, version = ''): void {
  // The leaves the tree relies on reach the disk before the snapshot that relies on them.
  snapshot.tree.sync();
  const body = serialize({
    format: FORMAT,
    version,
    size: snapshot.size,
    tree: snapshot.tree.serialize(),
    entities: imageOf(snapshot.entities),
    heads: imageOf(snapshot.heads),
  });
  const mac = createHmac('sha256', macKeyOf(skey)).update(body).digest();
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, Buffer.concat([mac, body]));
  renameSync(temporary, file);
}

/** readLedgerSnapshot: the snapshot in `file`, or why it cannot be used (missing, not this key's, damaged). */
export function readLedgerSnapshot<Entity>(
  file: string,
  skey: string,
  version = '',
  makeEntities: EntityMapFactory<Entity> = () => new Map<string, Entity>(),
  makeHeads: HeadStoreFactory = () => new Map<string, string>(),
  openLeaves?: () => LeafFile,
): LedgerSnapshot<Entity> | { readonly refused: string } {
  if (!existsSync(file)) return { refused: 'no snapshot' };
  const bytes = readFileSync(file);
  const expected = createHmac('sha256', macKeyOf(skey)).update(bytes.subarray(MAC_SIZE)).digest();
  return parseLedgerSnapshot(bytes, expected, version, makeEntities, makeHeads, openLeaves);
}

/**
 * readLedgerSnapshotPaced: readLedgerSnapshot for the end of the background pass, which must not
 * hold the event loop: the file is read asynchronously and its MAC computed a slice at a time
 * (at 1M lots, reading and MACing the 169 MB file in one go took about 330 ms); the parse and the
 * load of the state are still one step each.
 */
export async function readLedgerSnapshotPaced<Entity>(
  file: string,
  skey: string,
  version: string,
  makeEntities: EntityMapFactory<Entity>,
  makeHeads: HeadStoreFactory,
  openLeaves: (() => LeafFile) | undefined,
  pace: Pace,
): Promise<LedgerSnapshot<Entity> | { readonly refused: string }> {
  const read = await readHashedPaced(file, MAC_SIZE, () => createHmac('sha256', macKeyOf(skey)), pace);
  if ('refused' in read) return { refused: read.refused === 'missing' ? 'no snapshot' : read.refused };
  return parseLedgerSnapshot(read.bytes, read.digest, version, makeEntities, makeHeads, openLeaves);
}

function parseLedgerSnapshot<Entity>(
  bytes: Buffer,
  expected: Buffer,
  version: string,
  makeEntities: EntityMapFactory<Entity>,
  makeHeads: HeadStoreFactory,
  openLeaves?: () => LeafFile,
): LedgerSnapshot<Entity> | { readonly refused: string } {
  const mac = bytes.subarray(0, MAC_SIZE);
  const body = bytes.subarray(MAC_SIZE);
  if (mac.length !== MAC_SIZE || !timingSafeEqual(mac, expected)) return { refused: 'its MAC does not verify with this log key' };
  let tree: MerkleTree | undefined;
  try {
    const data = deserialize(body) as {
      format: string;
      version: string;
      size: number;
      tree: Uint8Array;
      entities: MapImage<Entity>;
      heads: MapImage<string>;
    };
    if (data.format !== FORMAT) return { refused: `format ${String(data.format)} is not ${FORMAT}` };
    if (data.version !== version) return { refused: `it was made by domain version ${String(data.version)}, not ${version}` };
    tree = treeWithLeaves(data.tree, openLeaves);
    if (tree.size !== data.size) {
      tree.close();
      return { refused: `its tree holds ${tree.size} events, not ${data.size}` };
    }
    const entities = loadImage(data.entities, makeEntities());
    return {
      size: data.size,
      tree,
      entities,
      heads: loadImage(data.heads, makeHeads(entities)),
      mac: mac.toString('hex'),
    };
  } catch (error) {
    tree?.close();
    return { refused: `it cannot be read: ${(error as Error).message}` };
  }
}

/** stateDigest: SHA-256 of the entities, in canonical tag order (see orderedDigest), as canonical JSON (independent of insertion order). */
export function stateDigest<Value>(entities: Pick<Imageable<Value>, 'keys' | 'get'>): string {
  return orderedDigest(entities.keys(), (tag) => stateLine(entities, tag));
}

/** stateDigestPaced: stateDigest, a slice at a time with pauses (a background pass's end; see sortedDigest). */
export function stateDigestPaced<Value>(entities: Pick<Imageable<Value>, 'keys' | 'get'>, pace: Pace): Promise<string> {
  // A lot's line (materialized and canonicalised) takes tens of µs: slices of 128 hold the loop about 10 ms.
  return sortedDigest(entities.keys(), (tag) => stateLine(entities, tag), pace, 128);
}

const stateLine = <Value>(entities: Pick<Imageable<Value>, 'get'>, tag: string): string => `${tag}\n${canonicalJson(entities.get(tag))}\n`;

/**
 * The checks both bundle formats share: the signed checkpoint, one entry's
 * inclusion in it and the recomputed hash of a disclosed event, and which
 * events create a lot. The typed reasons of either verifier live here too.
 */
import {
  checkInclusion,
  eventHash,
  fromHex,
  isSha256Hex,
  leafHash,
  openNote,
  parseCheckpoint,
  type HashedEventFields,
} from '../hash/index.js';
import type { EventBody } from './bundleSchema.js';

/**
 * BundleFailureReason says what failed: the bundle's shape ('not-a-bundle'),
 * its checkpoint ('checkpoint-signature', 'size-mismatch'), its lineage
 * ('code-not-in-lineage', 'lot-missing': a lot listed as whole has no events,
 * 'chain-missing': `lots` and `chains` name different lots), or an entry:
 * 'order', 'outside-checkpoint', 'entry-shape', 'inclusion' (the proof does
 * not lead to the signed root; the detail says how), 'position', 'canonical',
 * 'hash-mismatch', or a chain: 'chain-order' (positions not ascending),
 * 'chain-entry-missing' (a chain names a position the bundle has no entry
 * for), 'entry-unaccounted' (an entry in no chain), 'chain-incomplete' (a
 * disclosed event tags a whole lot but is not in its chain), 'not-created' (a
 * lot's first disclosed event does not create it), 'prev-mismatch',
 * 'prev-unaccounted'.
 */
export type BundleFailureReason =
  | 'not-a-bundle'
  | 'checkpoint-signature'
  | 'size-mismatch'
  | 'code-not-in-lineage'
  | 'lot-missing'
  | 'chain-missing'
  | 'order'
  | 'outside-checkpoint'
  | 'entry-shape'
  | 'inclusion'
  | 'position'
  | 'canonical'
  | 'hash-mismatch'
  | 'chain-order'
  | 'chain-entry-missing'
  | 'entry-unaccounted'
  | 'chain-incomplete'
  | 'not-created'
  | 'prev-mismatch'
  | 'prev-unaccounted';

export type BundleVerdict =
  | {
      readonly ok: true;
      readonly format: string;
      readonly code: string;
      readonly size: number;
      readonly events: number;
      readonly disclosed: number;
      /** Entries whose body is withheld (minimal in format 2, redacted in format 1). */
      readonly redacted: number;
      readonly lots: number;
    }
  | { readonly ok: false; readonly reason: BundleFailureReason; readonly detail: string; readonly position?: number };

export type Failure = { readonly reason: BundleFailureReason; readonly detail: string; readonly position?: number };
export type SignedTree = { readonly size: number; readonly root: Uint8Array };

export const failure = (reason: BundleFailureReason, detail: string, position?: number): Failure =>
  position === undefined ? { reason, detail } : { reason, detail, position };

/** openCheckpoint checks the note's signature with `vkey` and that it signs `claimedSize`. */
export function openCheckpoint(note: string, claimedSize: number, vkey: string): SignedTree | Failure {
  let tree: SignedTree;
  try {
    tree = parseCheckpoint(openNote(note, [vkey]).text);
  } catch (error) {
    return failure('checkpoint-signature', `checkpoint: ${(error as Error).message}`);
  }
  if (tree.size !== claimedSize) {
    return failure('size-mismatch', `the bundle says size ${claimedSize}, the signed checkpoint ${tree.size}`);
  }
  return tree;
}

/**
 * inclusionFailure checks an entry's order after `last` and its inclusion in
 * the signed tree. Requires `hash` to be 64 lower-case hex digits (the schemas).
 */
export function inclusionFailure(
  entry: { readonly position: number; readonly hash: string; readonly inclusion: readonly string[] },
  last: number,
  tree: SignedTree,
): Failure | undefined {
  if (entry.position <= last) return failure('order', 'entries are not in ascending position order');
  if (entry.position >= tree.size) {
    return failure('outside-checkpoint', `position ${entry.position} is outside the checkpoint (size ${tree.size})`);
  }
  if (!entry.inclusion.every(isSha256Hex)) return failure('inclusion', 'inclusion proof elements must be 32-byte hex');
  const included = checkInclusion(leafHash(fromHex(entry.hash)), entry.position, tree.size, entry.inclusion.map(fromHex), tree.root);
  return included.ok ? undefined : failure('inclusion', `inclusion proof does not lead to the signed root (${included.reason})`);
}

/** hashFailure recomputes a disclosed event's hash from its canonical JSON and compares it with the stated one. */
export function hashFailure(event: EventBody, position: number, hash: string): Failure | undefined {
  if (event.position !== position) return failure('position', `the event says position ${event.position}`);
  let recomputed: string;
  try {
    recomputed = eventHash(event as HashedEventFields);
  } catch (error) {
    return failure('canonical', `event cannot be canonicalised: ${(error as Error).message}`);
  }
  return recomputed === hash ? undefined : failure('hash-mismatch', `event hash is ${recomputed}, the bundle says ${hash}`);
}

/** creates: the event makes lot `code` (commissioned, shipped as the child, or a processing output). */
export function creates(event: EventBody, code: string): boolean {
  const data = event.data as { code?: string; childCode?: string; outputs?: { code?: string }[] } | null;
  switch (event.type) {
    case 'lot.commissioned':
      return data?.code === code;
    case 'lot.shipped':
      return data?.childCode === code;
    case 'lot.processed':
      return Array.isArray(data?.outputs) && data.outputs.some((output) => output?.code === code);
    default:
      return false;
  }
}

/**
 * checkExtension: is a verified log an extension of a signed checkpoint held
 * elsewhere (the writer's own file, an auditor's or a follower's copy)? The
 * one check behind the writer's rollback refusal, `suyuan verify
 * --checkpoint` and `suyuan restore`.
 */
import { equalBytes, openNote, parseCheckpoint, toHex, type MerkleTree } from '../hash/index.js';

/**
 * ExtensionFailureReason: the note is not a checkpoint signed by the log key
 * ('not-signed'), it covers more events than the log's signed size
 * ('behind': the log was rolled back or restored from an older copy), or the
 * log's tree at the note's size has another root ('fork': the log was rewritten).
 */
export type ExtensionFailureReason = 'not-signed' | 'behind' | 'fork';

export type ExtensionVerdict =
  | { readonly ok: true; readonly size: number; readonly root: string }
  | {
      readonly ok: false;
      readonly reason: ExtensionFailureReason;
      readonly detail: string;
      /** The note's size, when it verified. */
      readonly checkpointSize?: number;
      readonly logSize: number;
    };

/**
 * checkExtension checks `note` against the first `signedSize` leaves of
 * `tree` (a tree built from verified events; the log's signed size).
 * Holding the whole tree, the RFC 9162 consistency of the note's tree with
 * the log's is exactly this: the log's root at the note's size is the
 * note's root. Requires 0 <= signedSize <= tree.size. Never throws.
 */
export function checkExtension(tree: MerkleTree, signedSize: number, note: string, vkey: string): ExtensionVerdict {
  let size: number;
  let root: Uint8Array;
  try {
    ({ size, root } = parseCheckpoint(openNote(note, [vkey]).text));
  } catch (error) {
    return {
      ok: false,
      reason: 'not-signed',
      detail: `the checkpoint does not verify with the log key: ${(error as Error).message}`,
      logSize: signedSize,
    };
  }
  if (size > signedSize) {
    return {
      ok: false,
      reason: 'behind',
      detail: `the log's signed size is ${signedSize} but a checkpoint of size ${size} was signed: the log was rolled back or restored from an older copy`,
      checkpointSize: size,
      logSize: signedSize,
    };
  }
  if (!equalBytes(tree.root(size), root)) {
    return {
      ok: false,
      reason: 'fork',
      detail: `the log's tree at size ${size} has root ${toHex(tree.root(size))} but the checkpoint signs ${toHex(root)}: the log was rewritten (a fork)`,
      checkpointSize: size,
      logSize: signedSize,
    };
  }
  return { ok: true, size, root: toHex(root) };
}

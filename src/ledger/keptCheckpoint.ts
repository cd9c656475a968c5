/**
 * The checkpoint this writer last signed, kept outside the store (in the
 * data directory) so that a store restored from an older copy, rolled back
 * or rewritten is caught at start-up instead of being signed over.
 */
import type { MerkleTree } from '../hash/index.js';
import { checkExtension, readCheckpointFile } from '../verify/index.js';
import { StoreBehindSignedLogError } from './refusals.js';

/**
 * checkKeptCheckpoint returns the note kept in `file` (undefined when there
 * is none) once the store's verified tree (all signed: recover refuses an
 * unsigned tail) is shown to extend it; else it throws
 * StoreBehindSignedLogError, or an Error for a file that does not verify.
 */
export function checkKeptCheckpoint(file: string, tree: MerkleTree, vkey: string): string | undefined {
  const kept = readCheckpointFile(file);
  if (kept === undefined) return undefined;
  const verdict = checkExtension(tree, tree.size, kept, vkey);
  if (verdict.ok) return kept;
  if (verdict.reason === 'not-signed') {
    throw new Error(
      `the signed checkpoint kept in ${file}: ${verdict.detail}. It was damaged or replaced, or the log key changed; ` +
        'check the store against a follower (`suyuan verify --checkpoint URL`) before removing the file.',
    );
  }
  throw new StoreBehindSignedLogError(verdict.reason, verdict.checkpointSize ?? 0, verdict.logSize, file, verdict.detail);
}

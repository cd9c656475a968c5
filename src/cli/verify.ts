import { openStore, type EventStore } from '../store/index.js';
import {
  checkExtension,
  loadCheckpointNote,
  resolveVerifierKey,
  verifyStore,
  type ExtensionFailureReason,
  type StoreFailure,
} from '../verify/index.js';
import { progressBar } from '../progress.js';
import { requireExistingLog, selectStore, type StoreSelection } from './storeSelection.js';

export interface VerifyOptions extends StoreSelection {
  /** The log's public key, or @file; by default SUYUAN_LOG_VKEY, or derived from SUYUAN_LOG_KEY or the data directory's key file. */
  readonly vkey?: string;
  /** A signed checkpoint held elsewhere (a file, or a node's http(s) URL) that the stored log must extend. */
  readonly checkpoint?: string;
}

/** UnsignedTailFailure: events past the latest signed checkpoint, which no writer sealed. */
export interface UnsignedTailFailure {
  readonly ok: false;
  readonly position: number;
  readonly reason: 'unsigned-tail';
  readonly detail: string;
}

/** ExtensionFailure: the stored log does not extend the checkpoint given with --checkpoint (it has no position). */
export interface ExtensionFailure {
  readonly ok: false;
  readonly reason: ExtensionFailureReason;
  readonly detail: string;
}

export type VerifyResult =
  | { ok: true; size: number; root: string; extends?: { size: number; root: string } }
  | StoreFailure
  | UnsignedTailFailure
  | ExtensionFailure;

/**
 * verifyStoredLog opens the configured store and verifies the whole log
 * against its latest signed checkpoint; events past it fail ('unsigned-tail').
 * With `checkpoint`, the stored signed log must also extend that note.
 */
export async function verifyStoredLog(options: VerifyOptions): Promise<VerifyResult> {
  const config = selectStore(options);
  const vkey = resolveVerifierKey({ vkey: options.vkey, dataDir: config.dataDir });
  requireExistingLog(config);
  // Read before the store is opened: a missing file or an unreachable node is a usage error, not a verdict.
  const held = options.checkpoint === undefined ? undefined : await loadCheckpointNote(options.checkpoint);
  const store: EventStore = await openStore(config.storeUrl, { role: 'reader' });
  let bar: ReturnType<typeof progressBar> | undefined;
  try {
    const verdict = await verifyStore(store, {
      vkey,
      requireCheckpoint: true,
      onProgress: (done, total) => {
        bar ??= progressBar('verifying', total);
        bar.update(done);
      },
    });
    if (!verdict.ok) return verdict;
    const checkpoint = verdict.checkpoint!;
    if (verdict.size > checkpoint.size) {
      const count = verdict.size - checkpoint.size;
      const detail = `${count} event${count === 1 ? '' : 's'} past the latest signed checkpoint (size ${checkpoint.size}): no writer sealed them`;
      return { ok: false, position: checkpoint.size, reason: 'unsigned-tail', detail };
    }
    if (held === undefined) return { ok: true, size: checkpoint.size, root: checkpoint.root };
    const extension = checkExtension(verdict.tree, checkpoint.size, held, vkey);
    if (!extension.ok) return { ok: false, reason: extension.reason, detail: extension.detail };
    return { ok: true, size: checkpoint.size, root: checkpoint.root, extends: { size: extension.size, root: extension.root } };
  } finally {
    bar?.stop();
    await store.close();
  }
}

/**
 * `suyuan restore --from URL`: brings back the events a store lacks (after a
 * restore from an older copy, or into an empty store) from a read-only node
 * or follower over its log routes. Appends them only after verifying every
 * hash and `prev` link, that they continue the local signed log, and that
 * the remote checkpoint, signed by the log key, covers the result; the data
 * directory's signed-checkpoint file must be covered too. Exit 1 when any
 * check fails (nothing is written then).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { eventBody } from '../hash/index.js';
import { openStore } from '../store/index.js';
import {
  RemoteLog,
  SIGNED_CHECKPOINT_FILE,
  fetchVerifiedTail,
  readCheckpointFile,
  resolveVerifierKey,
  type TailFailureReason,
} from '../verify/index.js';
import { selectStore, type StoreSelection } from './storeSelection.js';

export interface RestoreOptions extends StoreSelection {
  /** The node's base URL. */
  readonly from: string;
  /** An admin, auditor or subscriber key of that node. */
  readonly key?: string;
  readonly vkey?: string;
}

export type RestoreResult =
  | { readonly ok: true; readonly from: number; readonly restored: number; readonly size: number; readonly root: string }
  | { readonly ok: false; readonly reason: TailFailureReason | 'position-conflict'; readonly detail: string; readonly position?: number };

/** restoreTail fetches, verifies and appends the missing tail. */
export async function restoreTail(options: RestoreOptions): Promise<RestoreResult> {
  const config = selectStore(options);
  const vkey = resolveVerifierKey({ vkey: options.vkey, dataDir: config.dataDir });
  const kept = readCheckpointFile(join(config.dataDir, SIGNED_CHECKPOINT_FILE));
  if (!config.storeUrl.includes('://')) mkdirSync(config.dataDir, { recursive: true });
  const store = await openStore(config.storeUrl, { role: 'writer' });
  try {
    const remote = new RemoteLog({ url: options.from, key: options.key });
    const tail = await fetchVerifiedTail({ store, remote, vkey, pins: kept === undefined ? [] : [kept] });
    if (!tail.ok) return tail;
    const { checkpoint, events } = tail;
    if (events.length > 0) {
      // The bodies are the hashed text itself, so nothing the hash does not cover is stored.
      const result = await store.appendBatch({ events, bodies: events.map(eventBody), checkpoint, idempotency: [] });
      if (!result.ok) {
        return {
          ok: false,
          reason: 'position-conflict',
          detail: `the store grew to ${result.actual} events meanwhile; is a writer running?`,
        };
      }
    }
    return { ok: true, from: tail.from, restored: events.length, size: checkpoint.size, root: checkpoint.root };
  } finally {
    await store.close();
  }
}

export function registerRestoreCommand(program: Command): void {
  program
    .command('restore')
    .description('fetch the events this store lacks from a read-only node or follower, verify them against the log key, append them')
    .requiredOption('--from <url>', "the node's base URL, e.g. http://reader:3000")
    .option('--key <key>', 'an admin, auditor or subscriber API key of that node (GET /v1/log/events needs one)')
    .option('--data <dir>', 'data directory of the embedded (sqlite) store')
    .option('--database-url <url>', 'PostgreSQL URL of the server store')
    .option('--vkey <vkey>', "the log's public key, or @file (default: SUYUAN_LOG_VKEY, SUYUAN_LOG_KEY or the data directory)")
    .action(async (options: RestoreOptions) => {
      if (options.data && options.databaseUrl) program.error('give --data or --database-url, not both');
      const result = await restoreTail(options);
      if (!result.ok) {
        const at = result.position === undefined ? '' : ` at position ${result.position}`;
        console.error(`FAILED${at}: ${result.detail} (${result.reason}); nothing was restored`);
        process.exitCode = 1;
      } else if (result.restored === 0) {
        console.log(`nothing to restore: the store already holds the remote signed log (size ${result.size})`);
      } else {
        console.log(
          `restored ${result.restored} events (positions ${result.from}–${result.size - 1}) from ${options.from}; ` +
            `the log is signed at size ${result.size}, root ${result.root}`,
        );
      }
    });
}

/**
 * `suyuan repair --drop-unsigned`: removes the events a store holds past its
 * latest signed checkpoint, after printing each (position, type, hash). The
 * writer refuses to start on such a tail (UnsignedTail) and never signs it;
 * this is the way back to a log it will open. Exit 1 when the signed part
 * of the log does not verify (nothing is dropped then).
 */
import type { Command } from 'commander';
import { openStore } from '../store/index.js';
import { findUnsignedTail, resolveVerifierKey, type StoreFailure, type UnsignedEvent } from '../verify/index.js';
import { requireExistingLog, selectStore, type StoreSelection } from './storeSelection.js';

export interface RepairOptions extends StoreSelection {
  readonly vkey?: string;
}

export type RepairResult = { readonly ok: true; readonly signedSize: number; readonly dropped: readonly UnsignedEvent[] } | StoreFailure;

/** dropUnsignedTail lists the unsigned tail through `report`, then drops it. */
export async function dropUnsignedTail(options: RepairOptions, report: (event: UnsignedEvent) => void): Promise<RepairResult> {
  const config = selectStore(options);
  const vkey = resolveVerifierKey({ vkey: options.vkey, dataDir: config.dataDir });
  requireExistingLog(config);
  // As the writer: on PostgreSQL this takes the writer lock, so a running writer makes the repair fail fast.
  const store = await openStore(config.storeUrl, { role: 'writer' });
  try {
    const tail = await findUnsignedTail(store, vkey);
    if (!tail.ok) return tail;
    if (tail.events.length === 0) return { ok: true, signedSize: tail.signedSize, dropped: [] };
    if (!store.dropFrom) throw new Error(`the ${store.kind} store cannot drop events`);
    for (const event of tail.events) report(event);
    await store.dropFrom(tail.signedSize);
    return { ok: true, signedSize: tail.signedSize, dropped: tail.events };
  } finally {
    await store.close();
  }
}

const describeEvent = (event: UnsignedEvent): string =>
  event.error === undefined
    ? `drop position ${event.position}  ${event.type}  ${event.hash}`
    : `drop position ${event.position}  (undecodable: ${event.error})`;

export function registerRepairCommand(program: Command): void {
  program
    .command('repair')
    .description('repair a stored log the writer refuses to open')
    .option('--drop-unsigned', 'print and remove the events past the latest signed checkpoint (UnsignedTail)')
    .option('--data <dir>', 'data directory of the embedded (sqlite) store')
    .option('--database-url <url>', 'PostgreSQL URL of the server store')
    .option('--vkey <vkey>', "the log's public key, or @file (default: SUYUAN_LOG_VKEY, SUYUAN_LOG_KEY or the data directory)")
    .action(async (options: RepairOptions & { dropUnsigned?: boolean }) => {
      if (options.data && options.databaseUrl) program.error('give --data or --database-url, not both');
      if (!options.dropUnsigned) program.error('say what to repair: --drop-unsigned');
      const result = await dropUnsignedTail(options, (event) => console.log(describeEvent(event)));
      if (!result.ok) {
        console.error(`FAILED at position ${result.position}: ${result.detail} (${result.reason}); nothing was dropped`);
        process.exitCode = 1;
      } else if (result.dropped.length === 0) {
        console.log(`nothing to drop: every stored event is signed (size ${result.signedSize})`);
      } else {
        console.log(`dropped ${result.dropped.length} unsigned events; the log ends at its signed size ${result.signedSize}`);
      }
    });
}

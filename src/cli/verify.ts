import { existsSync } from 'node:fs';
import { openStore, type EventStore } from '../store/index.js';
import { resolveVerifierKey, verifyStore, type StoreFailure } from '../verify/index.js';
import { storeConfig } from '../config.js';
import { progressBar } from '../progress.js';

export interface VerifyOptions {
  readonly data?: string;
  readonly databaseUrl?: string;
  /** The log's public key, or @file; by default SUYUAN_LOG_VKEY, or derived from SUYUAN_LOG_KEY or the data directory's key file. */
  readonly vkey?: string;
}

export type VerifyResult = { ok: true; size: number; root: string } | StoreFailure;

/** verifyStoredLog opens the configured store and verifies the whole log against its latest signed checkpoint. */
export async function verifyStoredLog(options: VerifyOptions): Promise<VerifyResult> {
  const config = storeConfig({
    ...(options.data !== undefined ? { dataDir: options.data } : {}),
    ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
  });
  const vkey = resolveVerifierKey({ vkey: options.vkey, dataDir: config.dataDir });
  if (!config.storeUrl.includes('://') && !existsSync(config.storeUrl)) throw new Error(`no log at ${config.storeUrl}`);
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
    return { ok: true, size: checkpoint.size, root: checkpoint.root };
  } finally {
    bar?.stop();
    await store.close();
  }
}

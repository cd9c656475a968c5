import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LogVerifier, verifierKeyFor } from '../hash/index.js';
import { openStore, type EventStore, type SealedEvent } from '../store/index.js';
import { storeConfig } from '../config.js';
import { progressBar } from '../progress.js';

export interface VerifyOptions {
  readonly data?: string;
  readonly databaseUrl?: string;
  /** The log's public key; by default read from SUYUAN_LOG_KEY or the data directory's key file. */
  readonly vkey?: string;
}

export type VerifyResult = { ok: true; size: number; root: string } | { ok: false; position: number; reason: string };

const CHUNK = 10_000;

/** verifyStoredLog streams the whole stored log through LogVerifier and checks the latest signed checkpoint. */
export async function verifyStoredLog(options: VerifyOptions): Promise<VerifyResult> {
  const config = storeConfig({
    ...(options.data !== undefined ? { dataDir: options.data } : {}),
    ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
  });
  const vkey = options.vkey ?? vkeyFrom(config.dataDir);
  if (!config.storeUrl.includes('://') && !existsSync(config.storeUrl)) throw new Error(`no log at ${config.storeUrl}`);
  const store: EventStore = await openStore(config.storeUrl, { role: 'reader' });
  try {
    const head = await store.head();
    if (!head.checkpoint) return { ok: false, position: 0, reason: 'the store holds no signed checkpoint' };
    const bar = progressBar('verifying', head.size);
    const verifier = new LogVerifier();
    try {
      for (let from = 0; from < head.size; ) {
        let events: SealedEvent[];
        try {
          events = await store.readFrom(from, CHUNK);
        } catch (error) {
          return { ok: false, position: (error as { position?: number }).position ?? from, reason: (error as Error).message };
        }
        if (events.length === 0) return { ok: false, position: from, reason: 'events are missing' };
        for (const event of events) if (!verifier.push(event)) return verifier.failed as VerifyResult;
        from += events.length;
        bar.update(from);
      }
    } finally {
      bar.stop();
    }
    return verifier.finish(head.checkpoint.note, vkey);
  } finally {
    await store.close();
  }
}

function vkeyFrom(dataDir: string): string {
  const fromEnv = process.env.SUYUAN_LOG_KEY?.trim();
  if (fromEnv) return verifierKeyFor(fromEnv);
  const file = join(dataDir, 'log.key');
  if (!existsSync(file)) throw new Error(`no log key: pass --vkey, set SUYUAN_LOG_KEY, or point --data at a directory with log.key`);
  return verifierKeyFor(readFileSync(file, 'utf8').trim());
}

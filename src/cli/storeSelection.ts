import { existsSync } from 'node:fs';
import { storeConfig, type StoreConfig } from '../config.js';

/** StoreSelection: the `--data DIR` / `--database-url URL` pair every store command takes. */
export interface StoreSelection {
  readonly data?: string;
  readonly databaseUrl?: string;
}

/** selectStore resolves the selection (else SUYUAN_DATA_DIR / DATABASE_URL) to a data directory and store URL. */
export function selectStore(options: StoreSelection): StoreConfig {
  return storeConfig({
    ...(options.data !== undefined ? { dataDir: options.data } : {}),
    ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
  });
}

/** requireExistingLog throws when an embedded store's file is missing, rather than creating an empty log to inspect. */
export function requireExistingLog(config: StoreConfig): void {
  if (!config.storeUrl.includes('://') && !existsSync(config.storeUrl)) throw new Error(`no log at ${config.storeUrl}`);
}

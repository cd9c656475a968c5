import { join, resolve } from 'node:path';

/** Where the service keeps its data and which store it uses, from the environment. */
export interface StoreConfig {
  /** Directory for the sqlite file, the log key, snapshots. */
  readonly dataDir: string;
  /** A store URL for openStore: postgres://… when DATABASE_URL is set, else the sqlite file. */
  readonly storeUrl: string;
}

export const SQLITE_FILE = 'suyuan.db';

export function storeConfig(options: { dataDir?: string; databaseUrl?: string } = {}, env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const dataDir = resolve(options.dataDir ?? env.SUYUAN_DATA_DIR ?? './data');
  const databaseUrl = options.databaseUrl ?? (options.dataDir ? undefined : env.DATABASE_URL);
  return { dataDir, storeUrl: databaseUrl || join(dataDir, SQLITE_FILE) };
}

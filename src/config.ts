import { isIP } from 'node:net';
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

/** Values of SUYUAN_TRUST_PROXY that would believe X-Forwarded-For from anyone. */
const TRUST_EVERYTHING = new Set(['1', 'true', 'yes', '*', 'all', '0.0.0.0/0', '::/0']);

/**
 * trustedProxies parses SUYUAN_TRUST_PROXY: a comma-separated list of the
 * reverse proxies' addresses or CIDR ranges (e.g. "127.0.0.1, 10.1.0.0/16").
 * Trusting every hop would let any client forge its address and so escape
 * every per-client limit: such values are refused, naming the variable.
 */
export function trustedProxies(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  const entries = value.split(',').map((entry) => entry.trim().toLowerCase());
  const everything = entries.find((entry) => TRUST_EVERYTHING.has(entry));
  if (everything !== undefined) {
    throw new Error(`SUYUAN_TRUST_PROXY="${value}" would trust every client; list the proxies' addresses instead (e.g. 127.0.0.1)`);
  }
  const bad = entries.find((entry) => !isAddressOrRange(entry));
  if (bad !== undefined) throw new Error(`SUYUAN_TRUST_PROXY: "${bad}" is not an IP address or CIDR range`);
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

export const DEFAULT_TRACE_WINDOW_DAYS = 180;

/**
 * traceWindowDays parses SUYUAN_TRACE_WINDOW_DAYS: the days of activity that
 * keep an operator "under trace management" (追溯挂钩; default 180).
 */
export function traceWindowDays(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.SUYUAN_TRACE_WINDOW_DAYS?.trim();
  if (text === undefined || text === '') return DEFAULT_TRACE_WINDOW_DAYS;
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1 || days > 3660) {
    throw new Error(`SUYUAN_TRACE_WINDOW_DAYS must be a whole number of days from 1 to 3660, not ${text}`);
  }
  return days;
}

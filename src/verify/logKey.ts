/**
 * Where the log's key is found, written once: the writer (src/ledger's
 * loadLogKey) signs with it, the CLI, read-only nodes and tests verify with
 * its public half.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifierKeyFor } from '../hash/index.js';

/** LOG_KEY_FILE is the signing key's file name in the data directory. */
export const LOG_KEY_FILE = 'log.key';

export interface LogKeySources {
  /** The data directory that may hold LOG_KEY_FILE. */
  readonly dataDir?: string | undefined;
  /** Default process.env. */
  readonly env?: NodeJS.ProcessEnv | undefined;
}

/**
 * readSigningKey returns the log's signing key (an skey) as configured:
 * SUYUAN_LOG_KEY if set, else the contents of `<dataDir>/log.key` if that
 * file exists, else undefined (the writer then makes one).
 */
export function readSigningKey(sources: LogKeySources = {}): string | undefined {
  const fromEnv = (sources.env ?? process.env).SUYUAN_LOG_KEY?.trim();
  if (fromEnv) return fromEnv;
  if (!sources.dataDir) return undefined;
  const file = join(sources.dataDir, LOG_KEY_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/**
 * resolveVerifierKey returns the log's public key (a vkey): `vkey` when
 * given (the key itself, or `@file` to read it from a file), else
 * SUYUAN_LOG_VKEY, else the public half of the signing key readSigningKey
 * finds. Throws when there is none. The key is not parsed here: a key that
 * is not one fails verification, which says so.
 */
export function resolveVerifierKey(options: LogKeySources & { readonly vkey?: string | undefined } = {}): string {
  if (options.vkey !== undefined)
    return options.vkey.startsWith('@') ? readFileSync(options.vkey.slice(1), 'utf8').trim() : options.vkey.trim();
  const fromEnv = (options.env ?? process.env).SUYUAN_LOG_VKEY?.trim();
  if (fromEnv) return fromEnv;
  const skey = readSigningKey(options);
  if (skey === undefined) throw new Error('no log key: pass --vkey, set SUYUAN_LOG_KEY, or point --data at a directory with log.key');
  return verifierKeyFor(skey);
}

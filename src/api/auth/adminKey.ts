/**
 * The bootstrap admin: SUYUAN_ADMIN_KEY, or a key made at first start and
 * printed once. Only its digest stays in the data directory, so the key is
 * unrecoverable from the server; set SUYUAN_ADMIN_KEY to replace a lost one.
 * With `create: false` (a read-only node) nothing is made: no file, no admin.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSha256Hex } from '../../hash/index.js';
import { keyDigest, newApiKey } from './keys.js';

export const ADMIN_DIGEST_FILE = 'admin-key.sha256';

export interface AdminKey {
  readonly digest: string;
  /** The key, when this call made it: print it once, it is not kept. */
  readonly created?: string;
}

export function resolveAdminKey(options: { dataDir?: string; env?: NodeJS.ProcessEnv; create?: boolean } = {}): AdminKey | undefined {
  const env = options.env ?? process.env;
  const fromEnv = env.SUYUAN_ADMIN_KEY?.trim();
  if (fromEnv) {
    if (fromEnv.length < 16) throw new Error('SUYUAN_ADMIN_KEY must have at least 16 characters');
    return { digest: keyDigest(fromEnv) };
  }
  if (options.create === false && !(options.dataDir && existsSync(join(options.dataDir, ADMIN_DIGEST_FILE)))) return undefined;
  if (!options.dataDir) {
    const created = newApiKey();
    return { digest: keyDigest(created), created };
  }
  const file = join(options.dataDir, ADMIN_DIGEST_FILE);
  if (existsSync(file)) {
    const digest = readFileSync(file, 'utf8').trim();
    if (!isSha256Hex(digest)) throw new Error(`${file} does not hold a SHA-256 digest`);
    return { digest };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const created = newApiKey();
  writeFileSync(file, `${keyDigest(created)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { digest: keyDigest(created), created };
}

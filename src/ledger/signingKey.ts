import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKey, parseSignerKey, verifierKeyFor } from '../hash/index.js';
import { LOG_KEY_FILE, readSigningKey } from '../verify/index.js';

export interface LogKey {
  /** The checkpoint origin line; also the signing key's name. */
  readonly origin: string;
  readonly skey: string;
  readonly vkey: string;
}

export const DEFAULT_ORIGIN = 'suyuan.local/log';

/**
 * loadLogKey finds the log's signing key: SUYUAN_LOG_KEY (an skey) if set,
 * else `<dataDir>/log.key` (both read by src/verify's readSigningKey, which
 * verifiers share), created here with mode 0600 on first start. The origin
 * comes from SUYUAN_ORIGIN (default suyuan.local/log) and must be the key's name:
 * a checkpoint's origin line and its signature name agree, as C2SP asks.
 * Without a dataDir (memory store, tests) a fresh key is made each time.
 */
export function loadLogKey(options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): LogKey {
  const env = options.env ?? process.env;
  const skey = readSigningKey({ dataDir: options.dataDir, env }) ?? createKey(env, options.dataDir);
  const signer = parseSignerKey(skey);
  const origin = env.SUYUAN_ORIGIN?.trim() || signer.name;
  if (origin !== signer.name) {
    throw new Error(`SUYUAN_ORIGIN is ${origin} but the log key is named ${signer.name}; they must agree`);
  }
  return { origin, skey, vkey: verifierKeyFor(skey) };
}

/** createKey makes a signing key named by SUYUAN_ORIGIN, kept in `<dataDir>/log.key` (mode 0600) when there is a dataDir. */
function createKey(env: NodeJS.ProcessEnv, dataDir: string | undefined): string {
  const skey = generateKey(env.SUYUAN_ORIGIN?.trim() || DEFAULT_ORIGIN).skey;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, LOG_KEY_FILE);
    writeFileSync(file, `${skey}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return skey;
}

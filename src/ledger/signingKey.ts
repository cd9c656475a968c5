import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKey, parseSignerKey, verifierKeyFor } from '../hash/index.js';

export interface LogKey {
  /** The checkpoint origin line; also the signing key's name. */
  readonly origin: string;
  readonly skey: string;
  readonly vkey: string;
}

export const DEFAULT_ORIGIN = 'suyuan.local/log';
const KEY_FILE = 'log.key';

/**
 * loadLogKey finds the log's signing key: SUYUAN_LOG_KEY (an skey) if set,
 * else `<dataDir>/log.key`, created with mode 0600 on first start. The origin
 * comes from SUYUAN_ORIGIN (default suyuan.local/log) and must be the key's name:
 * a checkpoint's origin line and its signature name agree, as C2SP asks.
 * Without a dataDir (memory store, tests) a fresh key is made each time.
 */
export function loadLogKey(options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): LogKey {
  const env = options.env ?? process.env;
  const fromEnv = env.SUYUAN_LOG_KEY?.trim();
  let skey: string;
  if (fromEnv) {
    skey = fromEnv;
  } else if (options.dataDir) {
    const file = join(options.dataDir, KEY_FILE);
    if (existsSync(file)) {
      skey = readFileSync(file, 'utf8').trim();
    } else {
      mkdirSync(options.dataDir, { recursive: true });
      skey = generateKey(env.SUYUAN_ORIGIN?.trim() || DEFAULT_ORIGIN).skey;
      writeFileSync(file, `${skey}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
    }
  } else {
    skey = generateKey(env.SUYUAN_ORIGIN?.trim() || DEFAULT_ORIGIN).skey;
  }
  const signer = parseSignerKey(skey);
  const origin = env.SUYUAN_ORIGIN?.trim() || signer.name;
  if (origin !== signer.name) {
    throw new Error(`SUYUAN_ORIGIN is ${origin} but the log key is named ${signer.name}; they must agree`);
  }
  return { origin, skey, vkey: verifierKeyFor(skey) };
}

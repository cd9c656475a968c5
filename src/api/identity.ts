/**
 * What the edge adds to commands because the domain is pure: fresh trace
 * codes, operator ids and regulators' record ids from a CSPRNG, and the keyed digest of a citizen ID
 * (HMAC-SHA-256 under a secret kept in the data directory, so digests cannot
 * be reversed by trying every ID number without it).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { generateTraceCode, type TraceCodeKind } from '../domain/index.js';

const SERIAL_SPACE = 100_000_000_000; // 11 digits

/** freshTraceCode: kind + issuer region + 11 CSPRNG digits + MOD 97-10 check digits. */
export function freshTraceCode(kind: TraceCodeKind, region: string): string {
  const serial = String(randomInt(0, SERIAL_SPACE)).padStart(11, '0');
  return generateTraceCode({ kind, region, serial });
}

const ID_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** freshOperatorId: an opaque id for a person (no citizen ID in it): "P" + region + 10 random characters. */
export function freshOperatorId(region: string): string {
  let tail = '';
  for (let i = 0; i < 10; i++) tail += ID_ALPHABET[randomInt(0, ID_ALPHABET.length)];
  return `P${region}${tail}`;
}

/** The prefixes of the ids a regulator's records get: inspection, sampling task, sample, case. */
export type RecordIdPrefix = 'INS' | 'TSK' | 'SMP' | 'CAS';

/** freshRecordId: the id of a new inspection, task, sample or case: its prefix + 12 CSPRNG characters (≈ 59 bits). */
export function freshRecordId(prefix: RecordIdPrefix): string {
  let tail = '';
  for (let i = 0; i < 12; i++) tail += ID_ALPHABET[randomInt(0, ID_ALPHABET.length)];
  return `${prefix}${tail}`;
}

export const CITIZEN_SECRET_FILE = 'citizen-id.secret';

/** loadCitizenIdSecret: SUYUAN_CITIZEN_ID_SECRET, else `<dataDir>/citizen-id.secret` (made at first start, mode 0600). */
export function loadCitizenIdSecret(options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): Buffer {
  const fromEnv = (options.env ?? process.env).SUYUAN_CITIZEN_ID_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('SUYUAN_CITIZEN_ID_SECRET must have at least 32 characters');
    return Buffer.from(fromEnv, 'utf8');
  }
  if (!options.dataDir) return randomBytes(32);
  const file = join(options.dataDir, CITIZEN_SECRET_FILE);
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(options.dataDir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, `${secret.toString('hex')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

export function citizenIdDigest(secret: Buffer, citizenId: string): string {
  return createHmac('sha256', secret).update(citizenId, 'utf8').digest('hex');
}

/** API keys: 256 random bits as text; only SHA-256 digests of them are ever stored. */
import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'sy_';

/** newApiKey returns a fresh key: "sy_" and 32 CSPRNG bytes in base64url (46 characters). */
export function newApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** keyDigest is SHA-256 (hex) of the key text as the client presents it. */
export function keyDigest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A Bearer token we could have issued: printable, no spaces, 16 to 256 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9._~+/=-]{16,256}$/;

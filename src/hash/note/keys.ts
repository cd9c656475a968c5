import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { sha256 } from '../merkle/hasher.js';

/**
 * Signed-note keys in the text formats of C2SP signed-note and
 * golang.org/x/mod/sumdb/note:
 *   vkey: <name>+<hex key id>+base64(0x01 ‖ 32-byte Ed25519 public key)
 *   skey: PRIVATE+KEY+<name>+<hex key id>+base64(0x01 ‖ 32-byte Ed25519 seed)
 * key id = SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)[:4], big-endian.
 */

export const ED25519 = 0x01;

// DER prefixes that wrap a raw 32-byte Ed25519 seed (PKCS #8) or public key (SPKI),
// since node:crypto imports raw Ed25519 keys only through DER or JWK.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface Verifier {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: KeyObject;
}

export interface Signer {
  readonly name: string;
  readonly keyId: number;
  readonly privateKey: KeyObject;
}

export class NoteKeyError extends Error {
  override name = 'NoteKeyError';
}

/** isValidKeyName: non-empty, no Unicode white space, no '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && name.isWellFormed();
}

/** keyId computes the 32-bit key id of an Ed25519 public key under a name. */
export function keyId(name: string, publicKey: Uint8Array): number {
  const input = Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([ED25519]), publicKey]);
  return Buffer.from(sha256(input)).readUInt32BE(0);
}

/** parseVerifierKey reads a vkey. Splits on the first two '+' only: base64 may contain '+'. */
export function parseVerifierKey(vkey: string): Verifier {
  const [name, idHex, material] = splitKey(vkey, 'verifier key');
  const bytes = decodeBase64(material, 'verifier key');
  if (bytes.length !== 33 || bytes[0] !== ED25519) throw new NoteKeyError('verifier key is not an Ed25519 key (type 0x01, 32 bytes)');
  const raw = bytes.subarray(1);
  const id = parseKeyId(idHex);
  if (keyId(name, raw) !== id) throw new NoteKeyError(`verifier key id ${idHex} does not match its name and key`);
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  return { name, keyId: id, publicKey };
}

/** parseSignerKey reads an skey ("PRIVATE+KEY+…"). */
export function parseSignerKey(skey: string): Signer {
  const prefix = 'PRIVATE+KEY+';
  if (!skey.startsWith(prefix)) throw new NoteKeyError('signer key must start with PRIVATE+KEY+');
  const [name, idHex, material] = splitKey(skey.slice(prefix.length), 'signer key');
  const bytes = decodeBase64(material, 'signer key');
  if (bytes.length !== 33 || bytes[0] !== ED25519) throw new NoteKeyError('signer key is not an Ed25519 key (type 0x01, 32 bytes)');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, bytes.subarray(1)]), format: 'der', type: 'pkcs8' });
  const id = parseKeyId(idHex);
  if (keyId(name, rawPublicKey(privateKey)) !== id) throw new NoteKeyError(`signer key id ${idHex} does not match its name and key`);
  return { name, keyId: id, privateKey };
}

/** generateKey makes a fresh Ed25519 key pair named `name` in skey/vkey text form. */
export function generateKey(name: string): { skey: string; vkey: string } {
  if (!isValidKeyName(name)) throw new NoteKeyError(`key name ${JSON.stringify(name)} is empty or has a space or '+'`);
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = (privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).subarray(PKCS8_PREFIX.length);
  return {
    skey: `PRIVATE+KEY+${name}+${hex8(keyId(name, rawPublicKey(privateKey)))}+${base64Key(seed)}`,
    vkey: verifierKeyOf(name, rawPublicKey(privateKey)),
  };
}

/** verifierKeyFor returns the vkey text that matches an skey. */
export function verifierKeyFor(skey: string): string {
  const signer = parseSignerKey(skey);
  return verifierKeyOf(signer.name, rawPublicKey(signer.privateKey));
}

function verifierKeyOf(name: string, publicKey: Uint8Array): string {
  return `${name}+${hex8(keyId(name, publicKey))}+${base64Key(publicKey)}`;
}

function rawPublicKey(privateKey: KeyObject): Uint8Array {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }) as Buffer;
  return spki.subarray(SPKI_PREFIX.length);
}

function splitKey(text: string, what: string): [string, string, string] {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (first < 0 || second < 0) throw new NoteKeyError(`${what} must be name+keyid+key`);
  const name = text.slice(0, first);
  if (!isValidKeyName(name)) throw new NoteKeyError(`${what} has an invalid name`);
  return [name, text.slice(first + 1, second), text.slice(second + 1)];
}

function parseKeyId(text: string): number {
  if (!/^[0-9a-f]{8}$/.test(text)) throw new NoteKeyError('key id must be 8 lower-case hex digits');
  return Number.parseInt(text, 16);
}

/** decodeBase64 accepts only canonical standard base64 (RFC 4648 §4), as Go's decoder does. */
export function decodeBase64(text: string, what: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) throw new NoteKeyError(`${what} is not valid base64`);
  return bytes;
}

function base64Key(raw: Uint8Array): string {
  return Buffer.concat([Buffer.from([ED25519]), raw]).toString('base64');
}

function hex8(id: number): string {
  return id.toString(16).padStart(8, '0');
}

/**
 * Witness cosignatures (C2SP tlog-cosignature, `cosignature/v1`, Ed25519): a cosigner's statement
 * that it verified a checkpoint consistent with every earlier one it saw. A cosignature is a note
 * signature line `— <cosigner name> base64(key id ‖ u64 timestamp ‖ signature)` over
 *   "cosignature/v1\n" ‖ "time <timestamp>\n" ‖ <the checkpoint's note text>,
 * with key id = SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key)[:4]. A Suyuan node cosigns with its
 * own log key: the same Ed25519 key, a different key id, so no signature can pass for the other.
 * Hand-written beside the signed-note code it extends; no maintained JS library implements it.
 */
import { createPublicKey, sign as ed25519Sign, verify as ed25519Verify, type KeyObject } from 'node:crypto';
import { sha256 } from '../merkle/hasher.js';
import { ED25519, decodeBase64, NoteKeyError, parseSignerKey } from './keys.js';
import { parseNote } from './note.js';

/** The signature type byte of an Ed25519 cosigner key (in its key id and vkey). */
export const COSIGNATURE_ED25519 = 0x04;
const HEADER = 'cosignature/v1\n';
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const EM_DASH_PREFIX = '\u2014 ';

export interface Cosigner {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: KeyObject;
  /** Its vkey in cosigner form (type 0x04). */
  readonly vkey: string;
}

export interface Cosignature {
  readonly name: string;
  /** POSIX seconds at which it was made. */
  readonly timestamp: number;
  /** The note signature line, without its newline. */
  readonly line: string;
}

/** cosignerKeyId: SHA-256(name ‖ "\n" ‖ 0x04 ‖ key)[:4] as a number. */
export function cosignerKeyId(name: string, publicKey: Uint8Array): number {
  const input = Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([COSIGNATURE_ED25519]), publicKey]);
  return Buffer.from(sha256(input)).readUInt32BE(0);
}

/**
 * parseCosigner reads a cosigner's vkey: either its cosigner form (type 0x04) or the signed-note
 * vkey of the same Ed25519 key (type 0x01, a Suyuan node's log vkey), whose key id is then
 * recomputed for cosignatures.
 */
export function parseCosigner(vkey: string): Cosigner {
  const first = vkey.indexOf('+');
  const second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
  if (first <= 0 || second < 0) throw new NoteKeyError('witness key must be name+keyid+key');
  const name = vkey.slice(0, first);
  const bytes = decodeBase64(vkey.slice(second + 1), 'witness key');
  if (bytes.length !== 33 || (bytes[0] !== ED25519 && bytes[0] !== COSIGNATURE_ED25519)) {
    throw new NoteKeyError('witness key is not an Ed25519 key (type 0x01 or 0x04, 32 bytes)');
  }
  const raw = bytes.subarray(1);
  const keyId = cosignerKeyId(name, raw);
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  const material = Buffer.concat([Buffer.from([COSIGNATURE_ED25519]), raw]).toString('base64');
  return { name, keyId, publicKey, vkey: `${name}+${keyId.toString(16).padStart(8, '0')}+${material}` };
}

/** cosignerVkey: the cosigner vkey (type 0x04) of a signer key. */
export function cosignerVkey(skey: string): string {
  const signer = parseSignerKey(skey);
  const spki = createPublicKey(signer.privateKey).export({ format: 'der', type: 'spki' }) as Buffer;
  const raw = spki.subarray(SPKI_PREFIX.length);
  return parseCosigner(`${signer.name}+00000000+${Buffer.concat([Buffer.from([ED25519]), raw]).toString('base64')}`).vkey;
}

const message = (text: string, timestamp: number): Buffer => Buffer.from(`${HEADER}time ${timestamp}\n${text}`, 'utf8');

/** cosign: the cosignature line of `skey`'s owner on the checkpoint whose note text is `text`, made at `timestamp` (POSIX seconds). */
export function cosign(text: string, skey: string, timestamp: number): Cosignature {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError('cosignature timestamp must be POSIX seconds');
  const signer = parseSignerKey(skey);
  const spki = createPublicKey(signer.privateKey).export({ format: 'der', type: 'spki' }) as Buffer;
  const keyId = cosignerKeyId(signer.name, spki.subarray(SPKI_PREFIX.length));
  const signature = ed25519Sign(null, message(text, timestamp), signer.privateKey);
  const head = Buffer.alloc(12);
  head.writeUInt32BE(keyId, 0);
  head.writeBigUInt64BE(BigInt(timestamp), 4);
  const line = `${EM_DASH_PREFIX}${signer.name} ${Buffer.concat([head, signature]).toString('base64')}`;
  return { name: signer.name, timestamp, line };
}

export type CosignatureVerdict =
  | { readonly ok: true; readonly cosignatures: readonly Cosignature[] }
  | { readonly ok: false; readonly detail: string };

/**
 * checkCosignatures: the cosignatures in `note` by the given cosigners that verify over its
 * text. A line by a configured cosigner that does not verify fails the whole note; lines by
 * others (the log's own signature, unknown witnesses) are ignored. Never throws.
 */
export function checkCosignatures(note: string, cosigners: readonly Cosigner[]): CosignatureVerdict {
  let parsed: ReturnType<typeof parseNote>;
  try {
    parsed = parseNote(note);
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
  const lines = note.slice(parsed.text.length + 1).split('\n');
  const found: Cosignature[] = [];
  for (const [index, signature] of parsed.signatures.entries()) {
    const cosigner = cosigners.find((candidate) => candidate.name === signature.name && candidate.keyId === signature.keyId);
    if (!cosigner) continue;
    if (signature.signature.length !== 8 + 64)
      return { ok: false, detail: `cosignature by ${signature.name} is not a timestamped Ed25519 signature` };
    const bytes = Buffer.from(signature.signature);
    const timestamp = Number(bytes.readBigUInt64BE(0));
    if (!ed25519Verify(null, message(parsed.text, timestamp), cosigner.publicKey, bytes.subarray(8))) {
      return { ok: false, detail: `cosignature by ${signature.name} does not verify` };
    }
    if (!found.some((known) => known.name === cosigner.name)) found.push({ name: cosigner.name, timestamp, line: lines[index]! });
  }
  return { ok: true, cosignatures: found };
}

/** withCosignatures: `note` with the given signature lines added (each once). */
export function withCosignatures(note: string, lines: readonly string[]): string {
  const present = new Set(note.split('\n'));
  const added = lines.filter((line) => !present.has(line));
  return added.length === 0 ? note : `${note}${added.join('\n')}\n`;
}

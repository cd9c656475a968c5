import { sign as ed25519Sign, verify as ed25519Verify } from 'node:crypto';
import { decodeBase64, parseSignerKey, parseVerifierKey, type Signer, type Verifier } from './keys.js';

/**
 * Signed notes (C2SP signed-note): a text ending in a newline, a blank line,
 * then lines "— <key name> base64(key id ‖ signature)".
 */

const EM_DASH_PREFIX = '\u2014 ';
const MAX_SIGNATURES = 100;

export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  readonly signature: Uint8Array;
}

export interface ParsedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

// A log signs a checkpoint per batch with the same key: parse it once.
const signers = new Map<string, Signer>();

/** signNote signs `text` (which must end in a newline) with the skey and returns the signed note. */
export function signNote(text: string, skey: string): string {
  checkText(text);
  let signer = signers.get(skey);
  if (!signer) {
    signer = parseSignerKey(skey);
    if (signers.size > 16) signers.clear();
    signers.set(skey, signer);
  }
  const signature = ed25519Sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
  const id = Buffer.alloc(4);
  id.writeUInt32BE(signer.keyId);
  return `${text}\n${EM_DASH_PREFIX}${signer.name} ${Buffer.concat([id, signature]).toString('base64')}\n`;
}

/** parseNote splits a signed note into its text and signature lines; it verifies nothing. */
export function parseNote(note: string): ParsedNote {
  if (typeof note !== 'string' || !note.isWellFormed()) throw new Error('note is not valid UTF-8 text');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: signed notes forbid exactly these control characters (C2SP signed-note)
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw new Error('note contains a control character');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) throw new Error('note signatures must end in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new Error(`note has more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line) => {
    if (!line.startsWith(EM_DASH_PREFIX)) throw new Error('signature line must start with an em dash and a space');
    const rest = line.slice(EM_DASH_PREFIX.length);
    const space = rest.indexOf(' ');
    if (space <= 0) throw new Error('signature line must be "— name signature"');
    const name = rest.slice(0, space);
    const bytes = decodeBase64(rest.slice(space + 1), 'signature');
    if (bytes.length < 5 || /[\s+]/u.test(name)) throw new Error('malformed signature line');
    return { name, keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
  });
  return { text, signatures };
}

/**
 * NoteFailureReason: a vkey that is not one ('bad-key'), a note that does not
 * parse ('malformed'), a trusted key's signature that does not verify
 * ('bad-signature'), or no signature by a trusted key ('no-trusted-signature').
 */
export type NoteFailureReason = 'bad-key' | 'malformed' | 'bad-signature' | 'no-trusted-signature';

export type NoteVerdict =
  | { readonly ok: true; readonly text: string; readonly verifiedBy: readonly string[] }
  | { readonly ok: false; readonly reason: NoteFailureReason; readonly detail: string };

/**
 * checkNote parses and verifies a note against trusted vkeys: its text and
 * the names of the keys that verified, or why not. Signatures by unknown
 * keys are ignored; a known key's bad signature, or no verified signature at
 * all, fails. Never throws.
 */
export function checkNote(note: string, vkeys: readonly string[]): NoteVerdict {
  let verifiers: Verifier[];
  try {
    verifiers = vkeys.map(parseVerifierKey);
  } catch (error) {
    return { ok: false, reason: 'bad-key', detail: (error as Error).message };
  }
  return checkWith(note, verifiers);
}

/**
 * openNote is checkNote for callers that stop on failure: it returns the
 * note's text and verifying key names, and throws (a NoteKeyError for a bad
 * vkey, else an Error saying why) when the note does not verify.
 */
export function openNote(note: string, vkeys: readonly string[]): { text: string; verifiedBy: string[] } {
  const verdict = checkWith(note, vkeys.map(parseVerifierKey));
  if (!verdict.ok) throw new Error(verdict.detail);
  return { text: verdict.text, verifiedBy: [...verdict.verifiedBy] };
}

/** verifyNote reports whether the note carries a valid signature by one of vkeys and no bad one. Never throws. */
export function verifyNote(note: string, vkeys: readonly string[]): boolean {
  return checkNote(note, vkeys).ok;
}

function checkWith(note: string, verifiers: readonly Verifier[]): NoteVerdict {
  let parsed: ParsedNote;
  try {
    parsed = parseNote(note);
  } catch (error) {
    return { ok: false, reason: 'malformed', detail: (error as Error).message };
  }
  const message = Buffer.from(parsed.text, 'utf8');
  const verifiedBy: string[] = [];
  for (const sig of parsed.signatures) {
    const key = verifiers.find((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (!key) continue;
    if (!ed25519Verify(null, message, key.publicKey, sig.signature)) {
      return { ok: false, reason: 'bad-signature', detail: `signature by ${sig.name} does not verify` };
    }
    verifiedBy.push(sig.name);
  }
  if (verifiedBy.length === 0)
    return { ok: false, reason: 'no-trusted-signature', detail: 'note has no verified signature from a trusted key' };
  return { ok: true, text: parsed.text, verifiedBy };
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new Error('note text must end in a newline');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: signed notes forbid exactly these control characters (C2SP signed-note)
  if (!text.isWellFormed() || /[\u0000-\u0009\u000b-\u001f]/.test(text)) {
    throw new Error('note text must be UTF-8 without control characters other than newline');
  }
}

import { HASH_SIZE } from './merkle/hasher.js';
import { decodeBase64 } from './note/keys.js';

/**
 * Checkpoint is the body of a C2SP tlog-checkpoint: the log's origin line,
 * its size in decimal and its root hash in base64, each ending in a newline,
 * optionally followed by extension lines.
 */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
  readonly extensions?: readonly string[];
}

/** formatCheckpoint returns the checkpoint body text, ready to be signed. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  if (checkpoint.origin.length === 0 || checkpoint.origin.includes('\n')) throw new Error('checkpoint origin must be one non-empty line');
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0) throw new Error('checkpoint size must be a non-negative integer');
  if (checkpoint.root.length !== HASH_SIZE) throw new Error('checkpoint root must be 32 bytes');
  const extensions = (checkpoint.extensions ?? []).map((line) => `${line}\n`).join('');
  return `${checkpoint.origin}\n${checkpoint.size}\n${Buffer.from(checkpoint.root).toString('base64')}\n${extensions}`;
}

/** parseCheckpoint reads a checkpoint body (the text of a signed note). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new Error('checkpoint must end in a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (!origin) throw new Error('checkpoint has no origin line');
  if (sizeText === undefined || !/^(0|[1-9][0-9]*)$/.test(sizeText))
    throw new Error('checkpoint size must be a decimal number without leading zeros');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new Error('checkpoint size is too large');
  if (rootText === undefined) throw new Error('checkpoint has no root hash line');
  const root = decodeBase64(rootText, 'checkpoint root');
  if (root.length !== HASH_SIZE) throw new Error('checkpoint root must be 32 bytes');
  if (extensions.some((line) => line.length === 0)) throw new Error('checkpoint extension lines must not be empty');
  return { origin, size, root: new Uint8Array(root), extensions };
}

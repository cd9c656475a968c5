import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared known-answer vectors live beside the repository, in ../shared/vectors. */
export const vectorsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/vectors');

export function readVector(...parts: string[]): string {
  return readFileSync(join(vectorsDir, ...parts), 'utf8');
}

export function readVectorBytes(...parts: string[]): Buffer {
  return readFileSync(join(vectorsDir, ...parts));
}

export function listVectors(...parts: string[]): string[] {
  return readdirSync(join(vectorsDir, ...parts)).sort();
}

export const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
export const toHexString = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

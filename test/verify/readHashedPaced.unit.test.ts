/**
 * readHashedPaced (src/verify/prefix.ts): a background pass reads a snapshot or saved prefix
 * without blocking and hashes it in 4 MiB slices; the digest is the one-shot digest of the bytes
 * after the skipped header, at and around slice edges, and a missing file or a closing node says so.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHashedPaced } from '../../src/verify/index.js';

const dir = mkdtempSync(join(tmpdir(), 'suyuan-paced-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MIB = 1024 * 1024;

describe('readHashedPaced', () => {
  it('gives the one-shot digest of everything after the header, whatever the size', async () => {
    for (const size of [0, 31, 32, 33, 4 * MIB + 32, 4 * MIB + 33, 8 * MIB + 7]) {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i += 4093) bytes[i] = (i * 7) & 0xff;
      const file = join(dir, `f-${size}`);
      writeFileSync(file, bytes);
      const read = await readHashedPaced(file, 32, () => createHash('sha256'), { signal: new AbortController().signal, share: 1 });
      if ('refused' in read) throw new Error(read.refused);
      expect(read.bytes.equals(bytes)).toBe(true);
      expect(read.digest.toString('hex')).toBe(createHash('sha256').update(bytes.subarray(32)).digest('hex'));
    }
  });

  it('says a file is missing, and stops when the node closes', async () => {
    const signal = new AbortController().signal;
    expect(await readHashedPaced(join(dir, 'none'), 32, () => createHash('sha256'), { signal })).toEqual({ refused: 'missing' });
    const file = join(dir, 'big');
    writeFileSync(file, Buffer.alloc(9 * MIB));
    const closing = new AbortController();
    const reading = readHashedPaced(file, 32, () => createHash('sha256'), { signal: closing.signal });
    closing.abort();
    await expect(reading).rejects.toThrow();
  });
});

/**
 * Snapshot files in a directory: `<dir>/<projection>.snapshot`. A save writes
 * a temporary file, flushes it to disk and renames it over the old one, so a
 * crash leaves either the old snapshot or the new one, never half of one.
 * Writes are asynchronous: queries go on being answered while a large
 * snapshot is written.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SnapshotImage } from '../projection.js';
import { decodeSnapshot, encodeSnapshot } from './codec.js';

export const snapshotPath = (dir: string, name: string): string => join(dir, `${name}.snapshot`);

/**
 * writeSnapshot writes the image to `<dir>/<name>.snapshot` atomically and
 * durably; returns the bytes written. The image's arrays are views of live
 * state: apply nothing to the projection until the promise settles
 * (ProjectionRunner pauses applying while it saves).
 */
export async function writeSnapshot(dir: string, image: SnapshotImage): Promise<number> {
  await mkdir(dir, { recursive: true });
  const target = snapshotPath(dir, image.name);
  const temporary = `${target}.tmp-${process.pid}-${Date.now()}`;
  const parts = encodeSnapshot(image);
  let written = 0;
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      for (const part of parts) {
        for (let offset = 0; offset < part.byteLength; ) {
          const { bytesWritten } = await handle.write(part, offset, part.byteLength - offset);
          offset += bytesWritten;
        }
        written += part.byteLength;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(dir);
  return written;
}

/** readSnapshot loads a projection's snapshot, or undefined if there is none. Throws on a damaged file. */
export async function readSnapshot(dir: string, name: string): Promise<SnapshotImage | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(snapshotPath(dir, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return decodeSnapshot(bytes);
}

/** The rename is durable only once the directory entry is. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse to fsync a directory; the rename still happened.
  }
}

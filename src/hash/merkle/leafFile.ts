/**
 * LeafFile: where a MerkleTree with a leaf file (a long-lived node's, issue 17) writes the leaf
 * hashes of each complete chunk and reads them back. The tree checks everything it reads, so the
 * file needs no integrity of its own; it is derived data, made again by a full replay.
 */
import { closeSync, constants, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';

export interface LeafFile {
  /** write puts `bytes` at byte `offset` (the file grows as needed). */
  write(offset: number, bytes: Uint8Array): void;
  /** read fills `into` from byte `offset` and returns the bytes read (fewer at the end of the file). */
  read(offset: number, into: Uint8Array): number;
  /** length is the file's size in bytes. */
  length(): number;
  /** sync makes what was written durable. */
  sync(): void;
  close(): void;
}

/** openLeafFile opens (or creates) the leaf file at `path` for reading and writing, positionally. */
export function openLeafFile(path: string): LeafFile {
  // Read-write and created if missing, but not O_APPEND: positional writes must land where asked.
  const file = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
  let open = true;
  const opened = () => {
    if (!open) throw new Error(`the leaf file ${path} is closed`);
  };
  return {
    write(offset, bytes) {
      opened();
      let done = 0;
      while (done < bytes.length) done += writeSync(file, bytes, done, bytes.length - done, offset + done);
    },
    read(offset, into) {
      opened();
      let done = 0;
      while (done < into.length) {
        const got = readSync(file, into, done, into.length - done, offset + done);
        if (got === 0) break;
        done += got;
      }
      return done;
    },
    length: () => {
      opened();
      return fstatSync(file).size;
    },
    sync: () => {
      if (open) fsyncSync(file);
    },
    close() {
      if (open) closeSync(file);
      open = false;
    },
  };
}

/**
 * repairingLeaves: the leaf file of a tree rebuilt from the log (a background pass), which checks
 * each chunk it writes against `live`, the file a node serves from, and puts right one that
 * differs there (an edited or torn chunk would otherwise fail every proof that reads it) only if
 * `fits` says the log's chunk is the one the served tree vouches for: the pass has not verified
 * the log yet, and an edited log must not overwrite a good file. It writes nothing else and reads
 * nothing back: the rebuilt tree needs only its in-memory levels. `repaired` counts the chunks put
 * right.
 */
export function repairingLeaves(
  live: LeafFile,
  fits: (chunk: number, leafHashes: Uint8Array) => boolean,
): LeafFile & { readonly repaired: number } {
  let repaired = 0;
  let size = 0;
  let scratch = new Uint8Array(0);
  return {
    get repaired() {
      return repaired;
    },
    write(offset, bytes) {
      size = Math.max(size, offset + bytes.length);
      if (scratch.length !== bytes.length) scratch = new Uint8Array(bytes.length);
      const got = live.read(offset, scratch);
      if (got === bytes.length && Buffer.from(scratch.buffer, scratch.byteOffset, got).equals(bytes)) return;
      if (!fits(offset / bytes.length, bytes)) return;
      live.write(offset, bytes);
      repaired++;
    },
    read: () => 0,
    length: () => size,
    sync: () => live.sync(),
    close: () => live.close(),
  };
}

/**
 * The signed checkpoint a process keeps outside the store: the writer's
 * latest (so a store restored from an older copy is caught at start-up) or
 * an auditor's or follower's copy. The file holds one signed note.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

/** SIGNED_CHECKPOINT_FILE is the file's name in the data directory. */
export const SIGNED_CHECKPOINT_FILE = 'signed-checkpoint';

/** readCheckpointFile returns the note the file holds, or undefined when there is no file. Verifies nothing. */
export function readCheckpointFile(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

const temporaryOf = (path: string): string => `${path}.${process.pid}.tmp`;

/**
 * writeCheckpointFile replaces the file with `note` atomically: a reader
 * sees the old note or the new one, never a mix (write a temporary file,
 * then rename it over). No fsync: a crash may lose the newest note, which
 * only weakens the check to an older checkpoint.
 */
export function writeCheckpointFile(path: string, note: string): void {
  writeFileSync(temporaryOf(path), note);
  renameSync(temporaryOf(path), path);
}

/**
 * CheckpointFileWriter keeps the file at the latest note offered, off the
 * caller's path: writes run one at a time, and notes offered meanwhile
 * collapse into the newest, so a busy writer renames once per write, not
 * once per batch.
 */
export class CheckpointFileWriter {
  private latest: string | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly path: string,
    /** Told of a failed write; the next offer tries again. */
    private readonly onError: (error: Error) => void,
  ) {}

  /** offer makes `note` the one to write next; it returns at once. */
  offer(note: string): void {
    this.latest = note;
    this.running ??= this.drain();
  }

  /** flush resolves once every offered note is written (or failed). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.latest !== undefined) {
        const note = this.latest;
        this.latest = undefined;
        try {
          await writeFile(temporaryOf(this.path), note);
          await rename(temporaryOf(this.path), this.path);
        } catch (error) {
          this.onError(error as Error);
        }
      }
    } finally {
      this.running = undefined;
    }
  }
}

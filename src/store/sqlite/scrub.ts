import type Database from 'better-sqlite3';

export interface WalScrubber {
  /** Checkpoints now and, while readers hold the WAL, again shortly after, until it is truncated. */
  scrub(): void;
  /** Stops retrying (the store is closing; closing the last connection checkpoints anyway). */
  stop(): void;
}

/** How long to wait before the next checkpoint attempt while readers hold old WAL frames. */
const RETRY_MS = 250;

/**
 * createWalScrubber truncates the write-ahead log after an erasure: the WAL
 * still holds the page images that carried the erased row until a
 * checkpoint copies the pages (now zeroed by secure_delete) into the
 * database file and TRUNCATE empties the WAL file.
 *
 * A TRUNCATE checkpoint must wait for readers on older snapshots (other
 * processes reading the same file). better-sqlite3 is synchronous, so
 * waiting in SQLite's busy handler would block the event loop for up to the
 * busy timeout: each attempt runs with busy_timeout 0 instead, and a busy
 * answer is retried every RETRY_MS. Readers are never blocked or broken:
 * they keep reading their snapshot, and the checkpoint happens once they let
 * go. Appends are not held up either: an attempt takes milliseconds.
 */
export function createWalScrubber(db: Database.Database, busyTimeoutMs: number): WalScrubber {
  let timer: NodeJS.Timeout | undefined;
  const attempt = (): void => {
    timer = undefined;
    if (!db.open) return;
    db.pragma('busy_timeout = 0');
    let busy: boolean;
    try {
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      busy = result?.busy !== 0;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      busy = true;
    } finally {
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    }
    // unref: a pending retry must not keep the process alive; close() checkpoints as the last connection.
    if (busy) timer = setTimeout(attempt, RETRY_MS).unref();
  };
  return {
    scrub() {
      if (timer !== undefined) clearTimeout(timer);
      attempt();
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

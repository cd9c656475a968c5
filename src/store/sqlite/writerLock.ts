import Database from 'better-sqlite3';
import { WriterLockedError } from '../errors.js';

/** The lock file beside a log: `suyuan.db` is guarded by `suyuan.db.writer-lock`. */
const writerLockPath = (path: string): string => `${path}.writer-lock`;

/**
 * takeWriterLock makes this process the only writer of the log at `path`,
 * or throws WriterLockedError at once. The lock is a second, empty SQLite
 * file held in an EXCLUSIVE transaction by a connection in
 * `locking_mode=EXCLUSIVE`: SQLite takes it with a POSIX record lock, which
 * the kernel drops when the process dies (a SIGKILL leaves no stale lock, as
 * a pid file would), and which SQLite also enforces between connections of
 * one process. The log itself is never locked this way, because EXCLUSIVE
 * locking on a WAL database would shut every reader out. Release by closing
 * the returned connection.
 */
export function takeWriterLock(path: string): Database.Database {
  const lockPath = writerLockPath(path);
  const lock = new Database(lockPath, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
    return lock;
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new WriterLockedError(`${path} (${lockPath} is held)`);
    throw error;
  }
}

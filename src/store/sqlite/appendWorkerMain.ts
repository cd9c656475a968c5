/**
 * The sqlite append worker: its own connection to the log file, running the same append
 * transaction (append.ts) as the in-thread writer, one batch at a time in the order posted.
 * See workerAppend.ts for the other side and why.
 */
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createAppend } from './append.js';
import { prepareDatabase } from './schema.js';
import { prepareStatements } from './statements.js';
import { createSqliteVault } from './vault.js';
import {
  type AppendReply,
  type AppendRequest,
  type ErrorReply,
  errorOf,
  errorReply,
  type WorkerMessage,
  type WorkerOptions,
} from './workerProtocol.js';

const port = parentPort!;
const { path, inode } = workerData as WorkerOptions;
const db = new Database(path);
// A file put in the log's place since the store opened it (a restored copy) is not the store's log.
if (statSync(path).ino !== inode) {
  db.close();
  throw new Error(`${path} is no longer the file this store opened: it was replaced while the writer ran`);
}
prepareDatabase(db);
/** The failure the main thread's test hook asked for in this batch, if any. */
let failInside: ErrorReply | undefined;
const append = createAppend(db, prepareStatements(db), createSqliteVault(db), {
  insideTransaction: () => {
    if (failInside !== undefined) throw errorOf(failInside);
  },
});
const ready: WorkerMessage = { ready: true };
port.postMessage(ready);

port.on('message', (request: AppendRequest | 'close') => {
  if (request === 'close') {
    db.close();
    port.close();
    return;
  }
  failInside = request.failInside;
  if (request.exit === 'before') process.exit(1);
  let reply: AppendReply;
  try {
    reply = { id: request.id, result: append(request.batch) };
  } catch (error) {
    reply = { id: request.id, error: errorReply(error) };
  }
  // In a worker, process.exit ends this thread only.
  if (request.exit === 'after') process.exit(1);
  port.postMessage(reply);
});

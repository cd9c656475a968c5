/**
 * The sqlite writer's worker: its own connection to the log file, running the same append
 * transaction (append.ts) as the in-thread writer, and the store's other writes (erasures, access
 * records, drops), one request at a time in the order posted. See workerAppend.ts for the other
 * side and why.
 */
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createAppend } from './append.js';
import { createDrop } from './drop.js';
import { prepareDatabase } from './schema.js';
import { prepareStatements } from './statements.js';
import { createSqliteVault } from './vault.js';
import {
  type ErrorReply,
  errorOf,
  errorReply,
  type WorkerMessage,
  type WorkerOptions,
  type WriteReply,
  type WriteRequest,
  type WriteResults,
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
const vault = createSqliteVault(db);
const drop = createDrop(db);
const append = createAppend(db, prepareStatements(db), vault, {
  insideTransaction: () => {
    if (failInside !== undefined) throw errorOf(failInside);
  },
});
const ready: WorkerMessage = { ready: true };
port.postMessage(ready);

function run(request: WriteRequest): WriteResults[keyof WriteResults] {
  switch (request.op) {
    case 'append':
      failInside = request.failInside;
      return append(request.batch);
    case 'erase':
      return vault.erase(request.ref, request.erasedAt);
    case 'access':
      vault.recordAccess(request.record);
      return undefined;
    case 'drop':
      return drop(request.position);
  }
}

port.on('message', (request: WriteRequest | 'close') => {
  if (request === 'close') {
    db.close();
    port.close();
    return;
  }
  const exit = request.op === 'append' ? request.exit : undefined;
  if (exit === 'before') process.exit(1);
  let reply: WriteReply;
  try {
    reply = { id: request.id, result: run(request) };
  } catch (error) {
    reply = { id: request.id, error: errorReply(error) };
  }
  // In a worker, process.exit ends this thread only.
  if (exit === 'after') process.exit(1);
  port.postMessage(reply);
});

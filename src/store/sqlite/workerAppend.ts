import { Worker } from 'node:worker_threads';
import type { AppendBatch, AppendFaults, AppendResult, SealedEvent } from '../port.js';
import { type AppendReply, type AppendRequest, errorOf, type WorkerOptions } from './workerProtocol.js';

/** The append side of a sqlite writer whose transactions run in a worker thread. */
export interface WorkerAppend {
  append(batch: AppendBatch): Promise<AppendResult>;
  /** Ends the worker after the appends posted before. */
  close(): Promise<void>;
}

/** One worker thread and the appends waiting for its answers. */
interface Running {
  readonly worker: Worker;
  readonly waiting: Map<number, { resolve: (result: AppendResult) => void; reject: (error: Error) => void }>;
  readonly exited: Promise<void>;
  stopped?: Error;
}

/**
 * createWorkerAppend runs the appends of the log at `path` in a worker thread (appendWorkerMain.ts).
 *
 * Why a worker (issue 17, item 3): better-sqlite3 is synchronous, so in the writer's thread a
 * commit and its fsync block the event loop, and the sequencer cannot decide and seal the next
 * batch meanwhile. The worker holds a second connection to the same WAL file and runs the same
 * transaction; the main connection keeps serving reads, which see each commit once it is made.
 *
 * A worker that ends (it crashed, or could not open the file) rejects the appends waiting for it
 * with a plain Error, which says nothing about what was written: the sequencer then reads the
 * store to settle them. The next append starts a new worker.
 * `faults.insideTransaction` runs here before the batch is posted; if it throws, the worker writes
 * the batch's rows and throws its message inside the transaction, which rolls them back.
 */
export function createWorkerAppend(path: string, faults?: AppendFaults): WorkerAppend {
  let running: Running | undefined = start(path);
  let nextId = 0;
  let closed = false;

  return {
    append(batch) {
      if (closed) return Promise.reject(new Error('the sqlite append worker is closed'));
      if (running === undefined || running.stopped) running = start(path);
      const current = running;
      let failInside: string | undefined;
      try {
        faults?.insideTransaction?.(batch);
      } catch (error) {
        failInside = error instanceof Error ? error.message : String(error);
      }
      const exit = faults?.workerExit?.(batch);
      const request: AppendRequest = {
        id: nextId++,
        batch: slim(batch),
        ...(failInside === undefined ? {} : { failInside }),
        ...(exit === undefined ? {} : { exit }),
      };
      return new Promise((resolve, reject) => {
        current.waiting.set(request.id, { resolve, reject });
        current.worker.ref();
        current.worker.postMessage(request);
      });
    },
    async close() {
      closed = true;
      const current = running;
      running = undefined;
      if (current === undefined) return;
      if (!current.stopped) {
        current.worker.ref();
        current.worker.postMessage('close');
      }
      await current.exited;
    },
  };
}

function start(path: string): Running {
  const workerData: WorkerOptions = { path };
  const worker = new Worker(new URL('./appendWorker.mjs', import.meta.url), { workerData });
  // The worker keeps the process alive only while an append waits for it.
  worker.unref();
  const running: Running = {
    worker,
    waiting: new Map(),
    exited: new Promise<void>((resolve) => worker.once('exit', () => resolve())),
  };
  const stop = (error: Error): void => {
    running.stopped ??= error;
    for (const { reject } of running.waiting.values()) reject(running.stopped);
    running.waiting.clear();
  };
  worker.on('message', (reply: AppendReply) => {
    const waiter = running.waiting.get(reply.id);
    if (waiter === undefined) return;
    running.waiting.delete(reply.id);
    if (running.waiting.size === 0) worker.unref();
    if ('error' in reply) waiter.reject(errorOf(reply.error));
    else waiter.resolve(reply.result);
  });
  worker.on('error', (error) => stop(new Error(`the sqlite append worker failed: ${error.message}`)));
  worker.on('exit', (code) => stop(new Error(`the sqlite append worker ended (exit code ${code}) before answering`)));
  return running;
}

/**
 * slim drops what the append does not write from a batch with bodies (the body text carries the
 * event), so the copy to the worker holds the bodies and the indexed columns only.
 */
function slim(batch: AppendBatch): AppendBatch {
  if (batch.bodies === undefined) return batch;
  const events = batch.events.map(
    // The append reads position, hash, type, time and tags of an event whose body is given (append.ts).
    ({ position, hash, type, time, tags }) => ({ position, hash, type, time, tags }) as SealedEvent,
  );
  return { ...batch, events };
}

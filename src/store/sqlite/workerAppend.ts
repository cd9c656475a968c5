import { Worker } from 'node:worker_threads';
import { StoreUnavailableError } from '../errors.js';
import type { AccessRecord, AppendBatch, AppendFaults, AppendResult, EraseOutcome, SealedEvent, StoreHealth } from '../port.js';
import { type AppendRequest, errorOf, errorReply, type WorkerMessage, type WorkerOptions, type WriteRequest } from './workerProtocol.js';

/** The writes of a sqlite writer whose transactions run in a worker thread. */
export interface WorkerAppend {
  append(batch: AppendBatch): Promise<AppendResult>;
  /** The store's other writes, on the same connection as the appends (the vault's erasure and access records, dropFrom). */
  erase(ref: string, erasedAt: string): Promise<EraseOutcome>;
  recordAccess(record: AccessRecord): Promise<void>;
  drop(position: number): Promise<number>;
  /** Not ok while no worker could open the log: one is started again after RESTART_MS, backing off. */
  health(): StoreHealth;
  /** Ends the worker after the appends posted before; every call returns the same promise. */
  close(): Promise<void>;
}

/** How long after a worker failed to open the log the next is started: doubling from the first to the last. */
const RESTART_MS = { first: 1000, last: 30_000 };

/** One worker thread and the appends waiting for its answers. */
interface Running {
  readonly worker: Worker;
  readonly waiting: Map<number, { resolve: (result: never) => void; reject: (error: Error) => void }>;
  readonly exited: Promise<void>;
  /** It opened the log (its first message). */
  ready: boolean;
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
 * A worker that ends (it crashed) rejects the appends waiting for it with a plain Error, which
 * says nothing about what was written: the sequencer then reads the store to settle them. The
 * next append starts a new worker. One that cannot open the log makes health() say so, and
 * another is started after RESTART_MS (1 s, doubling up to 30 s) until one can.
 *
 * `faults.insideTransaction` runs here, before the batch is posted (so also for a batch that will
 * be refused as a position conflict); if it throws, the worker writes the batch's rows and throws
 * an error of the same name, message and code inside the transaction, which rolls them back. Only
 * throwing is carried over: what else the hook does happens before the transaction.
 */
export function createWorkerAppend(path: string, inode: number, faults?: AppendFaults): WorkerAppend {
  let nextId = 0;
  let closing: Promise<void> | undefined;
  let cannotStart: string | undefined;
  let restart: NodeJS.Timeout | undefined;
  let restartMs = RESTART_MS.first;

  const start = (): Running => {
    const workerData: WorkerOptions = { path, inode };
    // No flags of the parent's (`--input-type`, `-e`, a loader): appendWorker.mjs registers tsx itself.
    const worker = new Worker(new URL('./appendWorker.mjs', import.meta.url), { workerData, execArgv: [] });
    // The worker keeps the process alive only while an append (or the close) waits for it.
    worker.unref();
    const running: Running = {
      worker,
      waiting: new Map(),
      exited: new Promise<void>((resolve) => worker.once('exit', () => resolve())),
      ready: false,
    };
    const stop = (error: Error): void => {
      if (!running.ready && closing === undefined) {
        cannotStart = error.message;
        restart ??= setTimeout(() => {
          restart = undefined;
          if (closing === undefined && current === running) current = start();
        }, restartMs).unref();
        restartMs = Math.min(RESTART_MS.last, restartMs * 2);
      }
      running.stopped ??= error;
      for (const { reject } of running.waiting.values()) reject(running.stopped);
      running.waiting.clear();
    };
    worker.on('message', (message: WorkerMessage) => {
      if ('ready' in message) {
        running.ready = true;
        cannotStart = undefined;
        restartMs = RESTART_MS.first;
        return;
      }
      const waiter = running.waiting.get(message.id);
      if (waiter === undefined) return;
      running.waiting.delete(message.id);
      if (running.waiting.size === 0 && closing === undefined) worker.unref();
      if ('error' in message) waiter.reject(errorOf(message.error));
      // The reply to request `id` carries that request's result (WriteResults).
      else waiter.resolve(message.result as never);
    });
    worker.on('error', (error) => stop(new Error(`the sqlite append worker failed: ${error.message}`)));
    worker.on('exit', (code) => stop(new Error(`the sqlite append worker ended (exit code ${code}) before answering`)));
    return running;
  };
  let current: Running = start();

  /** Posts a request to the worker (a new one if the last ended) and waits for its answer. */
  const call = <T>(request: WriteRequest): Promise<T> => {
    if (closing !== undefined) return Promise.reject(new StoreUnavailableError('store is closed'));
    if (current.stopped) current = start();
    const running = current;
    return new Promise<T>((resolve, reject) => {
      running.waiting.set(request.id, { resolve: resolve as (result: never) => void, reject });
      running.worker.ref();
      running.worker.postMessage(request);
    });
  };

  return {
    append(batch) {
      if (closing !== undefined) return Promise.reject(new StoreUnavailableError('store is closed'));
      let failInside: AppendRequest['failInside'];
      try {
        faults?.insideTransaction?.(batch);
      } catch (error) {
        failInside = errorReply(error);
      }
      const exit = faults?.workerExit?.(batch);
      const request: AppendRequest = {
        id: nextId++,
        op: 'append',
        batch: slim(batch),
        ...(failInside === undefined ? {} : { failInside }),
        ...(exit === undefined ? {} : { exit }),
      };
      return call<AppendResult>(request);
    },
    erase: (ref, erasedAt) => call<EraseOutcome>({ id: nextId++, op: 'erase', ref, erasedAt }),
    recordAccess: (record) => call<undefined>({ id: nextId++, op: 'access', record }),
    drop: (position) => call<number>({ id: nextId++, op: 'drop', position }),
    health: () =>
      cannotStart === undefined ? { ok: true } : { ok: false, reason: `the sqlite append worker cannot open the log: ${cannotStart}` },
    close() {
      closing ??= (async () => {
        if (restart) clearTimeout(restart);
        const running = current;
        if (!running.stopped) {
          running.worker.ref();
          running.worker.postMessage('close');
        }
        await running.exited;
      })();
      return closing;
    },
  };
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

import { StoreUnavailableError } from './errors.js';

/**
 * A SizeWatcher implements EventStore.waitForEvents for an adapter. Waiters
 * are resolved only by a size read from storage (readSize) or reported by the
 * adapter's own commit (observed); wake-ups from elsewhere (NOTIFY, a
 * subscription) only call poke, which triggers a fresh read. While anyone
 * waits, the watcher also polls every pollMs as a fallback.
 */
export interface SizeWatcher {
  wait(size: number, signal?: AbortSignal): Promise<void>;
  /** The adapter committed and knows the log now holds `size` events. */
  observed(size: number): void;
  /** A hint that the log may have grown: re-read soon. */
  poke(): void;
  /** Rejects every waiter with StoreUnavailableError and stops polling. */
  close(): void;
}

interface Waiter {
  readonly size: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export interface SizeWatcherOptions {
  /** Reads the number of events in storage. */
  readonly readSize: () => Promise<number> | number;
  /** Poll interval while someone waits; 0 disables polling. */
  readonly pollMs: number;
  /** Called before the first read of each wait (e.g. to start LISTEN). */
  readonly beforeWait?: () => Promise<void>;
  /** Reports a failed read (the watcher keeps polling). */
  readonly onError?: (error: unknown) => void;
}

export function createSizeWatcher(options: SizeWatcherOptions): SizeWatcher {
  const waiters = new Set<Waiter>();
  let known = 0;
  let reading = false;
  let readAgain = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const settle = (size: number): void => {
    known = Math.max(known, size);
    for (const waiter of waiters) {
      if (waiter.size < known) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
    if (waiters.size === 0 && timer) {
      clearTimeout(timer);
      timer = undefined;
    }
  };

  const schedulePoll = (): void => {
    if (closed || timer || waiters.size === 0 || options.pollMs <= 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      read();
    }, options.pollMs);
    timer.unref();
  };

  const read = (): void => {
    if (closed) return;
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    void (async () => {
      do {
        readAgain = false;
        try {
          settle(await options.readSize());
        } catch (error) {
          options.onError?.(error);
        }
      } while (readAgain && !closed);
      reading = false;
      schedulePoll();
    })();
  };

  return {
    wait(size, signal) {
      if (closed) return Promise.reject(new StoreUnavailableError('store is closed'));
      if (size < known || signal?.aborted) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          waiters.delete(waiter);
          resolve();
        };
        const waiter: Waiter = {
          size,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        };
        waiters.add(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
        const before = options.beforeWait?.();
        if (before) before.then(read, read);
        else read();
      });
    },
    observed: settle,
    poke: read,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const error = new StoreUnavailableError('store is closed');
      for (const waiter of waiters) waiter.reject(error);
      waiters.clear();
    },
  };
}

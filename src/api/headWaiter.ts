/**
 * HeadWaiter wakes readers (SSE streams) when the signed head moves past a
 * size: from the writer's commits, or by polling the store on a node that
 * does not write.
 */
import type { SealedEvent } from '../store/index.js';

interface Waiter {
  readonly size: number;
  readonly resolve: () => void;
}

export class HeadWaiter {
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly headSize: () => number) {}

  /** attach wakes waiters after each commit of `ledger`; returns a detach function. */
  attach(ledger: { onCommit(listener: (events: readonly SealedEvent[], size: number) => void): () => void }): () => void {
    return ledger.onCommit(() => this.check());
  }

  /** wait resolves once the head holds more than `size` events, or when `signal` aborts. */
  wait(size: number, signal: AbortSignal): Promise<void> {
    if (this.headSize() > size || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter: Waiter = {
        size,
        resolve: () => {
          this.waiters.delete(waiter);
          signal.removeEventListener('abort', waiter.resolve);
          resolve();
        },
      };
      this.waiters.add(waiter);
      signal.addEventListener('abort', waiter.resolve, { once: true });
    });
  }

  check(): void {
    const size = this.headSize();
    for (const waiter of this.waiters) if (size > waiter.size) waiter.resolve();
  }
}

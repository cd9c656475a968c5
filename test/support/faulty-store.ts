/**
 * A decorator for ledger tests that need a commit to fail: appendBatch
 * throws an I/O-like error before reaching the wrapped store, so the store
 * is untouched, exactly as a failed transaction leaves it.
 */
import type { EventStore } from '../../src/store/index.js';

export interface FaultyStore extends EventStore {
  /** Makes the next `count` appendBatch calls throw `error`. */
  failNextAppends(count?: number, error?: Error): void;
}

export function withFailingAppends(inner: EventStore): FaultyStore {
  let failures = 0;
  let failure = new Error('injected store failure');
  return {
    kind: inner.kind,
    readFrom: (from, limit) => inner.readFrom(from, limit),
    readByTag: (tag, from, limit) => inner.readByTag(tag, from, limit),
    head: () => inner.head(),
    checkpointAt: (size) => inner.checkpointAt(size),
    idempotency: (principal, key) => inner.idempotency(principal, key),
    waitForEvents: (size, signal) => inner.waitForEvents(size, signal),
    close: () => inner.close(),
    appendBatch: async (batch) => {
      if (failures > 0) {
        failures--;
        throw failure;
      }
      return inner.appendBatch(batch);
    },
    failNextAppends(count = 1, error = new Error('injected store failure')) {
      failures = count;
      failure = error;
    },
  };
}

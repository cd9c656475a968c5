import type { IdempotencyRecord, SealedEvent } from '../store/index.js';
import type { Receipt } from './receipt.js';

/** An idempotent request: who sent it, its key, and the hash of its body. */
export interface IdempotencyRequest {
  readonly principal: string;
  readonly key: string;
  readonly requestHash: string;
  /** principal and key joined, the cache's key. */
  readonly cacheKey: string;
}

export function idempotencyRequest(principal: string, key: string, requestHash: string): IdempotencyRequest {
  return { principal, key, requestHash, cacheKey: `${principal}\u0000${key}` };
}

export interface Remembered {
  readonly receipt: Receipt;
  readonly events: readonly SealedEvent[];
}

/**
 * IdempotencyCache keeps the most recent idempotency records in memory (a
 * bounded LRU) so the sequencer can answer a retry without a store read
 * inside a batch. Older keys are looked up in the store before a command is
 * queued (Ledger.submit) and primed into the cache.
 */
export class IdempotencyCache {
  private readonly records = new Map<string, IdempotencyRecord>();

  constructor(private readonly capacity = 100_000) {}

  has(request: IdempotencyRequest): boolean {
    return this.records.has(request.cacheKey);
  }

  /** lookup answers a retry: undefined (unknown key), 'conflict' (another body), or the original result. */
  lookup(request: IdempotencyRequest): undefined | 'conflict' | Remembered {
    const record = this.records.get(request.cacheKey);
    if (!record) return undefined;
    if (record.requestHash !== request.requestHash) return 'conflict';
    return JSON.parse(record.response) as Remembered;
  }

  record(request: IdempotencyRequest, receipt: Receipt, events: readonly SealedEvent[]): IdempotencyRecord {
    const remembered: Remembered = { receipt, events };
    return { principal: request.principal, key: request.key, requestHash: request.requestHash, response: JSON.stringify(remembered) };
  }

  remember(record: IdempotencyRecord): void {
    const cacheKey = `${record.principal}\u0000${record.key}`;
    this.records.delete(cacheKey);
    this.records.set(cacheKey, record);
    if (this.records.size > this.capacity) this.records.delete(this.records.keys().next().value!);
  }
}

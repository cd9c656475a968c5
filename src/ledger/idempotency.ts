import { idempotencyId, type IdempotencyRecord, type SealedEvent } from '../store/index.js';
import type { Receipt } from './receipt.js';

/** An idempotent submission: the principal's key and the hash of the request body. */
export interface Idempotency {
  readonly principal: string;
  readonly key: string;
  readonly requestHash: string;
}

/** An idempotent request as the writer handles it: the submission and its record identity. */
export interface IdempotencyRequest extends Idempotency {
  /** idempotencyId(principal, key): the same identity the store gives the record. */
  readonly id: string;
}

/**
 * idempotencyRequest is the one place an idempotent request is built, from
 * who sent it, its Idempotency-Key and the hash of its body. Its `id` is the
 * store's record identity, so the cache, the batch's duplicate check and the
 * stored record all agree on what "the same key" means.
 */
export function idempotencyRequest(principal: string, key: string, requestHash: string): IdempotencyRequest {
  return { principal, key, requestHash, id: idempotencyId(principal, key) };
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
    return this.records.has(request.id);
  }

  /** lookup answers a retry: undefined (unknown key), 'conflict' (another body), or the original result. */
  lookup(request: IdempotencyRequest): undefined | 'conflict' | Remembered {
    const record = this.records.get(request.id);
    if (!record) return undefined;
    if (record.requestHash !== request.requestHash) return 'conflict';
    return JSON.parse(record.response) as Remembered;
  }

  /** record is the stored form of a request's first answer: the request's fields as they are, and the response as JSON. */
  record(request: IdempotencyRequest, receipt: Receipt, events: readonly SealedEvent[]): IdempotencyRecord {
    const remembered: Remembered = { receipt, events };
    return { principal: request.principal, key: request.key, requestHash: request.requestHash, response: JSON.stringify(remembered) };
  }

  /** remember caches a record (one the writer just committed, or one read back from the store). */
  remember(record: IdempotencyRecord): void {
    const id = idempotencyId(record.principal, record.key);
    this.records.delete(id);
    this.records.set(id, record);
    if (this.records.size > this.capacity) this.records.delete(this.records.keys().next().value!);
  }
}

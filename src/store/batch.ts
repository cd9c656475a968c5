import { DuplicateIdempotencyKeyError, DuplicateVaultRefError, MalformedBatchError } from './errors.js';
import type { AppendBatch, AppendResult } from './port.js';

/**
 * batchStart returns the position the batch begins at: its checkpoint covers
 * the whole log after the batch, so start = checkpoint.size - events.length.
 */
export const batchStart = (batch: AppendBatch): number => batch.checkpoint.size - batch.events.length;

/**
 * validateBatch checks the shape rules of AppendBatch before an adapter
 * writes anything: positions consecutive from batchStart, one body per
 * event when bodies are given, no (principal, key) and no vault ref twice in
 * the batch. Throws; never touches storage.
 */
export function validateBatch(batch: AppendBatch): void {
  const start = batchStart(batch);
  if (!Number.isSafeInteger(batch.checkpoint.size) || start < 0) {
    throw new MalformedBatchError(`checkpoint size ${batch.checkpoint.size} cannot cover ${batch.events.length} new events`);
  }
  if (batch.bodies !== undefined && batch.bodies.length !== batch.events.length) {
    throw new MalformedBatchError(`the batch has ${batch.bodies.length} bodies for ${batch.events.length} events`);
  }
  batch.events.forEach((event, i) => {
    if (event.position !== start + i) {
      throw new MalformedBatchError(
        `event ${i} of the batch has position ${event.position}, expected ${start + i} (checkpoint size ${batch.checkpoint.size})`,
      );
    }
  });
  const seen = new Set<string>();
  for (const record of batch.idempotency) {
    const id = idempotencyId(record.principal, record.key);
    if (seen.has(id)) throw new DuplicateIdempotencyKeyError(record.principal, record.key);
    seen.add(id);
  }
  if (batch.vault && batch.vault.length > 1) {
    const refs = new Set<string>();
    for (const row of batch.vault) {
      if (refs.has(row.ref)) throw new DuplicateVaultRefError(row.ref);
      refs.add(row.ref);
    }
  }
}

/**
 * idempotencyId is the identity of an idempotency record: a collision-free
 * string for its (principal, key) pair. The one place that joins the two;
 * the ledger's cache, the memory adapter and KurrentDB's stream names use it.
 */
export const idempotencyId = (principal: string, key: string): string => JSON.stringify([principal, key]);

/** The position-conflict result for a batch that starts at `expected` while the log has `actual` events. */
export const positionConflict = (expected: number, actual: number): AppendResult => ({
  ok: false,
  reason: 'position-conflict',
  expected,
  actual,
});

export const appended: AppendResult = { ok: true };

import { createHash, randomUUID } from 'node:crypto';
import type { EventData, JSONEventType, JSONType, ResolvedEvent } from '@kurrent/kurrentdb-client';
import { idempotencyId } from '../batch.js';
import { decodeEvent } from '../codec.js';
import { CorruptStoredEventError } from '../errors.js';
import type { IdempotencyRecord, SealedEvent, StoredCheckpoint } from '../port.js';

/**
 * How the log maps onto KurrentDB streams (`<prefix>` defaults to `suyuan`):
 * - `<prefix>-log`: the whole log, stream revision = position. Data
 *   `{ hash, body }` where body is the batch's text for the event
 *   (batchBodies), the exact text the SQL adapters store, so tamper checks
 *   work the same way.
 * - `<prefix>-checkpoints`: one event per signed checkpoint, sizes never decrease.
 * - `<prefix>-idem-<digest>`: one stream per (principal, key), written with
 *   expected state NO_STREAM, so the server itself refuses a duplicate key.
 */
export interface StreamNames {
  readonly log: string;
  readonly checkpoints: string;
  idempotency(principal: string, key: string): string;
}

export function streamNames(prefix: string): StreamNames {
  return {
    log: `${prefix}-log`,
    checkpoints: `${prefix}-checkpoints`,
    idempotency: (principal, key) =>
      `${prefix}-idem-${createHash('sha256').update(idempotencyId(principal, key)).digest('hex').slice(0, 40)}`,
  };
}

/** What the SDK's jsonEvent() builds; written out so importing this file does not load the SDK. */
const jsonEvent = ({ type, data }: { type: string; data: JSONType }): EventData =>
  ({ id: randomUUID(), contentType: 'application/json', type, data, metadata: undefined }) as EventData;

/** toLogEvent wraps an event and its stored body (see batchBodies) as a log-stream event. */
export const toLogEvent = (event: SealedEvent, body: string): EventData =>
  jsonEvent({ type: event.type, data: { hash: event.hash, body } });

export const toCheckpointEvent = (checkpoint: StoredCheckpoint): EventData =>
  jsonEvent({ type: 'suyuan.checkpoint', data: { size: checkpoint.size, root: checkpoint.root, note: checkpoint.note } });

export const toIdempotencyEvent = (record: IdempotencyRecord): EventData =>
  jsonEvent({
    type: 'suyuan.idempotency',
    data: { principal: record.principal, key: record.key, requestHash: record.requestHash, response: record.response },
  });

const dataOf = (resolved: ResolvedEvent<JSONEventType>): Record<string, unknown> => {
  const data = resolved.event?.data;
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
};

export function fromLogEvent(resolved: ResolvedEvent<JSONEventType>): SealedEvent {
  const position = Number(resolved.event?.revision ?? -1);
  const { hash, body } = dataOf(resolved);
  if (typeof hash !== 'string' || typeof body !== 'string') {
    throw new CorruptStoredEventError(position, 'KurrentDB event lacks { hash, body }');
  }
  return decodeEvent(position, hash, body);
}

export function fromCheckpointEvent(resolved: ResolvedEvent<JSONEventType>): StoredCheckpoint {
  const { size, root, note } = dataOf(resolved);
  return { size: Number(size), root: String(root), note: String(note) };
}

export function fromIdempotencyEvent(resolved: ResolvedEvent<JSONEventType>): IdempotencyRecord {
  const { principal, key, requestHash, response } = dataOf(resolved);
  return { principal: String(principal), key: String(key), requestHash: String(requestHash), response: String(response) };
}

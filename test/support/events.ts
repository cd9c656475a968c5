/** Builders of sealed events and batches for store tests. Hashes are stand-ins: stores never check them. */
import { createHash } from 'node:crypto';
import type { AppendBatch, IdempotencyRecord, SealedEvent, StoredCheckpoint } from '../../src/store/index.js';

export const fakeHash = (seed: string): string => createHash('sha256').update(seed).digest('hex');

export interface EventFields {
  readonly type?: string;
  readonly time?: string;
  readonly actor?: string;
  readonly tags?: readonly string[];
  readonly data?: unknown;
  readonly prev?: readonly string[];
}

export function sealedEvent(position: number, fields: EventFields = {}): SealedEvent {
  const body = {
    v: 1 as const,
    position,
    type: fields.type ?? 'lot.shipped',
    time: fields.time ?? new Date(Date.UTC(2026, 10, 29, 1, 2, 3) + position).toISOString(),
    actor: fields.actor ?? 'op:91440101MA5XXXXXX1',
    tags: fields.tags ?? [`lot:${position % 7}`],
    data: fields.data ?? { quantity: position, unit: 'kg' },
    prev: fields.prev ?? [],
  };
  return { ...body, hash: fakeHash(JSON.stringify(body)) };
}

export function checkpointFor(size: number, signer = 'test'): StoredCheckpoint {
  const root = fakeHash(`root:${size}`);
  return {
    size,
    root,
    note: `suyuan.test/log\n${size}\n${Buffer.from(root, 'hex').toString('base64')}\n\n— ${signer} ${fakeHash(signer).slice(0, 16)}\n`,
  };
}

/** A batch starting at `start` holding `events` (positions are set here). */
export function batchAt(start: number, events: readonly EventFields[], idempotency: readonly IdempotencyRecord[] = []): AppendBatch {
  return {
    events: events.map((fields, i) => sealedEvent(start + i, fields)),
    checkpoint: checkpointFor(start + events.length),
    idempotency,
  };
}

/** A batch of `count` default events starting at `start`. */
export const simpleBatch = (start: number, count: number, idempotency: readonly IdempotencyRecord[] = []): AppendBatch =>
  batchAt(
    start,
    Array.from({ length: count }, () => ({})),
    idempotency,
  );

export const idempotencyRecord = (principal: string, key: string, response = '{"ok":true}'): IdempotencyRecord => ({
  principal,
  key,
  requestHash: fakeHash(`${principal}/${key}`),
  response,
});

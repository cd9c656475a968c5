import { appended, batchStart, idempotencyId, positionConflict, validateBatch } from '../batch.js';
import { batchBodies, decodeEvent } from '../codec.js';
import { DuplicateIdempotencyKeyError, SignedEventsError } from '../errors.js';
import type { AppendResult, IdempotencyRecord, SealedEvent, StoredCheckpoint, VaultStore } from '../port.js';
import { createSizeWatcher } from '../watch.js';
import { createMemoryVault } from './vault.js';

interface StoredRow {
  readonly hash: string;
  /** Kept as text, like the SQL adapters, so callers never share objects with the store. */
  readonly body: string;
  readonly tags: readonly string[];
}

/**
 * createMemoryStore is the in-process adapter for tests: arrays and maps,
 * nothing survives the process. It follows the same rules as the others,
 * including refusing a duplicate idempotency key or vault ref atomically.
 */
export function createMemoryStore(): VaultStore {
  const rows: StoredRow[] = [];
  const byTag = new Map<string, number[]>();
  const checkpoints: StoredCheckpoint[] = [];
  const idempotency = new Map<string, IdempotencyRecord>();
  const watcher = createSizeWatcher({ readSize: () => rows.length, pollMs: 0 });
  const vault = createMemoryVault();

  const decode = (position: number): SealedEvent => {
    const row = rows[position]!;
    return decodeEvent(position, row.hash, row.body);
  };

  return {
    kind: 'memory',

    async appendBatch(batch): Promise<AppendResult> {
      validateBatch(batch);
      const start = batchStart(batch);
      if (start !== rows.length) return positionConflict(start, rows.length);
      for (const record of batch.idempotency) {
        if (idempotency.has(idempotencyId(record.principal, record.key))) {
          throw new DuplicateIdempotencyKeyError(record.principal, record.key);
        }
      }
      vault.check(batch);
      const bodies = batchBodies(batch);
      const encoded = batch.events.map((event, i) => ({ hash: event.hash, body: bodies[i]!, tags: [...event.tags] }));
      // Nothing below can fail, so the batch lands whole.
      for (const [i, row] of encoded.entries()) {
        rows.push(row);
        for (const tag of new Set(row.tags)) {
          let positions = byTag.get(tag);
          if (!positions) {
            positions = [];
            byTag.set(tag, positions);
          }
          positions.push(start + i);
        }
      }
      const last = checkpoints.at(-1);
      if (last && last.size === batch.checkpoint.size) checkpoints[checkpoints.length - 1] = { ...batch.checkpoint };
      else checkpoints.push({ ...batch.checkpoint });
      for (const record of batch.idempotency) {
        idempotency.set(idempotencyId(record.principal, record.key), { ...record });
      }
      vault.write(batch);
      watcher.observed(rows.length);
      return appended;
    },

    async readFrom(from, limit) {
      const out: SealedEvent[] = [];
      for (let p = Math.max(0, from); p < rows.length && out.length < limit; p++) out.push(decode(p));
      return out;
    },

    async readByTag(tag, from = 0, limit = Number.POSITIVE_INFINITY) {
      const positions = byTag.get(tag) ?? [];
      const out: SealedEvent[] = [];
      for (const p of positions) {
        if (out.length >= limit) break;
        if (p >= from) out.push(decode(p));
      }
      return out;
    },

    async head() {
      const checkpoint = checkpoints.at(-1);
      return checkpoint ? { size: rows.length, checkpoint: { ...checkpoint } } : { size: rows.length };
    },

    async checkpointAt(size) {
      for (let i = checkpoints.length - 1; i >= 0; i--) {
        const checkpoint = checkpoints[i]!;
        if (checkpoint.size <= size) return { ...checkpoint };
      }
      return undefined;
    },

    async idempotency(principal, key) {
      const record = idempotency.get(idempotencyId(principal, key));
      return record && { ...record };
    },

    waitForEvents: (size, signal) => watcher.wait(size, signal),

    readPersonal: vault.readPersonal,
    erasePersonal: vault.erasePersonal,
    recordAccess: vault.recordAccess,
    accessRecords: vault.accessRecords,

    async dropFrom(position) {
      const signed = checkpoints.at(-1)?.size ?? 0;
      if (signed > position) throw new SignedEventsError(position, signed);
      const dropped = Math.max(0, rows.length - position);
      rows.length -= dropped;
      for (const [tag, positions] of byTag) {
        const kept = positions.filter((p) => p < position);
        if (kept.length > 0) byTag.set(tag, kept);
        else byTag.delete(tag);
      }
      return dropped;
    },

    async close() {
      watcher.close();
    },
  };
}

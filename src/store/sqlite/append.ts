import type Database from 'better-sqlite3';
import { appended, batchStart, positionConflict } from '../batch.js';
import { batchBodies } from '../codec.js';
import { DuplicateIdempotencyKeyError } from '../errors.js';
import type { AppendBatch, AppendFaults, AppendResult } from '../port.js';
import type { Statements } from './statements.js';
import type { SqliteVault } from './vault.js';

/**
 * createAppend returns the batch writer: one IMMEDIATE transaction (so a
 * second connection cannot slip in between the size check and the inserts)
 * running prepared statements in a loop. Any throw rolls the whole batch
 * back, including one from the test hook `faults.insideTransaction` and a
 * duplicate vault ref.
 */
export function createAppend(
  db: Database.Database,
  statements: Statements,
  vault: SqliteVault,
  faults?: AppendFaults,
): (batch: AppendBatch) => AppendResult {
  const insideTransaction = faults?.insideTransaction;
  const write = db.transaction((batch: AppendBatch): AppendResult => {
    const start = batchStart(batch);
    const size = statements.size.get()!;
    if (start !== size) return positionConflict(start, size);
    const bodies = batchBodies(batch);
    for (const [i, event] of batch.events.entries()) {
      statements.insertEvent.run(event.position, event.hash, event.type, event.time, bodies[i]!);
      for (const tag of new Set(event.tags)) statements.insertTag.run(tag, event.position);
    }
    if (batch.vault) vault.write(batch);
    insideTransaction?.(batch);
    const { checkpoint } = batch;
    statements.upsertCheckpoint.run(checkpoint.size, checkpoint.root, checkpoint.note);
    for (const record of batch.idempotency) {
      try {
        statements.insertIdempotency.run(record.principal, record.key, record.requestHash, record.response);
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
          throw new DuplicateIdempotencyKeyError(record.principal, record.key);
        }
        throw error;
      }
    }
    return appended;
  });
  return (batch) => write.immediate(batch);
}

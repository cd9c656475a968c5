import type Database from 'better-sqlite3';
import { DuplicateVaultRefError } from '../errors.js';
import type { AccessQuery, AccessRecord, AppendBatch, EraseOutcome, PersonalEntry, StoredAccessRecord } from '../port.js';
import { type PersonalRow, toPersonalEntry } from '../vaultRow.js';

/** The SQLite vault's statements and operations, on the store's one connection. */
export function createSqliteVault(db: Database.Database) {
  const insert = db.prepare<[string, string, string, string, string, string]>(
    'INSERT INTO personal_data (ref, salt, data, recorded_by, region, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const find = db.prepare<[string], PersonalRow>(
    'SELECT ref, salt, data, recorded_by, region, created_at, erased_at FROM personal_data WHERE ref = ?',
  );
  const erase = db.prepare<[string, string]>(
    'UPDATE personal_data SET salt = NULL, data = NULL, erased_at = ? WHERE ref = ? AND erased_at IS NULL',
  );
  const exists = db.prepare<[string], number>('SELECT 1 FROM personal_data WHERE ref = ?').pluck();
  const insertAccess = db.prepare<[string, string, string, string]>(
    'INSERT INTO personal_access (ref, principal, purpose, at) VALUES (?, ?, ?, ?)',
  );
  const listAccess = db.prepare<{ ref: string | null; after: number; limit: number }, StoredAccessRecord>(
    `SELECT seq, ref, principal, purpose, at FROM personal_access
      WHERE seq > @after AND (@ref IS NULL OR ref = @ref) ORDER BY seq LIMIT @limit`,
  );
  const eraseOne = db.transaction((ref: string, erasedAt: string): EraseOutcome => {
    if (erase.run(erasedAt, ref).changes === 1) return 'erased';
    return exists.get(ref) === undefined ? 'unknown-ref' : 'already-erased';
  });

  return {
    /** Inserts the batch's rows; runs inside appendBatch's transaction, so a throw rolls the batch back. */
    write(batch: AppendBatch): void {
      for (const row of batch.vault ?? []) {
        try {
          insert.run(row.ref, row.salt, row.data, row.recordedBy, row.region, row.createdAt);
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateVaultRefError(row.ref);
          throw error;
        }
      }
    },
    read: (ref: string): PersonalEntry | undefined => {
      const row = find.get(ref);
      return row && toPersonalEntry(row);
    },
    erase: (ref: string, erasedAt: string): EraseOutcome => eraseOne.immediate(ref, erasedAt),
    recordAccess(record: AccessRecord): void {
      insertAccess.run(record.ref, record.principal, record.purpose, record.at);
    },
    accessRecords: ({ ref, after = 0, limit }: AccessQuery): StoredAccessRecord[] =>
      listAccess
        .all({ ref: ref ?? null, after, limit: Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : -1 })
        .map((row) => ({ ...row })),
  };
}

export type SqliteVault = ReturnType<typeof createSqliteVault>;

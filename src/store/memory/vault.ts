import { DuplicateVaultRefError } from '../errors.js';
import type { AppendBatch, PersonalEntry, PersonalVault, StoredAccessRecord } from '../port.js';

/** The memory adapter's vault: the part appendBatch calls (check, then write) and the PersonalVault operations. */
export interface MemoryVault extends PersonalVault {
  /** Throws DuplicateVaultRefError for a row whose ref is stored; writes nothing. */
  check(batch: AppendBatch): void;
  /** Stores the batch's rows; requires check to have passed, and cannot fail. */
  write(batch: AppendBatch): void;
}

/** createMemoryVault keeps vault rows in a map and access records in an array, copied in and out. */
export function createMemoryVault(): MemoryVault {
  const entries = new Map<string, PersonalEntry>();
  const access: StoredAccessRecord[] = [];

  return {
    check(batch) {
      for (const row of batch.vault ?? []) if (entries.has(row.ref)) throw new DuplicateVaultRefError(row.ref);
    },
    write(batch) {
      for (const row of batch.vault ?? []) entries.set(row.ref, { ...row, erased: false });
    },
    async readPersonal(ref) {
      const entry = entries.get(ref);
      return entry && { ...entry };
    },
    async erasePersonal(ref, erasedAt) {
      const entry = entries.get(ref);
      if (!entry) return 'unknown-ref';
      if (entry.erased) return 'already-erased';
      const { ref: kept, recordedBy, region, createdAt } = entry;
      entries.set(ref, { ref: kept, recordedBy, region, createdAt, erased: true, erasedAt });
      return 'erased';
    },
    async recordAccess(record) {
      access.push({ ref: record.ref, principal: record.principal, purpose: record.purpose, at: record.at, seq: access.length + 1 });
    },
    async accessRecords({ ref, after = 0, limit }) {
      const out: StoredAccessRecord[] = [];
      for (const record of access) {
        if (out.length >= limit) break;
        if (record.seq > after && (ref === undefined || record.ref === ref)) out.push({ ...record });
      }
      return out;
    },
  };
}

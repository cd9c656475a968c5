import type { PersonalEntry } from './port.js';

/** A personal_data row as both SQL adapters read it (the same columns in sqlite and PostgreSQL). */
export interface PersonalRow {
  readonly ref: string;
  readonly salt: string | null;
  readonly data: string | null;
  readonly recorded_by: string;
  readonly region: string;
  readonly created_at: string;
  readonly erased_at: string | null;
}

/** toPersonalEntry: an erased row keeps who recorded it, where and when; a live one its salt and data. */
export function toPersonalEntry(row: PersonalRow): PersonalEntry {
  const kept = { ref: row.ref, recordedBy: row.recorded_by, region: row.region, createdAt: row.created_at };
  if (row.erased_at !== null) return { ...kept, erased: true, erasedAt: row.erased_at };
  return { ...kept, salt: row.salt!, data: row.data!, erased: false };
}

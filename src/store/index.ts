/** The store's public surface: the port, its errors, the adapters and openStore. */
export type {
  AccessQuery,
  AccessRecord,
  AppendBatch,
  AppendFaults,
  AppendResult,
  EraseOutcome,
  EventStore,
  IdempotencyRecord,
  PersonalEntry,
  PersonalVault,
  SealedEvent,
  StoredAccessRecord,
  StoredCheckpoint,
  StoreHead,
  StoreHealth,
  VaultRow,
  VaultStore,
} from './port.js';
export {
  CorruptStoredEventError,
  DuplicateIdempotencyKeyError,
  DuplicateVaultRefError,
  MalformedBatchError,
  SignedEventsError,
  StoreUnavailableError,
  VaultUnsupportedError,
  WriterLockedError,
} from './errors.js';
export { encodeBody } from './codec.js';
export { idempotencyId } from './batch.js';
export { createMemoryStore } from './memory/index.js';
export { createSqliteStore, type SqliteStoreOptions } from './sqlite/index.js';
export { createPostgresStore, type PostgresStoreOptions } from './postgres/index.js';
export { createKurrentDbStore, type KurrentDbStoreOptions } from './kurrentdb/index.js';
export { openStore, type OpenStoreOptions } from './open.js';

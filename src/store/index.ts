/** The store's public surface: the port, its errors, the adapters and openStore. */
export type {
  AppendBatch,
  AppendFaults,
  AppendResult,
  EventStore,
  IdempotencyRecord,
  SealedEvent,
  StoredCheckpoint,
  StoreHead,
  StoreHealth,
} from './port.js';
export {
  CorruptStoredEventError,
  DuplicateIdempotencyKeyError,
  MalformedBatchError,
  SignedEventsError,
  StoreUnavailableError,
  WriterLockedError,
} from './errors.js';
export { encodeBody } from './codec.js';
export { idempotencyId } from './batch.js';
export { createMemoryStore } from './memory/index.js';
export { createSqliteStore, type SqliteStoreOptions } from './sqlite/index.js';
export { createPostgresStore, type PostgresStoreOptions } from './postgres/index.js';
export { createKurrentDbStore, type KurrentDbStoreOptions } from './kurrentdb/index.js';
export { openStore, type OpenStoreOptions } from './open.js';

export { createSqliteStore, type SqliteStoreOptions } from './store.js';

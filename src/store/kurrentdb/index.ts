export { createKurrentDbStore, type KurrentDbStoreOptions } from './store.js';

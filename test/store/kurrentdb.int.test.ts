import { createKurrentDbStore } from '../../src/store/index.js';
import { describeWithKurrentDb, uniqueStreamPrefix } from '../support/kurrentdb.js';
import { storeContract } from './contract.js';

// Runs only against a real KurrentDB (25.1 or later, for atomic multi-stream
// appends) named by KURRENTDB_URL. Each test gets its own stream prefix; the
// streams are left behind (KurrentDB deletes are soft anyway).
describeWithKurrentDb('kurrentdb store', (url) => {
  storeContract(
    'kurrentdb',
    async () => {
      const streamPrefix = uniqueStreamPrefix();
      const open = () => createKurrentDbStore({ connectionString: url, streamPrefix, pollIntervalMs: 200 });
      const opened = [open()];
      return {
        store: opened[0]!,
        reopen: async () => opened[opened.push(open()) - 1]!,
        openReader: async () => opened[opened.push(open()) - 1]!,
        async dispose() {
          for (const store of opened) await store.close();
        },
      };
    },
    { propertyRuns: 15 },
  );
});

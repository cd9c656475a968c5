/**
 * An API over a memory store, a fresh log key, the real ledger and
 * projections, for inject tests; plus helpers to call it as a principal.
 */
import type { LightMyRequestResponse } from 'fastify';
import { build, keyDigest, newApiKey, type BuildOptions, type ZodApp } from '../../../src/api/index.js';
import { generateKey } from '../../../src/hash/index.js';
import { openSuyuanLedger, type LogKey, type SuyuanLedger } from '../../../src/ledger/index.js';
import { startProjections, type RunningProjections } from '../../../src/projections/index.js';
import { createMemoryStore, type EventStore } from '../../../src/store/index.js';

export interface Harness {
  readonly app: ZodApp;
  readonly ledger: SuyuanLedger;
  readonly store: EventStore;
  readonly projections: RunningProjections;
  readonly key: LogKey;
  readonly adminKey: string;
  call(method: string, url: string, options?: CallOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface CallOptions {
  readonly key?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** What every in-process test app turns off: rate limits, the auth-failure limit, process metrics. */
export const TEST_APP_OPTIONS = { rateLimit: false, authFailureLimit: false, processMetrics: false } as const;

export async function harness(options: Partial<BuildOptions> = {}): Promise<Harness> {
  const store = createMemoryStore();
  const key: LogKey = { origin: 'api.test/log', ...generateKey('api.test/log') };
  const ledger = await openSuyuanLedger({ store, key });
  const projections = await startProjections({ store, ledger });
  const adminKey = newApiKey();
  const app = await build({
    ledger,
    store,
    read: projections.readModel,
    adminKeyDigest: keyDigest(adminKey),
    ...TEST_APP_OPTIONS,
    ...options,
  });
  return {
    app,
    ledger,
    store,
    projections,
    key,
    adminKey,
    call(method, url, { key: apiKey, body, headers = {} } = {}) {
      return app.inject({
        method: method as 'GET',
        url,
        headers: { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    },
    async close() {
      await app.close();
      await projections.stop();
      await ledger.close();
      await store.close();
    },
  };
}

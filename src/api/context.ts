/** What every route plugin is given: the ledger, the store, the read model and the edge's own state. */
import type { SuyuanLedger } from '../ledger/index.js';
import type { ReadModel } from '../projections/index.js';
import type { EventStore } from '../store/index.js';
import type { PrincipalDirectory } from './auth/directory.js';
import type { CommittedHead } from './head.js';
import type { ApiMetrics } from './metrics.js';

export interface ApiContext {
  readonly ledger: SuyuanLedger;
  readonly store: EventStore;
  readonly read: ReadModel;
  readonly principals: PrincipalDirectory;
  readonly citizenIdSecret: Buffer;
  readonly metrics: ApiMetrics;
  /** The latest signed checkpoint and its size. */
  readonly head: () => CommittedHead;
  /** Milliseconds between SSE heartbeats. */
  readonly heartbeatMs: number;
}

/** What every route plugin is given: the ledger, the store, the read model and the edge's own state. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SuyuanLedger } from '../ledger/index.js';
import type { ReadModel } from '../projections/index.js';
import type { EventStore, PersonalVault } from '../store/index.js';
import type { PrincipalDirectory } from './auth/directory.js';
import type { CommittedHead } from './head.js';
import type { LogPort } from './log/port.js';
import type { ApiMetrics } from './metrics.js';
import type { ProblemError } from './problem.js';

export interface ApiContext {
  /** The writer; absent on a read-only node, whose writes answer 503. */
  readonly ledger?: SuyuanLedger;
  /** The signed log: the ledger itself on the writer, a LogFollower on a read-only node. */
  readonly log: LogPort;
  /** Where writes go when this node only reads (named in its 503s). */
  readonly writerUrl?: string;
  readonly store: EventStore;
  /** The personal-data vault beside the log (the same store); absent where the store has none. */
  readonly vault?: PersonalVault;
  readonly read: ReadModel;
  readonly principals: PrincipalDirectory;
  readonly citizenIdSecret: Buffer;
  readonly metrics: ApiMetrics;
  /** The latest signed checkpoint and its size. */
  readonly head: () => CommittedHead;
  /** Milliseconds between SSE heartbeats. */
  readonly heartbeatMs: number;
  /**
   * On a read-only node: the StaleReader problem while the principal
   * directory may be stale, else undefined. Absent on the writer, whose
   * directory is current by construction.
   */
  readonly staleness?: () => ProblemError | undefined;
}

/** The options every route set is registered with. */
export type RouteOptions = { readonly ctx: ApiContext };

/** Options of a route set with public routes: the rate limit they apply (false: none). */
export type RateLimited = { readonly rateLimit: object | false };

/**
 * RoutePlugin: a route set as an encapsulated fastify plugin. Hooks and
 * decorators it adds stay inside it; it inherits those of the plugin that
 * registers it (authentication, error handlers, the JSON API's headers).
 */
export type RoutePlugin<Options extends object = object> = FastifyPluginAsyncZod<RouteOptions & Options>;

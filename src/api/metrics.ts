/**
 * Prometheus metrics (prom-client), one registry per app: request counts and
 * latencies by route, write outcomes, batch sizes, log size, projection lag
 * and SSE subscribers. Served at /metrics.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ApiMetrics {
  readonly registry: Registry;
  readonly writes: Counter<'command' | 'outcome'>;
  readonly batchEvents: Histogram;
  readonly sseClients: Gauge;
}

export interface MetricSources {
  readonly logSize: () => number;
  readonly projections: () => readonly { name: string; position: number; lag: number }[];
  /** A read-only node's follower: its refusals and when it last verified the writer's state. */
  readonly follower?: {
    readonly refusals: number;
    readonly refusal: unknown;
    readonly lastVerifiedAt: number | undefined;
  };
  /** A federated node's upstreams (issue 16): verified size, lag and refusal of each. */
  readonly upstreams?: () => readonly { url: string; verifiedSize: number; lag?: number; refused?: string }[];
}

export function createMetrics(sources: MetricSources, options: { processMetrics?: boolean } = {}): ApiMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const writes = new Counter({
    name: 'suyuan_writes_total',
    help: 'Commands submitted, by command type and outcome',
    labelNames: ['command', 'outcome'] as const,
    registers: [registry],
  });
  const batchEvents = new Histogram({
    name: 'suyuan_batch_events',
    help: 'Events per committed batch (group commit)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096],
    registers: [registry],
  });
  const sseClients = new Gauge({ name: 'suyuan_sse_clients', help: 'Open event-stream subscriptions', registers: [registry] });
  new Gauge({
    name: 'suyuan_log_size',
    help: 'Events covered by the latest signed checkpoint',
    registers: [registry],
    collect() {
      this.set(sources.logSize());
    },
  });
  const lagHelp = 'Events the projection is behind the log head';
  new Gauge({
    name: 'suyuan_projection_lag',
    help: lagHelp,
    labelNames: ['projection'] as const,
    registers: [registry],
    collect() {
      for (const status of sources.projections()) this.set({ projection: status.name }, status.lag);
    },
  });
  new Gauge({
    name: 'suyuan_projection_position',
    help: 'Events the projection covers',
    labelNames: ['projection'] as const,
    registers: [registry],
    collect() {
      for (const status of sources.projections()) this.set({ projection: status.name }, status.position);
    },
  });
  if (sources.follower) followerMetrics(registry, sources.follower);
  if (sources.upstreams) upstreamMetrics(registry, sources.upstreams);
  return { registry, writes, batchEvents, sseClients };
}

/** followerMetrics: refused catch-ups, whether the follower refuses now, and the age of its last verification of the head. */
function followerMetrics(registry: Registry, follower: NonNullable<MetricSources['follower']>): void {
  new Counter({
    name: 'suyuan_follower_refusals_total',
    help: 'Catch-ups in which the follower refused the stored log (not an extension of what it verified, or failing verification)',
    registers: [registry],
    collect() {
      // The follower counts; the counter only reports its count.
      this.reset();
      this.inc(follower.refusals);
    },
  });
  new Gauge({
    name: 'suyuan_follower_refusing',
    help: '1 while the follower refuses the stored log and serves only the verified prefix, else 0',
    registers: [registry],
    collect() {
      this.set(follower.refusal === undefined ? 0 : 1);
    },
  });
  new Gauge({
    name: 'suyuan_follower_verified_age_seconds',
    help: "Seconds since the follower last verified the writer's latest checkpoint (-1: never)",
    registers: [registry],
    collect() {
      const at = follower.lastVerifiedAt;
      this.set(at === undefined ? -1 : (Date.now() - at) / 1000);
    },
  });
}

/**
 * installRequestMetrics times every request by method, route pattern and
 * status; the histogram's _count is the request count (one update per request).
 */
export function installRequestMetrics(app: FastifyInstance, metrics: ApiMetrics): void {
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status (its _count counts requests)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [metrics.registry],
  });
  // Label children are looked up once per (method, route, status), not per request.
  const timers = new Map<string, { observe(value: number): void }>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `${request.method} ${route} ${reply.statusCode}`;
    let timer = timers.get(key);
    if (!timer) {
      timer = latency.labels(request.method, route, String(reply.statusCode));
      timers.set(key, timer);
    }
    timer.observe(reply.elapsedTime / 1000);
    done();
  });
}

/** upstreamMetrics: per upstream log, what is verified, how far behind, and a 1 once it showed a fork (an alert). */
function upstreamMetrics(registry: Registry, upstreams: NonNullable<MetricSources['upstreams']>): void {
  const gauge = (name: string, help: string, value: (status: ReturnType<typeof upstreams>[number]) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['upstream'] as const,
      registers: [registry],
      collect() {
        for (const status of upstreams()) this.set({ upstream: status.url }, value(status));
      },
    });
  gauge('suyuan_upstream_verified_size', 'Events of the upstream log verified and imported', (status) => status.verifiedSize);
  gauge('suyuan_upstream_lag', "Events the upstream's signed log is ahead of what is imported", (status) => status.lag ?? 0);
  gauge('suyuan_upstream_refused', '1 once the upstream showed a fork (evidence at /v1/federation/evidence): alert on it', (status) =>
    status.refused ? 1 : 0,
  );
}

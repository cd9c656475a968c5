/**
 * Liveness (200 while the process answers), readiness (503 with every reason:
 * starting, an unhealthy writer, a follower refusing the log, a stale reader,
 * a failed projection, lag past the bound) and Prometheus metrics.
 */
import type { WriterHealth } from '../../ledger/index.js';
import { z } from 'zod';
import type { RouteOptions, RoutePlugin } from '../context.js';
import { ProblemError } from '../problem.js';
import { problems } from '../schemas/common.js';
import type { ZodApp } from '../zodApp.js';

const Ready = z.object({
  status: z.literal('ready'),
  size: z.int().describe('events in the signed log'),
  position: z.int().describe('events the read models cover'),
  lag: z.int(),
});

export type HealthOptions = {
  /** Readiness beyond lag (e.g. start-up done). */
  readonly isReady: () => boolean;
  /** Most events the read models may lag behind the log and still be ready. */
  readonly maxLag: number;
  /** The writer's health; always ok on a read-only node. */
  readonly writerHealth: () => WriterHealth;
  /** A read-only node's follower, whose refusal makes the node unready. */
  readonly follower?: { readonly refusal: { readonly detail: string } | undefined };
  /** A federated node's upstreams: a refused or stale one makes the node unready, named. */
  readonly federation?: { notReady(): string[] };
};

/**
 * notReadyReasons lists why this node should get no traffic now, each as a
 * sentence; empty when it is ready. Cheap: probes poll it every few seconds.
 */
function notReadyReasons(ctx: RouteOptions['ctx'], options: HealthOptions, size: number, position: number): string[] {
  const reasons: string[] = [];
  if (!options.isReady()) reasons.push('starting up');
  const writer = options.writerHealth();
  if (!writer.ok) reasons.push(`the writer is unhealthy: ${writer.reason}`);
  const refusal = options.follower?.refusal;
  if (refusal) reasons.push(`the follower refuses the stored log: ${refusal.detail}`);
  const proofs = ctx.log.proofFailure;
  if (proofs) reasons.push(proofs);
  reasons.push(...(options.federation?.notReady() ?? []));
  const stale = ctx.staleness?.();
  if (stale) reasons.push(stale.message);
  for (const status of ctx.read.status()) if (status.failed) reasons.push(`projection ${status.name} ${status.failed}`);
  if (size - position > options.maxLag) reasons.push(`the read models cover ${position} of ${size} events (lag bound ${options.maxLag})`);
  return reasons;
}

export const healthRoutes: RoutePlugin<HealthOptions> = async (app: ZodApp, options) => {
  const { ctx } = options;
  app.get(
    '/health/live',
    { schema: { tags: ['health'], summary: 'The process answers', response: { 200: z.object({ status: z.literal('live') }) } } },
    async () => ({ status: 'live' as const }),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Ready: writer healthy, log verified and current, projections working and caught up (503 names why not)',
        response: { 200: Ready, ...problems(503) },
      },
    },
    async () => {
      const size = ctx.head().size;
      const position = ctx.read.position;
      const lag = Math.max(0, size - position);
      const reasons = notReadyReasons(ctx, options, size, position);
      if (reasons.length > 0) throw new ProblemError('NotReady', reasons.join('; '), { headers: { 'retry-after': '1' } });
      return { status: 'ready' as const, size, position, lag };
    },
  );

  app.get(
    '/metrics',
    { schema: { tags: ['health'], summary: 'Prometheus metrics', response: { 200: z.string() } } },
    async (_request, reply) => {
      const text = await ctx.metrics.registry.metrics();
      return reply.type(ctx.metrics.registry.contentType).send(text);
    },
  );
};

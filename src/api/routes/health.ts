/** Liveness, readiness (projections caught up with the signed log) and Prometheus metrics. */
import { z } from 'zod';
import type { RoutePlugin } from '../context.js';
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
};

export const healthRoutes: RoutePlugin<HealthOptions> = async (app: ZodApp, { ctx, isReady, maxLag }) => {
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
        summary: 'Ready once the read models have caught up with the log',
        response: { 200: Ready, ...problems(503) },
      },
    },
    async () => {
      const size = ctx.head().size;
      const position = ctx.read.position;
      const lag = Math.max(0, size - position);
      if (!isReady() || lag > maxLag) {
        throw new ProblemError('NotReady', `the read models cover ${position} of ${size} events`, { headers: { 'retry-after': '1' } });
      }
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

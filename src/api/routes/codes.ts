/**
 * Code resolution, the hot path (GET /v1/codes/{code}), and tracing
 * (全程追溯). Answers are the read model's JSON text, sent as is: the public
 * view of a hot code costs one map lookup and no serialisation.
 */
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { RateLimited, RoutePlugin } from '../context.js';
import { sendJson } from '../json.js';
import { markErased } from '../personal/erasedMark.js';
import { ProblemError } from '../problem.js';
import { lotAccess, type LotAccess, type RegionOf } from '../read/access.js';
import { RawCodeParamsSchema, checkedCode, problems } from '../schemas/common.js';
import { LineageViewSchema, LotViewSchema } from '../schemas/views.js';
import type { ZodApp } from '../zodApp.js';

const tags = ['codes'];

export const TraceQuery = z.object({
  direction: z
    .enum(['backward', 'forward'])
    .default('backward')
    .describe('backward: towards the farms (来源); forward: towards the buyers (去向)'),
  depth: z.coerce.number().int().min(0).max(1000).optional().describe('steps from the code; default: the whole lineage (operators: 1)'),
  maxNodes: z.coerce.number().int().min(1).max(100_000).default(10_000),
});

export const codeRoutes: RoutePlugin<RateLimited> = async (app: ZodApp, { ctx, rateLimit }) => {
  const unknown = (code: string) => new ProblemError('UnknownLot', `no lot has the trace code ${code}`, { field: 'code' });
  const regionOf: RegionOf = (operatorId) => ctx.read.operatorRegion(operatorId);

  /** The caller's access to a lot; undefined for an unknown code. */
  const accessTo = (principal: Principal | null, code: string): LotAccess | undefined => {
    const facts = ctx.read.accessFacts(code);
    return facts && lotAccess(principal, facts, regionOf);
  };

  app.get(
    '/v1/codes/:code',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Resolve a trace code (扫码): the lot, its origin, certificate and one step back',
        description: 'The public sees upstream provenance only; holders, buyers and children need a key with access to the lot.',
        params: RawCodeParamsSchema,
        response: { 200: LotViewSchema, ...problems(400, 401, 404, 429) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      if (request.principal === null) {
        // Hot path: a known code is valid by construction; only a miss needs the full check (400 or 404).
        const json = ctx.read.lotJson(code, 'public');
        if (json === undefined) throw unknown(checkedCode(code));
        return sendJson(reply, json);
      }
      const access = accessTo(request.principal, checkedCode(code));
      if (access === undefined) throw unknown(code);
      const json = ctx.read.lotJson(code, access === 'public' ? 'public' : 'full')!;
      if (access === 'public' || !json.includes('"buyer":')) return sendJson(reply, json);
      return sendJson(reply, JSON.stringify(await markErased(ctx.vault, JSON.parse(json) as object, 'buyer')));
    },
  );

  app.get(
    '/v1/codes/:code/trace',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Trace a lot backward (来源可查) or forward (去向可追)',
        description:
          "The public and subscribers: backward only. Operators: one step each way on lots they issued, hold, held or receive. Regulators of the lot's region, admins and auditors: whole lineages.",
        params: RawCodeParamsSchema,
        querystring: TraceQuery,
        response: { 200: LineageViewSchema, ...problems(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const { direction, depth, maxNodes } = request.query;
      const code = request.params.code;
      const access: LotAccess = (request.principal === null ? undefined : accessTo(request.principal, code)) ?? 'public';
      if (access === 'public' && direction === 'forward') {
        if (ctx.read.lotJson(code, 'public') === undefined) throw unknown(checkedCode(code));
        throw new ProblemError(
          request.principal ? 'OutOfRegion' : 'Unauthorized',
          'tracing forward (去向) needs a key with access to this lot',
          {
            field: 'direction',
          },
        );
      }
      const maxDepth = access === 'operator' ? Math.min(depth ?? 1, 1) : (depth ?? 1000);
      const json = ctx.read.lineageJson(code, direction, { maxDepth, maxNodes });
      if (json === undefined) throw unknown(checkedCode(code));
      return sendJson(reply, json);
    },
  );
};

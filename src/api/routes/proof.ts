/** GET /v1/codes/{code}/proof: the provenance bundle of a code, verifiable offline (suyuan verify-bundle). */
import type { RateLimited, RoutePlugin } from '../context.js';
import { sendJson } from '../json.js';
import { ProblemError } from '../problem.js';
import { buildBundle } from '../proof/bundle.js';
import { lotAccess, type RegionOf } from '../read/access.js';
import { CodeParamsSchema, problems } from '../schemas/common.js';
import type { ZodApp } from '../zodApp.js';
import { ProofBundleSchema } from '../../verify/index.js';

export const proofRoutes: RoutePlugin<RateLimited> = async (app: ZodApp, { ctx, rateLimit }) => {
  const regionOf: RegionOf = (operatorId) => ctx.read.operatorRegion(operatorId);

  app.get(
    '/v1/codes/:code/proof',
    {
      config: { rateLimit },
      schema: {
        tags: ['codes', 'log'],
        summary: "The code's upstream lineage as signed-log events with inclusion proofs",
        description:
          'Check it with `suyuan verify-bundle FILE --vkey "$(curl /v1/log/key)"`. Public bundles redact events that name a buyer or lead out of the lineage: their hashes, tags and prev links and their inclusion are still proved.',
        params: CodeParamsSchema,
        response: { 200: ProofBundleSchema, ...problems(400, 401, 404, 429) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const facts = ctx.read.accessFacts(code);
      if (!facts) throw new ProblemError('UnknownLot', `no lot has the trace code ${code}`, { field: 'code' });
      const access = lotAccess(request.principal, facts, regionOf);
      const bundle = await buildBundle(
        { read: ctx.read, store: ctx.store, head: ctx.head(), inclusionProof: (index, size) => ctx.log.inclusionProof(index, size) },
        code,
        access !== 'full',
      );
      if (!bundle) throw new ProblemError('UnknownLot', `no lot has the trace code ${code}`, { field: 'code' });
      return sendJson(reply, JSON.stringify(bundle));
    },
  );
};

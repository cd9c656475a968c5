/** GET /v1/codes/{code}/proof: the provenance bundle of a code, verifiable offline (suyuan verify-bundle). */
import type { RateLimited, RoutePlugin } from '../context.js';
import { sendJson } from '../json.js';
import { ProblemError } from '../problem.js';
import { buildBundle } from '../proof/bundle.js';
import { lotAccess, type RegionOf } from '../read/access.js';
import { CodeParamsSchema, problems } from '../schemas/common.js';
import type { ZodApp } from '../zodApp.js';
import { TextCache } from '../../projections/index.js';
import { ProofBundleSchema } from '../../verify/index.js';
import { withCosignatures } from '../../hash/index.js';
import type { CosignatureBook } from '../witness/book.js';

/** Bundles kept ready: a bundle reads every event of a lineage and proves each, so a hot code must not cost that each time. */
const BUNDLE_CACHE = { entries: 2000, bytes: 64 * 1024 * 1024 };

export const proofRoutes: RoutePlugin<RateLimited & { witnesses?: CosignatureBook }> = async (
  app: ZodApp,
  { ctx, rateLimit, witnesses },
) => {
  const regionOf: RegionOf = (operatorId) => ctx.read.operatorRegion(operatorId);
  // A bundle proves inclusion in one checkpoint: the cache holds bundles of the current size only, keyed by
  // the normalised code and the audience, and empties when the log grows.
  const bundles = new TextCache<string>(BUNDLE_CACHE);
  let bundlesAt = '';

  app.get(
    '/v1/codes/:code/proof',
    {
      config: { rateLimit },
      schema: {
        tags: ['codes', 'log'],
        summary: "The code's upstream lineage as signed-log events with inclusion proofs",
        description:
          'Check it with `suyuan verify-bundle FILE --vkey "$(curl /v1/log/key)"`. Public bundles disclose only the events on the path from the code back to its origins; every other event of those lots appears as position, hash, prev and inclusion (no type, tags, codes or operators), and `chains` lists the positions of each lot so the chain is still checked.',
        params: CodeParamsSchema,
        response: { 200: ProofBundleSchema, ...problems(400, 401, 404, 429) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const facts = ctx.read.accessFacts(code);
      if (!facts) throw new ProblemError('UnknownLot', `no lot has the trace code ${code}`, { field: 'code' });
      const redact = lotAccess(request.principal, facts, regionOf) !== 'full';
      const signed = ctx.head();
      // The checkpoint carries the witnesses' cosignatures of its size, once they arrive (issue 16).
      const head = { ...signed, note: withCosignatures(signed.note, witnesses?.linesFor(signed.note) ?? []) };
      // Keyed by the whole note: a witness's newer line of the same size has the same length.
      const at = `${head.size}|${head.note}`;
      if (at !== bundlesAt) {
        bundles.clear();
        bundlesAt = at;
      }
      const key = `${code}|${redact ? 'public' : 'full'}`;
      const kept = bundles.get(key);
      if (kept !== undefined) return sendJson(reply, kept);
      const bundle = await buildBundle(
        { read: ctx.read, store: ctx.store, head, inclusionProof: (index, size) => ctx.log.inclusionProof(index, size) },
        code,
        redact,
      );
      if (!bundle) throw new ProblemError('UnknownLot', `no lot has the trace code ${code}`, { field: 'code' });
      const json = JSON.stringify(bundle);
      if (bundlesAt === at) bundles.set(key, json);
      return sendJson(reply, json);
    },
  );
};

/**
 * The transparency log (DESIGN §4): its public key, latest signed checkpoint,
 * RFC 9162 inclusion and consistency proofs (public), and its events in
 * order for auditors and subscribers (a region-scoped one reads the bodies
 * of its region's events and only the hashes of the rest, see log/scope.ts).
 */
import { z } from 'zod';
import { requireRoles } from '../auth/authenticate.js';
import type { RateLimited, RoutePlugin } from '../context.js';
import { sendJson } from '../json.js';
import { ProblemError } from '../problem.js';
import { LogEntrySchema, logScope, regionLookup } from '../log/scope.js';
import { HexSchema, problems } from '../schemas/common.js';
import { BEARER, type ZodApp } from '../zodApp.js';
import { parseCheckpoint, parseNote, withCosignatures } from '../../hash/index.js';
import type { CosignatureBook } from '../witness/book.js';

const tags = ['log'];
const TEXT = 'text/plain; charset=utf-8';
const Position = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const logRoutes: RoutePlugin<RateLimited & { witnesses?: CosignatureBook }> = async (app: ZodApp, { ctx, rateLimit, witnesses }) => {
  app.get(
    '/v1/log/key',
    { schema: { tags, summary: "The log's public key (signed-note vkey)", response: { 200: z.string() } } },
    async (_request, reply) => reply.type(TEXT).header('cache-control', 'public, max-age=3600').send(`${ctx.log.vkey}\n`),
  );

  app.get(
    '/v1/log/checkpoint',
    {
      schema: { tags, summary: 'The latest signed checkpoint (C2SP tlog-checkpoint)', response: { 200: z.string(), ...problems(503) } },
    },
    async (_request, reply) => {
      const { note } = ctx.head();
      // A reader that refused the log it follows before verifying anything has no checkpoint to vouch for.
      if (note === '') {
        throw new ProblemError('NotReady', 'this node has not verified any signed checkpoint of the log (see /health/ready)');
      }
      return reply
        .type(TEXT)
        .header('cache-control', 'no-cache')
        .send(withCosignatures(note, witnesses?.linesFor(note) ?? []));
    },
  );

  app.post(
    '/v1/log/cosignatures',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: "A witness's cosignature of this log's checkpoint (C2SP tlog-cosignature/v1)",
        description:
          "The body is this log's checkpoint note (text/plain) with the witness's cosignature line added. The cosignature is the " +
          "witness's credential: only witnesses configured here (SUYUAN_WITNESSES) are accepted. The checkpoint is then served with it.",
        body: z.string().max(16_384),
        response: {
          200: z.object({ accepted: z.array(z.object({ name: z.string(), size: z.int(), timestamp: z.int() })) }),
          ...problems(400, 403, 404, 429),
        },
      },
    },
    async (request) => {
      if (!witnesses || witnesses.cosigners.length === 0) {
        throw new ProblemError('WitnessRefused', 'this log accepts no witnesses (SUYUAN_WITNESSES is not set)');
      }
      let size: number;
      try {
        size = parseCheckpoint(parseNote(request.body).text).size;
      } catch (error) {
        throw new ProblemError('ValidationFailed', `body: not a checkpoint note (${(error as Error).message})`, { field: 'body' });
      }
      const stored = await ctx.store.checkpointAt(size);
      if (!stored || stored.size !== size)
        throw new ProblemError('UnknownCheckpoint', `this log signed no checkpoint of size ${size}`, { field: 'body' });
      const outcome = witnesses.accept(request.body, stored);
      if (!outcome.ok) throw new ProblemError('WitnessRefused', outcome.detail, { field: 'body' });
      request.log.info({ witnesses: outcome.accepted.map((entry) => entry.name), size }, 'cosignature accepted');
      return { accepted: outcome.accepted.map(({ name, size: at, timestamp }) => ({ name, size: at, timestamp })) };
    },
  );

  app.get(
    '/v1/log/cosignatures',
    {
      schema: {
        tags,
        summary: "Each witness's latest cosignature of this log: the checkpoint size it covers and the line",
        response: {
          200: z.object({ witnesses: z.array(z.object({ name: z.string(), size: z.int(), timestamp: z.int(), line: z.string() })) }),
        },
      },
    },
    async () => ({ witnesses: (witnesses?.all() ?? []).map(({ name, size, timestamp, line }) => ({ name, size, timestamp, line })) }),
  );

  app.get(
    '/v1/log/proof/inclusion',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Inclusion proof of the event at `index` in the tree of `size` events (default: the checkpoint)',
        querystring: z.object({ index: Position, size: Position.optional() }),
        response: { 200: z.object({ index: z.int(), size: z.int(), hash: HexSchema, proof: z.array(HexSchema) }), ...problems(400, 429) },
      },
    },
    async (request) => {
      const head = ctx.head();
      const size = request.query.size ?? head.size;
      const { index } = request.query;
      if (size > head.size) throw new ProblemError('InvalidQuery', `size ${size} is past the signed log (${head.size})`, { field: 'size' });
      if (index >= size) throw new ProblemError('InvalidQuery', `index ${index} must be below size ${size}`, { field: 'index' });
      const [event] = await ctx.store.readFrom(index, 1);
      if (!event) throw new ProblemError('InvalidQuery', `no event at ${index}`, { field: 'index' });
      return { index, size, hash: event.hash, proof: ctx.log.inclusionProof(index, size) };
    },
  );

  app.get(
    '/v1/log/proof/consistency',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Consistency proof between the trees of `from` and `to` events (RFC 9162 §2.1.4; from ≥ 1)',
        querystring: z.object({ from: Position, to: Position.optional() }),
        response: { 200: z.object({ from: z.int(), to: z.int(), proof: z.array(HexSchema) }), ...problems(400, 429) },
      },
    },
    async (request) => {
      const head = ctx.head();
      const to = request.query.to ?? head.size;
      const { from } = request.query;
      if (to > head.size) throw new ProblemError('InvalidQuery', `to ${to} is past the signed log (${head.size})`, { field: 'to' });
      if (from < 1 || from > to) throw new ProblemError('InvalidQuery', `from must be between 1 and to (${to})`, { field: 'from' });
      return { from, to, proof: ctx.log.consistencyProof(from, to) };
    },
  );

  app.get(
    '/v1/log/events',
    {
      onRequest: requireRoles('auditor', 'subscriber', 'admin'),
      schema: {
        tags,
        summary: 'Events after a position, in log order (page through with `after` = the last position you hold)',
        description:
          'A principal scoped to a region prefix gets the full body of each event that touches its region (a tagged lot issued ' +
          'there, a tagged operator registered there, a principal of that region) and `{ position, hash }` of every other ' +
          'event, enough to rebuild the tree of every signed checkpoint. A nationwide principal gets every body.',
        security: BEARER,
        querystring: z.object({
          after: z.coerce.number().int().min(-1).max(Number.MAX_SAFE_INTEGER).default(-1),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: {
          200: z.object({
            events: z.array(LogEntrySchema),
            size: z.int(),
            next: z.int().optional().describe('`after` for the next page'),
          }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { size } = ctx.head();
      const from = request.query.after + 1;
      const limit = Math.min(request.query.limit, Math.max(0, size - from));
      const sealed = limit > 0 ? await ctx.store.readFrom(from, limit) : [];
      const last = sealed.at(-1);
      const events = sealed.map(logScope(request.principal!, regionLookup(ctx)));
      const page = { events, size, ...(last && last.position + 1 < size ? { next: last.position } : {}) };
      return sendJson(reply, JSON.stringify(page));
    },
  );
};

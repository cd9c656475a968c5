/**
 * GET /v1/log/stream: the log as Server-Sent Events. `id:` is the event's
 * position, so a client that reconnects with Last-Event-ID (or ?after=)
 * resumes exactly after the last event it saw: nothing skipped, nothing
 * twice. Filters by event type and tag prefix; a comment line every
 * heartbeat keeps proxies from closing an idle stream.
 *
 * A reader scoped to a region prefix gets the events outside its region as
 * `event: withheld` with `{ position, hash }` only (log/scope.ts), so it can
 * still rebuild the tree. With a type or tag filter those are left out: a
 * filter matched against a withheld event's type or tags would disclose them.
 *
 * A stream outlives the request that authenticated it, so its key is asked
 * again after every principal event and at least every second: a revoked
 * key, a lost role or (on a read-only node) a stale principal directory ends
 * the stream with a last `event: end` naming the problem.
 */
import { z } from 'zod';
import { PRINCIPALS_TAG, type PrincipalRole } from '../../domain/index.js';
import type { SealedEvent } from '../../store/index.js';
import { bearerDigest, requireRoles } from '../auth/authenticate.js';
import type { Lookup } from '../auth/directory.js';
import type { ApiContext, RoutePlugin } from '../context.js';
import type { HeadWaiter } from '../headWaiter.js';
import { isDisclosed, logScope, regionLookup } from '../log/scope.js';
import { ProblemError } from '../problem.js';
import { problems } from '../schemas/common.js';
import { BEARER, type ZodApp } from '../zodApp.js';

const CHUNK = 500;
const ROLES: readonly PrincipalRole[] = ['auditor', 'subscriber', 'admin'];
/** Longest a stream goes without asking again whether its key still authenticates it. */
const RECHECK_MS = 1000;
const list = (pattern: RegExp, what: string) =>
  z
    .string()
    .max(2000)
    .transform((text) =>
      text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(pattern, what)).max(20));

export const StreamQuery = z.object({
  after: z.coerce
    .number()
    .int()
    .min(-1)
    .max(Number.MAX_SAFE_INTEGER)
    .default(-1)
    .describe('start after this position (-1: from the start)'),
  types: list(/^[a-z][a-zA-Z.]{0,63}$/, 'event type, or a prefix ending in "."')
    .optional()
    .describe('comma-separated: lot.shipped,operator.'),
  tags: list(/^[\x21-\x7e]{1,100}$/, 'tag prefix')
    .optional()
    .describe('comma-separated tag prefixes: lot:1440113,operator:'),
});

/** Options: `waiter` wakes a stream when the signed log grows. */
export const streamRoutes: RoutePlugin<{ readonly waiter: HeadWaiter }> = async (app: ZodApp, { ctx, waiter }) => {
  const open = new Set<AbortController>();
  app.addHook('preClose', (done) => {
    for (const controller of open) controller.abort();
    done();
  });

  app.get(
    '/v1/log/stream',
    {
      onRequest: requireRoles(...ROLES),
      schema: {
        tags: ['log'],
        summary: 'Follow the log as Server-Sent Events (id = position; resume with Last-Event-ID)',
        description:
          'A principal scoped to a region prefix gets events outside its region as `event: withheld` with data ' +
          '`{ position, hash }`; with a `types` or `tags` filter those are left out.',
        security: BEARER,
        querystring: StreamQuery,
        response: { 200: z.string().describe('text/event-stream'), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const lastEventId = request.headers['last-event-id'];
      let next = request.query.after + 1;
      if (lastEventId !== undefined) {
        if (typeof lastEventId !== 'string' || !/^(0|[1-9]\d{0,15})$/.test(lastEventId.trim())) {
          throw new ProblemError('ValidationFailed', 'Last-Event-ID must be an event position', { field: 'last-event-id' });
        }
        next = Number(lastEventId.trim()) + 1;
      }
      const matches = matcher(request.query.types, request.query.tags);
      const filtered = (request.query.types?.length ?? 0) > 0 || (request.query.tags?.length ?? 0) > 0;
      const disclose = logScope(request.principal!, regionLookup(ctx));
      const controller = new AbortController();
      open.add(controller);
      const raw = reply.raw;
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
        'x-request-id': String(request.id),
      });
      raw.write('retry: 1000\n\n');
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), ctx.heartbeatMs);
      request.raw.on('close', () => controller.abort());
      raw.on('error', () => controller.abort());
      ctx.metrics.sseClients.inc();
      const { signal } = controller;
      const check = principalCheck(ctx, bearerDigest(request.headers.authorization));
      let ended: ProblemError | undefined;
      const recheck = () => {
        ended ??= check();
        if (ended) controller.abort();
      };
      const recheckTimer = setInterval(recheck, RECHECK_MS);
      // The directory hears of each commit before this listener (it attached first), so the lookup sees the event.
      const stopWatching = ctx.log.onCommit((events) => {
        if (events.some((event) => event.tags.includes(PRINCIPALS_TAG))) recheck();
      });
      try {
        while (!signal.aborted) {
          const size = ctx.head().size;
          if (next >= size) {
            await waiter.wait(next, signal);
            continue;
          }
          const events = await ctx.store.readFrom(next, Math.min(CHUNK, size - next));
          if (events.length === 0) break;
          for (const event of events) {
            if (signal.aborted) break;
            next = event.position + 1;
            const entry = disclose(event);
            const shown = isDisclosed(entry) ? matches(entry) : !filtered;
            if (!shown) continue;
            const name = isDisclosed(entry) ? entry.type : 'withheld';
            if (!raw.write(`id: ${event.position}\nevent: ${name}\ndata: ${JSON.stringify(entry)}\n\n`)) {
              await drained(raw, signal);
            }
          }
        }
      } catch (error) {
        request.log.warn({ err: error }, 'event stream stopped');
      } finally {
        clearInterval(heartbeat);
        clearInterval(recheckTimer);
        stopWatching();
        open.delete(controller);
        ctx.metrics.sseClients.dec();
        if (ended) raw.write(`event: end\ndata: ${JSON.stringify({ code: ended.code, detail: ended.message })}\n\n`);
        raw.end();
      }
    },
  );
};

/**
 * principalCheck asks the directory, as it stands now, whether the stream's
 * key still authenticates a principal of the route's roles; it returns the
 * problem that ends the stream, or undefined.
 */
function principalCheck(ctx: ApiContext, digest: string | undefined): () => ProblemError | undefined {
  const allowed = new Set(ROLES);
  return () => {
    const stale = ctx.staleness?.();
    if (stale) return stale;
    const found: Lookup = digest === undefined ? { kind: 'unknown' } : ctx.principals.lookup(digest);
    if (found.kind === 'revoked') return new ProblemError('KeyRevoked', 'the API key has been revoked');
    if (found.kind !== 'active') return new ProblemError('InvalidKey', 'the API key is no longer known');
    if (!allowed.has(found.principal.role)) return new ProblemError('RoleForbidden', `a ${found.principal.role} may not follow the log`);
    return undefined;
  };
}

function matcher(types: readonly string[] | undefined, tags: readonly string[] | undefined): (event: SealedEvent) => boolean {
  const typeOk = (type: string) =>
    !types || types.length === 0 || types.some((wanted) => (wanted.endsWith('.') ? type.startsWith(wanted) : type === wanted));
  const tagOk = (eventTags: readonly string[]) =>
    !tags || tags.length === 0 || eventTags.some((tag) => tags.some((prefix) => tag.startsWith(prefix)));
  return (event) => typeOk(event.type) && tagOk(event.tags);
}

function drained(raw: NodeJS.WritableStream, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      raw.removeListener('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    raw.once('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}

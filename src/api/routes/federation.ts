/**
 * A federated node's entry (issue 16): lookups of codes it does not issue itself are answered by
 * the read-only API of the upstream whose verified log holds them, so one entry serves every
 * province; `GET /v1/federation/upstreams` says how far each upstream is verified, and
 * `GET /v1/federation/evidence` serves the fork evidence anyone can check with the upstream's key.
 */
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePlugin } from '../context.js';
import type { ZodApp } from '../zodApp.js';

/** One upstream as the API reports it. */
export type UpstreamView = {
  readonly url: string;
  readonly verifiedSize: number;
  readonly lag?: number;
  readonly refused?: string;
  readonly [field: string]: unknown;
};

/** What the API needs of a federation (src/federation implements it). */
export interface FederationPort {
  /** The upstream API that can answer for `code`, if any. */
  appFor(code: string): Pick<ZodApp, 'inject'> | undefined;
  /** The upstream API whose directory has the operator, if any (the directories merge at this entry). */
  appForOperator(operatorId: string): Pick<ZodApp, 'inject'> | undefined;
  statuses(): readonly UpstreamView[];
  evidence(): readonly Readonly<Record<string, unknown>>[];
  notReady(): string[];
}

/** Paths about one code: the lot, its trace, proof, EPCIS and FSMA exports, and the consumer page. */
const CODE_PATH = /^\/(?:v1\/codes|c)\/([^/?#]+)/;
const HOP_HEADERS = new Set(['connection', 'transfer-encoding', 'content-length', 'keep-alive']);

/** Dot segments, encoded dots, slashes or backslashes in a path. */
const UNSAFE_PATH = /(?:^|\/)\.\.?(?:\/|$)|%2e|%2f|%5c|\\/i;

/** Paths about one operator: its record and its public page. */
const OPERATOR_PATH = /^\/(?:v1\/operators|o)\/([^/?#]+)/;

/** forwardToUpstream: an onRequest hook answering a code or operator this node does not know from the upstream that does. */
export function forwardToUpstream(
  federation: FederationPort,
  knows: { readonly code: (code: string) => boolean; readonly operator: (operatorId: string) => boolean },
  /** The public rate limit, applied to forwarded requests (it throws the 429). */
  limit?: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown> | unknown,
) {
  const upstreamFor = (url: string): Pick<ZodApp, 'inject'> | undefined => {
    // Never forward a path with dot segments or encoded separators: the upstream might resolve it elsewhere.
    if (UNSAFE_PATH.test(url.split('?')[0] ?? '')) return undefined;
    const code = CODE_PATH.exec(url)?.[1];
    if (code !== undefined) return knows.code(safeDecode(code)) ? undefined : federation.appFor(safeDecode(code));
    const operator = OPERATOR_PATH.exec(url)?.[1];
    if (operator !== undefined) return knows.operator(safeDecode(operator)) ? undefined : federation.appForOperator(safeDecode(operator));
    return undefined;
  };
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const upstream = upstreamFor(request.url);
    if (!upstream) return;
    if (limit && request.principal === null) await limit(request, reply);
    if (reply.sent) return;
    const answer = await upstream.inject({
      method: request.method,
      url: request.url,
      headers: {
        ...(request.headers.accept ? { accept: request.headers.accept } : {}),
        'accept-language': request.headers['accept-language'] ?? '',
      },
    });
    for (const [name, value] of Object.entries(answer.headers))
      if (!HOP_HEADERS.has(name) && value !== undefined) reply.header(name, value);
    reply.header('x-suyuan-source', 'upstream');
    await reply.code(answer.statusCode).send(answer.rawPayload);
  };
}

/** safeDecode: a percent-decoded path segment, or the segment itself when it is not valid percent-encoding (the route answers that). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const federationRoutes: RoutePlugin<{ federation: FederationPort }> = async (app: ZodApp, { federation }) => {
  app.get(
    '/v1/federation/upstreams',
    {
      schema: {
        tags: ['federation'],
        summary: 'Each upstream log this node follows: verified size, its signed size, lag, last import and error, refusal',
        response: { 200: z.object({ upstreams: z.array(z.looseObject({})) }) },
      },
    },
    async () => ({ upstreams: federation.statuses().map((status) => ({ ...status })) }),
  );

  app.get(
    '/v1/federation/evidence',
    {
      schema: {
        tags: ['federation'],
        summary: "Fork evidence: two checkpoints an upstream's log key signed that cannot be one history (check it with that key alone)",
        response: { 200: z.object({ evidence: z.array(z.looseObject({})) }) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-cache');
      return { evidence: federation.evidence().map((item) => ({ ...item })) };
    },
  );
};

/**
 * The operator's public face to regulators and programmes (issue 12, items 1
 * and 7): the printable identity card (电子身份标识) and the trace hook
 * (追溯挂钩) — whether it is under trace management. Public, rate-limited.
 */
import { z } from 'zod';
import { OperatorIdSchema } from '../../domain/index.js';
import { TraceStatusSchema } from '../../projections/index.js';
import type { RateLimited, RoutePlugin } from '../context.js';
import { identityCardPng, identityCardSvg, operatorUrl } from '../pages/identityCard.js';
import { publicBaseUrl } from '../pages/publicUrl.js';
import { ProblemError } from '../problem.js';
import { problems } from '../schemas/common.js';
import { TraceStatusQuery } from '../schemas/regulation.js';
import type { ZodApp } from '../zodApp.js';

const tags = ['operators'];
const IdParams = z.object({ id: OperatorIdSchema });
/** Images may be embedded by a console on another origin (the JSON API's default is same-origin). */
const IMAGE_HEADERS = { 'cross-origin-resource-policy': 'cross-origin', 'cache-control': 'no-cache' };

export interface OperatorIdentityOptions extends RateLimited {
  /** Base URL printed in the QR code (SUYUAN_PUBLIC_URL); default: from the request. */
  readonly publicUrl?: string | undefined;
  /** Default window of the trace hook, in days (SUYUAN_TRACE_WINDOW_DAYS). */
  readonly traceWindowDays: number;
}

export const operatorIdentityRoutes: RoutePlugin<OperatorIdentityOptions> = async (
  app: ZodApp,
  { ctx, rateLimit, publicUrl, traceWindowDays },
) => {
  const operatorOf = (id: string) => {
    const operator = ctx.read.operator(id);
    if (!operator) throw new ProblemError('UnknownOperator', `no operator ${id}`, { field: 'id' });
    return operator;
  };

  app.get(
    '/v1/operators/:id/identity.svg',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: "The operator's printable identity card (电子身份标识): a QR code of its public page /o/{id}, name, region, status",
        params: IdParams,
        response: { 200: z.string().describe('image/svg+xml'), ...problems(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const operator = operatorOf(request.params.id);
      const svg = await identityCardSvg(operator, operatorUrl(publicBaseUrl(publicUrl, request), operator.id));
      return reply.headers(IMAGE_HEADERS).type('image/svg+xml; charset=utf-8').send(svg);
    },
  );

  app.get(
    '/v1/operators/:id/identity.png',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: "The identity card's QR code as a PNG (with its quiet zone), for label printers",
        params: IdParams,
        response: { 200: z.unknown().describe('image/png'), ...problems(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const operator = operatorOf(request.params.id);
      const png = await identityCardPng(operatorUrl(publicBaseUrl(publicUrl, request), operator.id));
      return reply.headers(IMAGE_HEADERS).type('image/png').send(png);
    },
  );

  app.get(
    '/v1/operators/:id/trace-status',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'The trace hook (追溯挂钩): whether the operator is under trace management, since when, its activity in the window',
        description:
          'Under trace: approved and active, with lots recorded within the window. Each valid certification says whether lots claim it.',
        params: IdParams,
        querystring: TraceStatusQuery,
        response: { 200: TraceStatusSchema, ...problems(400, 404, 429) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const windowDays = request.query.windowDays ?? traceWindowDays;
      const status = ctx.read.regulation.traceStatus(id, { windowDays }, new Date());
      if (!status) throw new ProblemError('UnknownOperator', `no operator ${id}`, { field: 'id' });
      return status;
    },
  );
};

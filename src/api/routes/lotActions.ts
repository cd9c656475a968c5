/** What happens to an existing lot: accept or reject it, record on it, sell from it, freeze or release it. */
import type { z } from 'zod';
import type { Command } from '../../domain/index.js';
import { requireRoles } from '../auth/authenticate.js';
import type { RoutePlugin } from '../context.js';
import { CodeParamsSchema, problems } from '../schemas/common.js';
import { EmptyBody, FreezeBody, FreezeWritten, LotAnswered, LotWritten, ReasonBody, RecordBody, SaleBody } from '../schemas/writes.js';
import { submit } from '../write.js';
import { BEARER, WriteHeaders, type ZodApp } from '../zodApp.js';

const tags = ['lots'];
const writeProblems = problems(400, 401, 403, 404, 409, 422, 503);
const common = { tags, security: BEARER, headers: WriteHeaders, params: CodeParamsSchema };

export const lotActionRoutes: RoutePlugin = async (app: ZodApp, { ctx }) => {
  app.post(
    '/v1/lots/:code/accept',
    {
      onRequest: requireRoles('operator'),
      schema: {
        ...common,
        summary: 'Confirm a lot shipped to you (确认收货)',
        body: EmptyBody,
        response: { 200: LotAnswered, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const written = await submit(ctx, request, reply, () => ({ type: 'lot.accept', code }));
      return { code, status: 'received' as const, ledger: written.receipt };
    },
  );

  app.post(
    '/v1/lots/:code/reject',
    {
      onRequest: requireRoles('operator'),
      schema: {
        ...common,
        summary: 'Refuse a lot shipped to you (拒收); its quantity returns to the sender',
        body: ReasonBody,
        response: { 200: LotAnswered, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const written = await submit(ctx, request, reply, () => ({ type: 'lot.reject', code, reason: request.body.reason }));
      return { code, status: 'rejected' as const, ledger: written.receipt };
    },
  );

  app.post(
    '/v1/lots/:code/records',
    {
      onRequest: requireRoles('operator'),
      schema: {
        ...common,
        summary: 'Record a production record on a lot you hold (生产记录: input use, operation, environment, processing)',
        body: RecordBody,
        response: { 201: LotWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const record = request.body as z.infer<typeof RecordBody>;
      const written = await submit(ctx, request, reply, () => ({ type: 'lot.record', code, record }));
      reply.code(201);
      return { code, ledger: written.receipt };
    },
  );

  app.post(
    '/v1/lots/:code/sales',
    {
      onRequest: requireRoles('operator'),
      schema: {
        ...common,
        summary: 'Record a retail sale from a lot you hold (零售)',
        body: SaleBody,
        response: { 201: LotWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const written = await submit(ctx, request, reply, () => ({ type: 'lot.sell', code, quantity: request.body.quantity }));
      reply.code(201);
      return { code, ledger: written.receipt };
    },
  );

  for (const action of ['freeze', 'release'] as const) {
    app.post(
      `/v1/lots/:code/${action}`,
      {
        onRequest: requireRoles('inspector', 'monitor', 'enforcer', 'admin'),
        schema: {
          ...common,
          summary: action === 'freeze' ? 'Freeze a lot, and optionally its descendants (冻结)' : 'Release a frozen lot (解冻)',
          body: FreezeBody,
          response: { 200: FreezeWritten, ...writeProblems },
        },
      },
      async (request, reply) => {
        const { code } = request.params;
        const { reason, cascade } = request.body;
        const command: Command = { type: action === 'freeze' ? 'lot.freeze' : 'lot.release', code, reason, cascade };
        const written = await submit(ctx, request, reply, () => command);
        const { codes } = written.events[0]!.data as { codes: string[] };
        return { codes, ledger: written.receipt };
      },
    );
  }
};

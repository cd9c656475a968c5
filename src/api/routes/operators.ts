/** Operators (经营主体): registration, review, certifications, status, views and the regional directory. */
import { z } from 'zod';
import {
  OPERATOR_STATUSES,
  OperatorIdSchema,
  RegionPrefixSchema,
  maskedPersonName,
  type Command,
  type OperatorStatus,
} from '../../domain/index.js';
import { publicOr, requireRoles } from '../auth/authenticate.js';
import type { RateLimited, RoutePlugin } from '../context.js';
import { citizenIdDigest, freshOperatorId } from '../identity.js';
import { sendJson } from '../json.js';
import { ProblemError } from '../problem.js';
import { operatorAccess, publicOperator, regulatorRegion } from '../read/access.js';
import { problems } from '../schemas/common.js';
import { HoldingsSchema, OperatorPageSchema, OperatorViewSchema } from '../schemas/views.js';
import { keyDigest, newApiKey } from '../auth/keys.js';
import {
  CertificationBody,
  CertificationConfirmed,
  CertificationParams,
  CertificationWritten,
  OperatorWritten,
  RegisterOperatorBody,
  ReviewBody,
  StatusBody,
} from '../schemas/writes.js';
import { markErased } from '../personal/erasedMark.js';
import { operatorRecorder, sealPersonal } from '../personal/seal.js';
import { submit } from '../write.js';
import { BEARER, WriteHeaders, type ZodApp } from '../zodApp.js';

const tags = ['operators'];
const IdParams = z.object({ id: OperatorIdSchema });
const AFTER_STATUS: Record<z.infer<typeof StatusBody>['action'], OperatorStatus> = {
  suspend: 'suspended',
  reinstate: 'approved',
  withdraw: 'withdrawn',
};
const writeProblems = problems(400, 401, 403, 404, 409, 422, 503);

export const operatorRoutes: RoutePlugin<RateLimited> = async (app: ZodApp, { ctx, rateLimit }) => {
  app.post(
    '/v1/operators',
    {
      onRequest: publicOr('operator', 'reviewer', 'admin'),
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Register an operator (用户注册); a reviewer of its region approves it',
        description: 'Anyone may file. An organisation is identified by its USCC; a person by a citizen ID, kept only as a keyed digest.',
        headers: WriteHeaders,
        body: RegisterOperatorBody,
        response: { 201: OperatorWritten, 200: OperatorWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { id, citizenId, uscc, registrantKey, address, contact, ...filed } = request.body;
      const operatorId = id ?? uscc ?? freshOperatorId(filed.region);
      // The contact person and phone, and an individual's name and home address, go to the vault; a
      // business's name and address stay public. The log names an individual by a masked name.
      const personalAddress = filed.kind === 'individual';
      const sealed = sealPersonal(personalAddress ? { ...contact, registeredName: filed.name, address } : contact, {
        recordedBy: operatorRecorder(operatorId),
        region: filed.region,
      });
      // A public registrant proves it filed by a secret of its own: only the secret's digest is logged,
      // so it is made here (or taken back from the registrant), never read from the log or the body's digest.
      const issuedKey = request.principal === null && registrantKey === undefined ? newApiKey() : undefined;
      const secret = registrantKey ?? issuedKey;
      const command: Command = {
        type: 'operator.register',
        operatorId,
        ...filed,
        ...(personalAddress ? { name: maskedPersonName(filed.name) } : { address }),
        contact: sealed.pointer,
        ...(uscc === undefined ? {} : { uscc }),
        ...(citizenId === undefined ? {} : { citizenId, citizenIdDigest: citizenIdDigest(ctx.citizenIdSecret, citizenId) }),
        ...(request.principal === null && secret !== undefined ? { registrantKeyDigest: keyDigest(secret) } : {}),
      };
      const written = await submit(ctx, request, reply, () => command, { vault: [sealed.row] });
      const data = written.events[0]!.data as { operatorId: string };
      reply.code(written.replayed ? 200 : 201).header('location', `/v1/operators/${data.operatorId}`);
      const shown = issuedKey !== undefined && !written.replayed ? { registrantKey: issuedKey } : {};
      return { operatorId: data.operatorId, status: 'pending' as const, ...shown, ledger: written.receipt };
    },
  );

  app.post(
    '/v1/operators/:id/review',
    {
      onRequest: requireRoles('reviewer', 'admin'),
      schema: {
        tags,
        summary: 'Approve or reject a pending registration (在线审核)',
        security: BEARER,
        headers: WriteHeaders,
        params: IdParams,
        body: ReviewBody,
        response: { 200: OperatorWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { decision, reason } = request.body;
      const written = await submit(ctx, request, reply, () => ({
        type: 'operator.review',
        operatorId: request.params.id,
        decision,
        ...(reason === undefined ? {} : { reason }),
      }));
      const status = decision === 'approve' ? ('approved' as const) : ('rejected' as const);
      return { operatorId: request.params.id, status, ledger: written.receipt };
    },
  );

  app.post(
    '/v1/operators/:id/certifications',
    {
      onRequest: requireRoles('operator', 'reviewer', 'admin'),
      schema: {
        tags,
        summary: 'Record a green, organic or GI certification (带证上网)',
        security: BEARER,
        headers: WriteHeaders,
        params: IdParams,
        body: CertificationBody,
        response: { 201: CertificationWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const written = await submit(ctx, request, reply, () => ({
        type: 'operator.certify',
        operatorId: request.params.id,
        certification: request.body,
      }));
      reply.code(201);
      return { operatorId: request.params.id, certification: request.body, ledger: written.receipt };
    },
  );

  app.post(
    '/v1/operators/:id/certifications/:type/:number/confirmation',
    {
      onRequest: requireRoles('reviewer', 'admin'),
      schema: {
        tags,
        summary: 'Confirm a certification the operator declared itself (自我声明 → 已核验)',
        security: BEARER,
        headers: WriteHeaders,
        params: CertificationParams,
        response: { 201: CertificationConfirmed, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { id, type, number } = request.params;
      const written = await submit(ctx, request, reply, () => ({
        type: 'operator.confirmCertification',
        operatorId: id,
        certification: { type, number },
      }));
      reply.code(201);
      return { operatorId: id, certification: { type, number }, ledger: written.receipt };
    },
  );

  app.post(
    '/v1/operators/:id/status',
    {
      onRequest: requireRoles('operator', 'reviewer', 'enforcer', 'admin'),
      schema: {
        tags,
        summary: 'Suspend, reinstate or withdraw an operator',
        security: BEARER,
        headers: WriteHeaders,
        params: IdParams,
        body: StatusBody,
        response: { 200: OperatorWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { action, reason } = request.body;
      const written = await submit(ctx, request, reply, () => ({
        type: 'operator.changeStatus',
        operatorId: request.params.id,
        action,
        reason,
      }));
      return { operatorId: request.params.id, status: AFTER_STATUS[action], ledger: written.receipt };
    },
  );

  app.get(
    '/v1/operators/:id',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'An operator: public fields for everyone, contact and history for itself, its regulators and auditors',
        params: IdParams,
        response: { 200: OperatorViewSchema, ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const operator = ctx.read.operator(request.params.id);
      if (!operator) throw new ProblemError('UnknownOperator', `no operator ${request.params.id}`, { field: 'id' });
      const full = operatorAccess(request.principal, operator.id, operator.region);
      const shown = full ? await markErased(ctx.vault, operator, 'contact') : publicOperator(operator);
      return sendJson(reply, JSON.stringify(shown));
    },
  );

  app.get(
    '/v1/operators/:id/holdings',
    {
      schema: {
        tags,
        summary: 'The live lots an operator holds and those on their way to it',
        security: BEARER,
        params: IdParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(10_000).optional(), after: z.string().max(64).optional() }),
        response: { 200: HoldingsSchema, ...problems(400, 401, 403, 404) },
      },
      onRequest: requireRoles('operator', 'reviewer', 'inspector', 'monitor', 'enforcer', 'admin', 'auditor'),
    },
    async (request, reply) => {
      const operator = ctx.read.operator(request.params.id);
      if (!operator) throw new ProblemError('UnknownOperator', `no operator ${request.params.id}`, { field: 'id' });
      if (!operatorAccess(request.principal, operator.id, operator.region)) {
        throw new ProblemError('OutOfRegion', `operator ${operator.id} is outside what this principal may see`, { field: 'id' });
      }
      const { limit, after } = request.query;
      const holdings = ctx.read.holdings(operator.id, {
        ...(limit === undefined ? {} : { limit }),
        ...(after === undefined ? {} : { after }),
      });
      return sendJson(reply, JSON.stringify(holdings));
    },
  );

  app.get(
    '/v1/operators',
    {
      onRequest: requireRoles('reviewer', 'inspector', 'monitor', 'enforcer', 'admin', 'auditor'),
      schema: {
        tags,
        summary: 'The directory of supervised operators (监管主体目录) by region prefix and status',
        security: BEARER,
        querystring: z.object({
          region: RegionPrefixSchema.optional().describe("region prefix; default: the caller's region"),
          status: z.enum(OPERATOR_STATUSES).optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
          after: z.string().max(200).optional(),
        }),
        response: { 200: OperatorPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { region, status, limit, after } = request.query;
      const regionPrefix = regulatorRegion(request.principal!, region);
      const page = ctx.read.operators({
        regionPrefix,
        ...(status === undefined ? {} : { status }),
        ...(limit === undefined ? {} : { limit }),
        ...(after === undefined ? {} : { after }),
      });
      return sendJson(reply, JSON.stringify(page));
    },
  );
};

/** /v1/principals and /v1/me: API keys as principals in the log (admin only, except /v1/me). */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { PRINCIPAL_ROLES, regionCovers, type CreatePrincipal, type PrincipalState } from '../../domain/index.js';
import { requireRoles } from '../auth/authenticate.js';
import { keyDigest, newApiKey } from '../auth/keys.js';
import type { Principal } from '../auth/principal.js';
import type { RoutePlugin } from '../context.js';
import { ProblemError } from '../problem.js';
import { problems } from '../schemas/common.js';
import { PrincipalViewSchema } from '../schemas/views.js';
import { CreatePrincipalBody, PrincipalCreated, PrincipalRevoked, RevokeBody } from '../schemas/writes.js';
import { submit } from '../write.js';
import { BEARER, WriteHeaders, type ZodApp } from '../zodApp.js';

const tags = ['principals'];
const IdParams = z.object({ id: z.string().min(1).max(64) });

export const principalRoutes: RoutePlugin = async (app: ZodApp, { ctx }) => {
  app.post(
    '/v1/principals',
    {
      onRequest: requireRoles('admin'),
      schema: {
        tags,
        summary: 'Create an API principal and its key (the key is shown once)',
        security: BEARER,
        headers: WriteHeaders,
        body: CreatePrincipalBody,
        response: { 200: PrincipalCreated, 201: PrincipalCreated, ...problems(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const key = newApiKey();
      const { body } = request;
      const id = body.id ?? `pr-${randomBytes(8).toString('hex')}`;
      const written = await submit(ctx, request, reply, () => ({
        type: 'principal.create',
        id,
        name: body.name,
        role: body.role,
        ...(body.region === undefined ? {} : { region: body.region }),
        ...(body.operatorId === undefined ? {} : { operatorId: body.operatorId }),
        keyDigest: keyDigest(key),
      }));
      const data = written.events[0]!.data as Omit<CreatePrincipal, 'type'>;
      reply.code(written.replayed ? 200 : 201);
      const { keyDigest: _digest, ...shown } = data;
      return { ...shown, ...(written.replayed ? {} : { key }), ledger: written.receipt };
    },
  );

  app.get(
    '/v1/principals',
    {
      onRequest: requireRoles('admin'),
      schema: {
        tags,
        summary: "List the principals within the admin's region",
        security: BEARER,
        response: { 200: z.object({ principals: z.array(PrincipalViewSchema) }), ...problems(401, 403) },
      },
    },
    async (request) => {
      const admin = request.principal!;
      const principals = ctx.principals
        .list()
        .filter((state) => covers(admin, state))
        .map(view);
      return { principals };
    },
  );

  app.get(
    '/v1/principals/:id',
    {
      onRequest: requireRoles('admin'),
      schema: {
        tags,
        summary: 'One principal',
        security: BEARER,
        params: IdParams,
        response: { 200: PrincipalViewSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const state = ctx.principals.get(request.params.id);
      if (!state || !covers(request.principal!, state))
        throw new ProblemError('UnknownPrincipal', `no principal ${request.params.id}`, { field: 'id' });
      return view(state);
    },
  );

  app.post(
    '/v1/principals/:id/revoke',
    {
      onRequest: requireRoles('admin'),
      schema: {
        tags,
        summary: 'Revoke a principal: its key stops working on every node that follows the log',
        security: BEARER,
        headers: WriteHeaders,
        params: IdParams,
        body: RevokeBody,
        response: { 200: PrincipalRevoked, ...problems(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const written = await submit(ctx, request, reply, () => ({
        type: 'principal.revoke',
        id: request.params.id,
        reason: request.body.reason,
      }));
      return { id: request.params.id, status: 'revoked' as const, ledger: written.receipt };
    },
  );

  app.get(
    '/v1/me',
    {
      onRequest: requireRoles(...PRINCIPAL_ROLES),
      schema: { tags, summary: 'The principal of this key', security: BEARER, response: { 200: PrincipalViewSchema, ...problems(401) } },
    },
    async (request) => {
      const me = request.principal!;
      const state = ctx.principals.get(me.id);
      return state ? view(state) : { ...me, status: 'active' as const };
    },
  );
};

function view(state: PrincipalState): z.infer<typeof PrincipalViewSchema> {
  const { entity: _entity, keyDigest: _digest, reason: _reason, revokedBy: _by, ...shown } = state;
  return shown;
}

/** A regional admin sees and manages only the principals of its region; nationwide ones need a nationwide admin. */
function covers(admin: Principal, state: PrincipalState): boolean {
  const region = state.region ?? '';
  return region === '' ? admin.region === '' : regionCovers(admin.region, region);
}

/**
 * /v1/activations: device activation (issue 14). An admin, or a reviewer for an operator's principal
 * in its region, issues a one-time link for a principal: a NEW principal with the same role, region
 * and operator ('<name> · 设备') is created through the log like any other (its key's digest only),
 * and its key waits in memory under a random token (auth/activations.ts). The link carries the token
 * in its fragment (`/app/activate#<token>`), which browsers never send, so neither the key nor the
 * token reaches a server log; the app posts the token to /v1/activations/redeem once.
 * Each device gets a principal of its own, so one lost phone is revoked without signing out the others.
 */
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { z } from 'zod';
import { PrincipalIdSchema } from '../../domain/index.js';
import { ACTIVATION_TOKEN_PATTERN, type Activations } from '../auth/activations.js';
import { requireRoles } from '../auth/authenticate.js';
import { keyDigest, newApiKey } from '../auth/keys.js';
import { principalFromState } from '../auth/principal.js';
import type { RateLimited, RoutePlugin } from '../context.js';
import { publicBaseUrl } from '../pages/publicUrl.js';
import { ProblemError } from '../problem.js';
import { problems } from '../schemas/common.js';
import { submit } from '../write.js';
import { BEARER, type ZodApp } from '../zodApp.js';

const tags = ['principals'];

const ActivatedPrincipal = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  region: z.string().describe("region prefix; '' = nationwide"),
  operatorId: z.string().optional(),
});

const CreateActivationBody = z.strictObject({
  principalId: PrincipalIdSchema.describe('the principal whose device this is; the device gets a principal of its own like it'),
});
const ActivationCreated = z.object({
  activationUrl: z.string().describe('open on the device; the token is in the fragment, which never reaches the server'),
  expiresAt: z.string().describe('ISO 8601; the link works once, until then'),
  qrSvg: z.string().describe('the activationUrl as a QR code (SVG)'),
  principal: ActivatedPrincipal.describe('the principal the device will act as'),
});
const RedeemBody = z.strictObject({ token: z.string().regex(ACTIVATION_TOKEN_PATTERN, 'an activation token: 43 base64url characters') });
const Redeemed = z.object({ key: z.string().describe('the API key of this device, shown this once'), principal: ActivatedPrincipal });

export interface ActivationRouteOptions extends RateLimited {
  readonly activations: Activations;
  readonly publicUrl?: string | undefined;
}

export const activationRoutes: RoutePlugin<ActivationRouteOptions> = async (app: ZodApp, { ctx, rateLimit, activations, publicUrl }) => {
  app.post(
    '/v1/activations',
    {
      onRequest: requireRoles('admin', 'reviewer'),
      schema: {
        tags,
        summary:
          'Issue a one-time device activation link (and QR) for a principal: a new principal like it, whose key the link hands out once',
        security: BEARER,
        body: CreateActivationBody,
        response: { 201: ActivationCreated, ...problems(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      if (request.headers['idempotency-key'] !== undefined) {
        // A replay could not show the key again (only its digest is kept): each activation is new.
        throw new ProblemError('InvalidIdempotencyKey', 'an activation is never replayed: send it without an Idempotency-Key', {
          field: 'idempotency-key',
        });
      }
      const issuer = request.principal!;
      const target = ctx.principals.get(request.body.principalId);
      if (!target) throw new ProblemError('UnknownPrincipal', `no principal ${request.body.principalId}`, { field: 'principalId' });
      if (target.status === 'revoked') {
        throw new ProblemError('PrincipalRevoked', `principal ${target.id} is revoked`, { field: 'principalId' });
      }
      if (issuer.role === 'reviewer' && target.role !== 'operator') {
        throw new ProblemError('RoleForbidden', "a reviewer activates devices of operators' principals only", { field: 'principalId' });
      }
      if (!activations.hasRoom()) throw new ProblemError('Unavailable', 'too many activations are pending; retry in a few minutes');
      const key = newApiKey();
      const id = `pr-${randomBytes(8).toString('hex')}`;
      const name = `${target.name.slice(0, 90)} · 设备`;
      await submit(ctx, request, reply, () => ({
        type: 'principal.create',
        id,
        name,
        role: target.role,
        ...(target.region === undefined ? {} : { region: target.region }),
        ...(target.operatorId === undefined ? {} : { operatorId: target.operatorId }),
        keyDigest: keyDigest(key),
      }));
      const created = ctx.principals.get(id);
      const principal = created
        ? principalFromState(created)
        : { id, name, role: target.role, region: target.region ?? '', ...(target.operatorId ? { operatorId: target.operatorId } : {}) };
      const { token, expiresAt } = activations.issue(key, principal);
      const activationUrl = `${publicBaseUrl(publicUrl, request)}/app/activate#${token}`;
      const qrSvg = await QRCode.toString(activationUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      reply.code(201).header('cache-control', 'no-store');
      return { activationUrl, expiresAt: new Date(expiresAt).toISOString(), qrSvg, principal };
    },
  );

  app.post(
    '/v1/activations/redeem',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: "Redeem an activation's token for the device's key (once); no key needed",
        body: RedeemBody,
        response: { 200: Redeemed, ...problems(400, 404, 410, 429) },
      },
    },
    async (request, reply) => {
      const redeemed = activations.redeem(request.body.token);
      if (!redeemed.ok) {
        throw redeemed.reason === 'expired'
          ? new ProblemError('ActivationExpired', 'this activation expired: ask for a new one')
          : new ProblemError('UnknownActivation', 'no such activation: it was redeemed already or never issued');
      }
      reply.header('cache-control', 'no-store');
      return { key: redeemed.key, principal: redeemed.principal };
    },
  );
};

/**
 * GET /v1/lots/{code}/certificate: the market-entry certificate (入市追溯凭证,
 * a kind-3 lot) as an A6 print page, for the operator that issued it and for
 * regulators whose region covers it. The buyer comes from the vault under
 * the personal-data rules (mayReadPersonal), and the read is recorded before
 * the page is answered, as GET /v1/personal-data/{ref} does.
 */
import { z } from 'zod';
import { BuyerSchema, regionCovers, type Buyer } from '../../domain/index.js';
import type { LotView } from '../../projections/index.js';
import { requireRoles } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import type { RoutePlugin } from '../context.js';
import { qrFragment } from '../pages/label/index.js';
import { marketCertificatePage, type BuyerShown } from '../pages/marketCertificate.js';
import { publicBaseUrl } from '../pages/publicUrl.js';
import { mayReadPersonal } from '../personal/access.js';
import { REGULATORS } from '../read/access.js';
import { ProblemError } from '../problem.js';
import { CodeParamsSchema, problems } from '../schemas/common.js';
import { BEARER, type ZodApp } from '../zodApp.js';

const tags = ['lots'];
/** Why the vault was read, as the access record says. */
const PURPOSE = '打印入市追溯凭证 (GET /v1/lots/{code}/certificate)';
/** The page's own inline style and SVG; no script, no other origin. It holds personal data: never cached. */
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

export interface MarketCertificateOptions {
  /** Base URL printed in the QR code (SUYUAN_PUBLIC_URL); default: from the request. */
  readonly publicUrl?: string | undefined;
}

/** mayPrint: the issuing operator, or a regulator (reviewer, inspector, monitor, enforcer, admin) whose region covers the lot. */
function mayPrint(principal: Principal, lot: LotView): boolean {
  if (principal.role === 'operator') return principal.operatorId !== undefined && principal.operatorId === lot.issuer.id;
  return REGULATORS.has(principal.role) && regionCovers(principal.region, lot.region);
}

export const marketCertificateRoutes: RoutePlugin<MarketCertificateOptions> = async (app: ZodApp, { ctx, publicUrl }) => {
  /** buyerOf reads the buyer through the vault's access rules, recording the read; 403 if the rules refuse this caller. */
  const buyerOf = async (principal: Principal, lot: LotView): Promise<BuyerShown> => {
    const ref = lot.buyer?.ref;
    const entry = ref === undefined ? undefined : await ctx.vault?.readPersonal(ref);
    if (ref === undefined || !entry) return { state: 'unavailable' };
    if (!mayReadPersonal(principal, entry))
      throw new ProblemError('RoleForbidden', 'this principal may not read the buyer of this certificate');
    await ctx.vault!.recordAccess({ ref, principal: principal.id, purpose: PURPOSE, at: new Date().toISOString() });
    if (entry.erased) return { state: 'erased' };
    const buyer: Buyer = BuyerSchema.parse(JSON.parse(entry.data));
    return { state: 'recorded', buyer };
  };

  app.get(
    '/v1/lots/:code/certificate',
    {
      onRequest: requireRoles('operator', ...REGULATORS),
      schema: {
        tags,
        summary: 'The market-entry certificate (入市追溯凭证) of a kind-3 lot as an A6 print page in two copies (一式两联)',
        description:
          'For the operator that issued it and regulators whose region covers it. The buyer is read from the vault and the read is recorded.',
        security: BEARER,
        params: CodeParamsSchema,
        response: { 200: z.string().describe('text/html'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const { code } = request.params;
      const lot = ctx.read.lot(code, 'full');
      if (!lot) throw new ProblemError('UnknownLot', `no lot ${code}`, { field: 'code' });
      if (!mayPrint(principal, lot))
        throw new ProblemError('RoleForbidden', 'only the issuing operator or a regulator of its region may print it');
      if (lot.kind !== 3) {
        throw new ProblemError('NotMarketEntryCertificate', `${code} is a kind-${lot.kind} lot, not a market-entry certificate`, {
          field: 'code',
        });
      }
      const buyer = await buyerOf(principal, lot);
      const qr = await qrFragment(`${publicBaseUrl(publicUrl, request)}/c/${lot.code}`);
      const seller = { name: lot.issuer.name ?? lot.issuer.id, region: lot.regionName ?? lot.region };
      return reply.headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(marketCertificatePage({ lot, qr, seller, buyer }));
    },
  );
};

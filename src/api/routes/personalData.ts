/**
 * Personal data (the vault beside the log): read it with a purpose, list who
 * read it, erase it. Every read is recorded before it is answered.
 *
 * Erasure order: the vault row is erased first, then the `personal.erased`
 * event is appended. A crash between the two leaves the data gone (what the
 * person asked for) and no event yet; the DELETE is then retried, the store
 * answers 'already-erased' and the event is appended. The other order could
 * leave a log saying 已删除 over data still in the vault.
 */
import { z } from 'zod';
import { PRINCIPAL_ROLES } from '../../domain/index.js';
import { fromHex, personalCommitment } from '../../hash/index.js';
import type { PersonalEntry, PersonalVault } from '../../store/index.js';
import { requireRoles } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import type { RoutePlugin } from '../context.js';
import { mayErasePersonal, mayReadPersonal } from '../personal/access.js';
import { ProblemError } from '../problem.js';
import { ReceiptSchema, problems } from '../schemas/common.js';
import { ReasonBody } from '../schemas/writes.js';
import { submit } from '../write.js';
import { BEARER, WriteHeaders, type ZodApp } from '../zodApp.js';

const tags = ['personal data'];
const RefParams = z.object({ ref: z.string().regex(/^pd_[A-Za-z0-9_-]{16,64}$/) });
const ReadQuery = z.object({ purpose: z.string().min(1).max(500).describe('why the data is read; recorded with the read') });
const AccessQuery = z.object({
  ref: z.string().min(1).max(100).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const PersonalRead = z.union([
  z.object({
    ref: z.string(),
    erased: z.literal(false),
    data: z.unknown().describe('the personal data as recorded'),
    salt: z.string().describe('hex; SHA-256(salt ‖ JCS(data)) is the commitment in the log'),
    commitment: z.string(),
  }),
  z.object({ ref: z.string(), erased: z.literal(true), erasedAt: z.string(), display: z.literal('已删除') }),
]);
const AccessList = z.object({
  records: z.array(z.object({ seq: z.number(), ref: z.string(), principal: z.string(), purpose: z.string(), at: z.string() })),
  next: z.number().optional(),
});
const Erased = z.object({ ref: z.string(), erased: z.literal(true), ledger: ReceiptSchema });

export const personalDataRoutes: RoutePlugin = async (app: ZodApp, { ctx }) => {
  const vault = (): PersonalVault => {
    if (!ctx.vault) throw new ProblemError('NotFound', 'this node keeps no personal-data vault');
    return ctx.vault;
  };
  /** entryFor finds the row and checks the caller may see it: 404 for an unknown ref, 403 otherwise refused. */
  const entryFor = async (
    principal: Principal,
    ref: string,
    allowed: (p: Principal, e: PersonalEntry) => boolean,
  ): Promise<PersonalEntry> => {
    const entry = await vault().readPersonal(ref);
    if (!entry) throw new ProblemError('NotFound', `no personal data under ${ref}`);
    if (!allowed(principal, entry)) throw new ProblemError('RoleForbidden', 'this principal may not use this personal data');
    return entry;
  };

  app.get(
    '/v1/personal-data/access',
    {
      onRequest: requireRoles('auditor', 'admin'),
      schema: {
        tags,
        summary: 'Who read which personal data, when and why (for auditors and admins)',
        security: BEARER,
        querystring: AccessQuery,
        response: { 200: AccessList, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const { ref, after, limit } = request.query;
      const records = await vault().accessRecords({
        limit,
        ...(ref === undefined ? {} : { ref }),
        ...(after === undefined ? {} : { after }),
      });
      const last = records.at(-1);
      return { records, ...(records.length === limit && last ? { next: last.seq } : {}) };
    },
  );

  app.get(
    '/v1/personal-data/:ref',
    {
      onRequest: requireRoles(...PRINCIPAL_ROLES),
      schema: {
        tags,
        summary: 'Read personal data with its salt, to check against the commitment in the log; the read is recorded',
        security: BEARER,
        params: RefParams,
        querystring: ReadQuery,
        response: { 200: PersonalRead, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const { ref } = request.params;
      const entry = await entryFor(principal, ref, mayReadPersonal);
      await vault().recordAccess({ ref, principal: principal.id, purpose: request.query.purpose, at: new Date().toISOString() });
      if (entry.erased) return { ref, erased: true as const, erasedAt: entry.erasedAt, display: '已删除' as const };
      const data: unknown = JSON.parse(entry.data);
      // Computed from the row, for convenience: the reader checks it against the commitment in the log's event.
      const commitment = personalCommitment(fromHex(entry.salt), data);
      return { ref, erased: false as const, data, salt: entry.salt, commitment };
    },
  );

  app.delete(
    '/v1/personal-data/:ref',
    {
      onRequest: requireRoles('admin', 'reviewer', 'operator'),
      schema: {
        tags,
        summary: 'Erase personal data (PIPL Art. 47): the vault forgets data and salt; the log records the ref and the reason',
        security: BEARER,
        headers: WriteHeaders,
        params: RefParams,
        body: ReasonBody,
        response: { 200: Erased, ...problems(400, 401, 403, 404, 422, 503) },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const { ref } = request.params;
      await entryFor(principal, ref, mayErasePersonal);
      if (!ctx.ledger) throw new ProblemError('ReadOnlyNode', 'erase personal data on the writer node');
      // Erase first, then log it (see the file comment); 'already-erased' completes an interrupted erasure.
      await vault().erasePersonal(ref, new Date().toISOString());
      const written = await submit(ctx, request, reply, () => ({ type: 'personal.erase', ref, reason: request.body.reason }));
      return { ref, erased: true as const, ledger: written.receipt };
    },
  );
};

/** Enforcement (执法): open a case against an operator, add records and evidence, decide penalties, close it. */
import type { OperatorStatus } from '../../domain/index.js';
import { requireRoles } from '../auth/authenticate.js';
import type { RoutePlugin } from '../context.js';
import { freshRecordId } from '../identity.js';
import { problems } from '../schemas/common.js';
import { CaseBody, CaseParams, CaseRecordBody, CaseWritten, CloseCaseBody, PenaltyBody, PenaltyWritten } from '../schemas/regulation.js';
import { submit } from '../write.js';
import { BEARER, WriteHeaders, type ZodApp } from '../zodApp.js';

const tags = ['enforcement'];
const writeProblems = problems(400, 401, 403, 404, 409, 422, 503);
/** The domain lets only enforcers and admins act on cases. */
const ENFORCING = requireRoles('enforcer', 'admin');
const STATUS_EVENTS: Record<string, OperatorStatus> = { 'operator.suspended': 'suspended', 'operator.revoked': 'revoked' };

export const enforcementRoutes: RoutePlugin = async (app: ZodApp, { ctx }) => {
  const common = { tags, security: BEARER, headers: WriteHeaders };

  app.post(
    '/v1/cases',
    {
      onRequest: ENFORCING,
      schema: {
        ...common,
        summary: 'Open a case (立案) against an operator of your region',
        description: 'operatorId and lots take the bare id and codes or the scanned identity-card and label URLs.',
        body: CaseBody,
        response: { 201: CaseWritten, 200: CaseWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { lots, ...opened } = request.body;
      const written = await submit(
        ctx,
        request,
        reply,
        () => ({ type: 'case.open', caseId: freshRecordId('CAS'), ...opened, ...(lots === undefined ? {} : { lots }) }),
        { freshIds: true },
      );
      const { caseId } = written.events[0]!.data as { caseId: string };
      reply.code(written.replayed ? 200 : 201).header('location', `/v1/cases/${caseId}`);
      return { caseId, ledger: written.receipt };
    },
  );

  app.post(
    '/v1/cases/:caseId/records',
    {
      onRequest: ENFORCING,
      schema: {
        ...common,
        summary: 'Add an inspection record or an evidence note to an open case (执法检查 / 证据)',
        params: CaseParams,
        body: CaseRecordBody,
        response: { 201: CaseWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { caseId } = request.params;
      const { lots, ...record } = request.body;
      const written = await submit(ctx, request, reply, () => ({
        type: 'case.record',
        caseId,
        ...record,
        ...(lots === undefined ? {} : { lots }),
      }));
      reply.code(201);
      return { caseId, ledger: written.receipt };
    },
  );

  app.post(
    '/v1/cases/:caseId/penalties',
    {
      onRequest: ENFORCING,
      schema: {
        ...common,
        summary: 'Decide an administrative penalty (行政处罚); a suspension or revocation changes the operator status in the same commit',
        params: CaseParams,
        body: PenaltyBody,
        response: { 201: PenaltyWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { caseId } = request.params;
      const { type, amount, note, legalBasis } = request.body;
      const written = await submit(ctx, request, reply, () => ({
        type: 'case.penalize',
        caseId,
        penalty: type,
        legalBasis,
        ...(amount === undefined ? {} : { amount }),
        ...(note === undefined ? {} : { note }),
      }));
      const changed = written.events.map((event) => STATUS_EVENTS[event.type]).find((status) => status !== undefined);
      reply.code(201);
      return { caseId, type, ...(changed ? { operatorStatus: changed } : {}), ledger: written.receipt };
    },
  );

  app.post(
    '/v1/cases/:caseId/close',
    {
      onRequest: ENFORCING,
      schema: {
        ...common,
        summary: 'Close a case (结案), with an optional note',
        params: CaseParams,
        body: CloseCaseBody,
        response: { 200: CaseWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { caseId } = request.params;
      const note = request.body?.note;
      const written = await submit(ctx, request, reply, () => ({ type: 'case.close', caseId, ...(note === undefined ? {} : { note }) }));
      return { caseId, ledger: written.receipt };
    },
  );
};

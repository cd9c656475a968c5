/** Supervision (监管): record an inspection of an operator, close the rectification it ordered. */
import { requireRoles } from '../auth/authenticate.js';
import type { RoutePlugin } from '../context.js';
import { freshRecordId } from '../identity.js';
import { problems } from '../schemas/common.js';
import { InspectionBody, InspectionParams, InspectionWritten, RectificationBody } from '../schemas/regulation.js';
import { submit } from '../write.js';
import { BEARER, WriteHeaders, type ZodApp } from '../zodApp.js';

const tags = ['supervision'];
const writeProblems = problems(400, 401, 403, 404, 409, 422, 503);
/** The domain lets only inspectors and admins inspect; the route says so first (403 before the body is decided). */
const INSPECTING = requireRoles('inspector', 'admin');

export const supervisionRoutes: RoutePlugin = async (app: ZodApp, { ctx }) => {
  app.post(
    '/v1/inspections',
    {
      onRequest: INSPECTING,
      schema: {
        tags,
        summary: 'Record an inspection of an operator of your region (日常巡查 / 监督检查 / 工作指导 / 工作督查)',
        description: 'operatorId and lots take the bare id and codes or the scanned identity-card and label URLs.',
        security: BEARER,
        headers: WriteHeaders,
        body: InspectionBody,
        response: { 201: InspectionWritten, 200: InspectionWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { items, rectifyBy, lots, ...inspection } = request.body;
      const written = await submit(
        ctx,
        request,
        reply,
        () => ({
          type: 'inspection.record',
          inspectionId: freshRecordId('INS'),
          ...inspection,
          ...(items === undefined ? {} : { items }),
          ...(rectifyBy === undefined ? {} : { rectifyBy }),
          ...(lots === undefined ? {} : { lots }),
        }),
        { freshIds: true },
      );
      const { inspectionId } = written.events[0]!.data as { inspectionId: string };
      reply.code(written.replayed ? 200 : 201).header('location', `/v1/inspections/${inspectionId}`);
      return { inspectionId, ledger: written.receipt };
    },
  );

  app.post(
    '/v1/inspections/:inspectionId/rectification',
    {
      onRequest: INSPECTING,
      schema: {
        tags,
        summary: 'Close the rectification an inspection ordered (整改完成), with a note',
        security: BEARER,
        headers: WriteHeaders,
        params: InspectionParams,
        body: RectificationBody,
        response: { 200: InspectionWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { inspectionId } = request.params;
      const written = await submit(ctx, request, reply, () => ({
        type: 'inspection.closeRectification',
        inspectionId,
        note: request.body.note,
      }));
      return { inspectionId, ledger: written.receipt };
    },
  );
};

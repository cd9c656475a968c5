/** Monitoring (监测): sampling tasks, samples taken from scanned lots, lab results (a failure recalls), releasing an alert. */
import { requireRoles } from '../auth/authenticate.js';
import type { RoutePlugin } from '../context.js';
import { freshRecordId } from '../identity.js';
import { problems } from '../schemas/common.js';
import {
  AlertParams,
  AlertReleased,
  ReleaseBody,
  ResultBody,
  ResultWritten,
  SampleBody,
  SampleParams,
  SampleWritten,
  SamplingTaskBody,
  TaskWritten,
} from '../schemas/regulation.js';
import { submit } from '../write.js';
import { BEARER, WriteHeaders, type ZodApp } from '../zodApp.js';

const tags = ['monitoring'];
const writeProblems = problems(400, 401, 403, 404, 409, 422, 503);
/** The roles the domain lets sample and record results (requireMonitor), and release an alert (decideReleaseAlert). */
const MONITORING = requireRoles('monitor', 'admin');
const RELEASING = requireRoles('monitor', 'inspector', 'enforcer', 'admin');

export const monitoringRoutes: RoutePlugin = async (app: ZodApp, { ctx }) => {
  app.post(
    '/v1/sampling-tasks',
    {
      onRequest: MONITORING,
      schema: {
        tags,
        summary: 'Plan a sampling task in your region (监督抽查 / 例行监测 / 专项监测)',
        security: BEARER,
        headers: WriteHeaders,
        body: SamplingTaskBody,
        response: { 201: TaskWritten, 200: TaskWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { title, planned, ...task } = request.body;
      const written = await submit(
        ctx,
        request,
        reply,
        () => ({
          type: 'sampling.createTask',
          taskId: freshRecordId('TSK'),
          ...task,
          ...(title === undefined ? {} : { title }),
          ...(planned === undefined ? {} : { planned }),
        }),
        { freshIds: true },
      );
      const { taskId } = written.events[0]!.data as { taskId: string };
      reply.code(written.replayed ? 200 : 201).header('location', `/v1/sampling-tasks/${taskId}`);
      return { taskId, ledger: written.receipt };
    },
  );

  app.post(
    '/v1/samples',
    {
      onRequest: MONITORING,
      schema: {
        tags,
        summary: 'Take a sample from a lot (its label scanned) at an operator of your region, within a task',
        security: BEARER,
        headers: WriteHeaders,
        body: SampleBody,
        response: { 201: SampleWritten, 200: SampleWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { operatorId, quantity, ...sample } = request.body;
      const written = await submit(
        ctx,
        request,
        reply,
        () => ({
          type: 'sample.take',
          sampleId: freshRecordId('SMP'),
          ...sample,
          ...(operatorId === undefined ? {} : { operatorId }),
          ...(quantity === undefined ? {} : { quantity }),
        }),
        { freshIds: true },
      );
      const { sampleId } = written.events[0]!.data as { sampleId: string };
      reply.code(written.replayed ? 200 : 201).header('location', `/v1/samples/${sampleId}`);
      return { sampleId, ledger: written.receipt };
    },
  );

  app.post(
    '/v1/samples/:sampleId/results',
    {
      onRequest: MONITORING,
      schema: {
        tags,
        summary: 'Record the lab result of a sample (检测结果); a failure raises an alert and freezes the lot and its descendants',
        description:
          'A failed result, in the same commit, raises the alert and freezes the sampled lot and every descendant that still has goods.',
        security: BEARER,
        headers: WriteHeaders,
        params: SampleParams,
        body: ResultBody,
        response: { 201: ResultWritten, 200: ResultWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { sampleId } = request.params;
      const { lab, reportNumber, ...result } = request.body;
      const written = await submit(ctx, request, reply, () => ({
        type: 'sample.recordResult',
        sampleId,
        ...result,
        ...(lab === undefined ? {} : { lab }),
        ...(reportNumber === undefined ? {} : { reportNumber }),
      }));
      const raised = written.events.find((event) => event.type === 'alert.raised')?.data as
        | { alertId: string; frozen: string[] }
        | undefined;
      reply.code(written.replayed ? 200 : 201);
      return {
        sampleId,
        verdict: result.verdict,
        ...(raised ? { alertId: raised.alertId } : {}),
        frozen: raised?.frozen ?? [],
        ledger: written.receipt,
      };
    },
  );

  app.post(
    '/v1/alerts/:alertId/release',
    {
      onRequest: RELEASING,
      schema: {
        tags,
        summary: "Release an alert (解除): unfreeze the lots it froze, by an authority covering the alert's region",
        security: BEARER,
        headers: WriteHeaders,
        params: AlertParams,
        body: ReleaseBody,
        response: { 200: AlertReleased, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { alertId } = request.params;
      const written = await submit(ctx, request, reply, () => ({ type: 'alert.release', alertId, reason: request.body.reason }));
      const { codes } = written.events[0]!.data as { codes: string[] };
      return { alertId, released: codes, ledger: written.receipt };
    },
  );
};

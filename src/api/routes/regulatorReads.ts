/**
 * The regulators' records (issue 12): inspections, sampling tasks, samples,
 * alerts, cases and risk findings. Authorities and auditors read them, each
 * within its region: a list covers the caller's region (or a part of it
 * asked for; another region is 403), a record outside it is 403.
 */
import { z } from 'zod';
import { regionCovers } from '../../domain/index.js';
import {
  AlertViewSchema,
  CaseViewSchema,
  InspectionViewSchema,
  RISK_RULES,
  RiskFindingSchema,
  SampleViewSchema,
  TaskViewSchema,
} from '../../projections/index.js';
import { requireRoles } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import type { RoutePlugin } from '../context.js';
import { ProblemError } from '../problem.js';
import { regulatorRegion } from '../read/access.js';
import { problems } from '../schemas/common.js';
import {
  AlertParams,
  AlertQuery,
  CaseParams,
  CaseQuery,
  InspectionParams,
  InspectionQuery,
  SampleParams,
  TaskParams,
  TaskQuery,
} from '../schemas/regulation.js';
import { BEARER, type ZodApp } from '../zodApp.js';

/** Who reads the regulators' records and reports: the authorities and auditors. */
export const REGULATION_READERS = requireRoles('reviewer', 'inspector', 'monitor', 'enforcer', 'admin', 'auditor');

const listProblems = problems(400, 401, 403);
const recordProblems = problems(400, 401, 403, 404);
const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** inRegion refuses (403) a record none of whose `regions` lies in the caller's region. */
function inRegion(principal: Principal, what: string, regions: readonly string[], field: string): void {
  if (regions.some((region) => regionCovers(principal.region, region))) return;
  throw new ProblemError('OutOfRegion', `${what} lies outside the caller's region "${principal.region}"`, { field });
}

export const regulatorReadRoutes: RoutePlugin = async (app: ZodApp, { ctx }) => {
  const queries = () => ctx.read.regulation;
  const schema = (tag: string, summary: string) => ({ tags: [tag], summary, security: BEARER });

  app.get(
    '/v1/inspections',
    {
      onRequest: REGULATION_READERS,
      schema: {
        ...schema('supervision', 'Inspections in your region, newest first; overdue=true lists rectifications past their deadline'),
        querystring: InspectionQuery,
        response: { 200: z.object({ inspections: z.array(InspectionViewSchema) }), ...listProblems },
      },
    },
    async (request) => {
      const { region, operatorId, overdue, limit } = request.query;
      const query = {
        region: regulatorRegion(request.principal!, region),
        ...optional('operatorId', operatorId),
        ...optional('overdue', overdue),
        ...optional('limit', limit),
      };
      return { inspections: queries().inspections(query, new Date()) };
    },
  );

  app.get(
    '/v1/inspections/:inspectionId',
    {
      onRequest: REGULATION_READERS,
      schema: {
        ...schema('supervision', 'An inspection, its findings and rectification'),
        params: InspectionParams,
        response: { 200: InspectionViewSchema, ...recordProblems },
      },
    },
    async (request) => {
      const { inspectionId } = request.params;
      const inspection = queries().inspection(inspectionId);
      if (!inspection) throw new ProblemError('UnknownInspection', `no inspection ${inspectionId}`, { field: 'inspectionId' });
      inRegion(request.principal!, `inspection ${inspectionId}`, [inspection.region], 'inspectionId');
      return inspection;
    },
  );

  app.get(
    '/v1/sampling-tasks',
    {
      onRequest: REGULATION_READERS,
      schema: {
        ...schema('monitoring', 'Sampling tasks in your region, with their progress'),
        querystring: TaskQuery,
        response: { 200: z.object({ tasks: z.array(TaskViewSchema) }), ...listProblems },
      },
    },
    async (request) => {
      const { region, limit } = request.query;
      return { tasks: queries().tasks({ region: regulatorRegion(request.principal!, region), ...optional('limit', limit) }) };
    },
  );

  app.get(
    '/v1/sampling-tasks/:taskId',
    {
      onRequest: REGULATION_READERS,
      schema: {
        ...schema('monitoring', 'A sampling task and its progress (planned, sampled, tested, failed)'),
        params: TaskParams,
        response: { 200: TaskViewSchema, ...recordProblems },
      },
    },
    async (request) => {
      const { taskId } = request.params;
      const task = queries().task(taskId);
      if (!task) throw new ProblemError('UnknownTask', `no sampling task ${taskId}`, { field: 'taskId' });
      // A province's task is sampled by its cities' monitors: they see it as well as those above it.
      const principal = request.principal!;
      if (!regionCovers(task.region, principal.region)) inRegion(principal, `sampling task ${taskId}`, [task.region], 'taskId');
      return task;
    },
  );

  app.get(
    '/v1/samples/:sampleId',
    {
      onRequest: REGULATION_READERS,
      schema: {
        ...schema('monitoring', 'A sample, and its lab result once recorded'),
        params: SampleParams,
        response: { 200: SampleViewSchema, ...recordProblems },
      },
    },
    async (request) => {
      const { sampleId } = request.params;
      const sample = queries().sample(sampleId);
      if (!sample) throw new ProblemError('UnknownSample', `no sample ${sampleId}`, { field: 'sampleId' });
      inRegion(request.principal!, `sample ${sampleId}`, [sample.region], 'sampleId');
      return sample;
    },
  );

  app.get(
    '/v1/alerts',
    {
      onRequest: REGULATION_READERS,
      schema: {
        ...schema('monitoring', 'Alerts raised in your region, newest first'),
        querystring: AlertQuery,
        response: { 200: z.object({ alerts: z.array(AlertViewSchema) }), ...listProblems },
      },
    },
    async (request) => {
      const { region, status, limit } = request.query;
      const query = { region: regulatorRegion(request.principal!, region), ...optional('status', status), ...optional('limit', limit) };
      return { alerts: queries().alerts(query) };
    },
  );

  app.get(
    '/v1/alerts/:alertId',
    {
      onRequest: REGULATION_READERS,
      schema: {
        ...schema('monitoring', 'An alert: the sampled lot, every lot it froze and every holder affected'),
        description: "Visible to the alert's region and to every region holding an affected lot.",
        params: AlertParams,
        response: { 200: AlertViewSchema, ...recordProblems },
      },
    },
    async (request) => {
      const { alertId } = request.params;
      const alert = queries().alert(alertId);
      if (!alert) throw new ProblemError('UnknownAlert', `no alert ${alertId}`, { field: 'alertId' });
      const regions = [alert.region, ...alert.holders.map((holder) => holder.region)];
      inRegion(request.principal!, `alert ${alertId}`, regions, 'alertId');
      return alert;
    },
  );

  app.get(
    '/v1/cases',
    {
      onRequest: REGULATION_READERS,
      schema: {
        ...schema('enforcement', 'Enforcement cases in your region, newest first'),
        querystring: CaseQuery,
        response: { 200: z.object({ cases: z.array(CaseViewSchema) }), ...listProblems },
      },
    },
    async (request) => {
      const { region, operatorId, status, limit } = request.query;
      const query = {
        region: regulatorRegion(request.principal!, region),
        ...optional('operatorId', operatorId),
        ...optional('status', status),
        ...optional('limit', limit),
      };
      return { cases: queries().cases(query) };
    },
  );

  app.get(
    '/v1/cases/:caseId',
    {
      onRequest: REGULATION_READERS,
      schema: {
        ...schema('enforcement', 'A case: its basis, records, penalties and closing'),
        params: CaseParams,
        response: { 200: CaseViewSchema, ...recordProblems },
      },
    },
    async (request) => {
      const { caseId } = request.params;
      const found = queries().enforcementCase(caseId);
      if (!found) throw new ProblemError('UnknownCase', `no case ${caseId}`, { field: 'caseId' });
      inRegion(request.principal!, `case ${caseId}`, [found.region], 'caseId');
      return found;
    },
  );

  app.get(
    '/v1/risks',
    {
      onRequest: REGULATION_READERS,
      schema: {
        ...schema('risks', 'Open risk findings (风险排查) in your region, newest first, each with its evidence'),
        querystring: z.object({
          region: TaskQuery.shape.region,
          rule: z.enum(RISK_RULES).optional(),
          limit: TaskQuery.shape.limit,
        }),
        response: { 200: z.object({ findings: z.array(RiskFindingSchema) }), ...listProblems },
      },
    },
    async (request) => {
      const { region, rule, limit } = request.query;
      const query = { region: regulatorRegion(request.principal!, region), ...optional('rule', rule), ...optional('limit', limit) };
      return { findings: queries().risks(query, new Date()) };
    },
  );
};

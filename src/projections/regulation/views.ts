/**
 * What the regulators' read model answers with (issue 12): records of
 * supervision, monitoring and enforcement, risk findings, the trace hook and
 * the progress reports. Zod schemas, the single source of the types and of
 * the API's response schemas, as in ../views.ts.
 */
import { z } from 'zod';
import {
  CASE_RECORD_KINDS,
  CERTIFICATION_TYPES,
  INSPECTION_KINDS,
  INSPECTION_RESULTS,
  OPERATOR_STATUSES,
  PENALTY_TYPES,
  PRODUCT_CATEGORIES,
  SAMPLING_KINDS,
  TestItemResultSchema,
  VERDICTS,
} from '../../domain/index.js';

export const InspectionViewSchema = z
  .object({
    inspectionId: z.string(),
    operatorId: z.string(),
    region: z.string(),
    kind: z.enum(INSPECTION_KINDS),
    result: z.enum(INSPECTION_RESULTS),
    items: z.array(z.string()),
    findings: z.string(),
    rectifyBy: z.string().optional(),
    rectified: z.object({ at: z.string(), by: z.string(), note: z.string() }).optional(),
    overdue: z.boolean().describe('a rectification ordered, not closed, and past rectifyBy'),
    lots: z.array(z.string()),
    at: z.string(),
    by: z.string().describe('the inspector (event actor)'),
    position: z.int().describe('log position of the inspection.recorded event'),
  })
  .meta({ id: 'Inspection' });
export type InspectionView = z.infer<typeof InspectionViewSchema>;

export const TaskViewSchema = z
  .object({
    taskId: z.string(),
    kind: z.enum(SAMPLING_KINDS),
    title: z.string().optional(),
    region: z.string(),
    categories: z.array(z.enum(PRODUCT_CATEGORIES)),
    items: z.array(z.string()),
    dueBy: z.string(),
    progress: z.object({ planned: z.int().nullable(), sampled: z.int(), tested: z.int(), failed: z.int() }),
    createdAt: z.string(),
    by: z.string(),
  })
  .meta({ id: 'SamplingTask' });
export type TaskView = z.infer<typeof TaskViewSchema>;

export const SampleViewSchema = z
  .object({
    sampleId: z.string(),
    taskId: z.string(),
    lotCode: z.string(),
    operatorId: z.string(),
    region: z.string(),
    product: z.object({ name: z.string(), category: z.string(), variety: z.string().optional() }),
    takenAt: z.string(),
    by: z.string(),
    verdict: z.enum(VERDICTS).optional(),
    testedAt: z.string().optional(),
    items: z.array(TestItemResultSchema).optional(),
    lab: z.string().optional(),
    reportNumber: z.string().optional(),
    alertId: z.string().optional(),
  })
  .meta({ id: 'Sample' });
export type SampleView = z.infer<typeof SampleViewSchema>;

export const AlertViewSchema = z
  .object({
    alertId: z.string(),
    sampleId: z.string(),
    lotCode: z.string(),
    operatorId: z.string(),
    region: z.string().describe("the monitor's region prefix; only an authority covering it releases the alert"),
    reason: z.string(),
    status: z.enum(['open', 'released']),
    raisedAt: z.string(),
    frozen: z.array(z.string()).describe('lots this alert froze: the sampled lot and every descendant with goods left'),
    alreadyFrozen: z.array(z.string()),
    holders: z.array(z.object({ operatorId: z.string(), region: z.string() })),
    buyers: z
      .array(z.object({ code: z.string(), ref: z.string() }))
      .describe('loose-goods buyers: vault references, read through GET /v1/personal-data/{ref}'),
    released: z.object({ at: z.string(), by: z.string(), reason: z.string(), codes: z.array(z.string()) }).optional(),
    position: z.int(),
  })
  .meta({ id: 'Alert' });
export type AlertView = z.infer<typeof AlertViewSchema>;

export const CaseViewSchema = z
  .object({
    caseId: z.string(),
    operatorId: z.string(),
    region: z.string(),
    basis: z.string(),
    lots: z.array(z.string()),
    status: z.enum(['open', 'closed']),
    records: z.array(
      z.object({ kind: z.enum(CASE_RECORD_KINDS), note: z.string(), lots: z.array(z.string()), at: z.string(), by: z.string() }),
    ),
    penalties: z.array(
      z.object({
        penalty: z.enum(PENALTY_TYPES),
        amount: z.number().optional(),
        legalBasis: z.string(),
        note: z.string().optional(),
        at: z.string(),
        by: z.string(),
      }),
    ),
    openedAt: z.string(),
    by: z.string(),
    closedAt: z.string().optional(),
    closingNote: z.string().optional(),
  })
  .meta({ id: 'Case' });
export type CaseView = z.infer<typeof CaseViewSchema>;

export const RISK_RULES = [
  'pre-harvest-interval',
  'certification-expired',
  'suspended-hand-off',
  'repeat-failures',
  'overdue-rectification',
] as const;
export type RiskRule = (typeof RISK_RULES)[number];

export const RiskFindingSchema = z
  .object({
    findingId: z.string(),
    rule: z.enum(RISK_RULES),
    at: z.string().describe('when the situation arose (the event time, or the deadline that passed)'),
    region: z.string().describe('region of the operator concerned'),
    operatorId: z.string(),
    lotCode: z.string().optional(),
    summary: z.string(),
    evidence: z
      .array(z.object({ position: z.int(), type: z.string(), lotCode: z.string().optional() }))
      .describe('the events that make the finding: read them at GET /v1/log/events?from={position}&limit=1'),
  })
  .meta({ id: 'RiskFinding' });
export type RiskFinding = z.infer<typeof RiskFindingSchema>;

export const TraceStatusSchema = z
  .object({
    operatorId: z.string(),
    status: z.enum(OPERATOR_STATUSES),
    underTrace: z.boolean().describe('approved and active, with lots recorded within the window'),
    since: z.string().nullable().describe('when the operator was last approved or reinstated, while under trace'),
    windowDays: z.int(),
    lotsInWindow: z.int().describe('lots commissioned, made by processing or received (accepted) by the operator in the window'),
    handOffsInWindow: z.int().describe('shipments the operator sent or accepted in the window'),
    lastActivityAt: z.string().nullable(),
    certifications: z.array(
      z.object({
        type: z.enum(CERTIFICATION_TYPES),
        number: z.string(),
        product: z.string(),
        validTo: z.string(),
        valid: z.boolean(),
        tracedLots: z.int().describe('lots that claim this certification'),
        traced: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'TraceStatus' });
export type TraceStatus = z.infer<typeof TraceStatusSchema>;

export const CoverageRowSchema = z.object({
  region: z.string(),
  regionName: z.string().nullable(),
  operatorsRegistered: z.int(),
  operatorsApproved: z.int(),
  certifiedProducts: z.int().describe('valid certifications (green, organic, GI) held by operators of the region'),
  certifiedProductsUnderTrace: z.int().describe('of those, the ones at least one lot claims'),
  share: z.number().nullable().describe('certifiedProductsUnderTrace / certifiedProducts (the target is 1); null when there are none'),
  byType: z.record(z.enum(CERTIFICATION_TYPES), z.object({ certified: z.int(), underTrace: z.int() })),
});
export const CoverageReportSchema = z
  .object({ region: z.string(), at: z.string(), rows: z.array(CoverageRowSchema), total: CoverageRowSchema })
  .meta({ id: 'CoverageReport' });
export type CoverageRow = z.infer<typeof CoverageRowSchema>;
export type CoverageReport = z.infer<typeof CoverageReportSchema>;

export const ACTIVITY_COUNTS = ['lots', 'handOffs', 'inspections', 'samples', 'failedSamples', 'cases', 'penalties'] as const;
export type ActivityCount = (typeof ACTIVITY_COUNTS)[number];
export const ActivityRowSchema = z.object({
  region: z.string(),
  regionName: z.string().nullable(),
  ...Object.fromEntries(ACTIVITY_COUNTS.map((count) => [count, z.int()])),
} as { region: z.ZodString; regionName: z.ZodNullable<z.ZodString> } & Record<ActivityCount, z.ZodInt>);
export const ActivityReportSchema = z
  .object({ region: z.string(), from: z.string(), to: z.string(), rows: z.array(ActivityRowSchema), total: ActivityRowSchema })
  .meta({ id: 'ActivityReport' });
export type ActivityRow = z.infer<typeof ActivityRowSchema>;
export type ActivityReport = z.infer<typeof ActivityReportSchema>;

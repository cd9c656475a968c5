/**
 * Request bodies, params and answers of the regulators' routes (issue 12),
 * built from the domain's command schemas (STYLE rule 6). Every operator id
 * and lot code in them may be typed or scanned: `scannedOperatorId` takes the
 * bare id or the URL of the operator's identity card (…/o/{id}),
 * `scannedLotCode` the code, formatted or not, or the URL of a trace label
 * (…/c/{code}). Bodies are strict, as in writes.ts.
 */
import { z } from 'zod';
import {
  CASE_RECORD_KINDS,
  CreateSamplingTaskSchema,
  INSPECTION_KINDS,
  INSPECTION_RESULTS,
  IsoDateSchema,
  OPERATOR_STATUSES,
  OperatorIdSchema,
  PENALTY_TYPES,
  PenalizeSchema,
  QuantitySchema,
  ReasonSchema,
  RecordIdSchema,
  RecordResultSchema,
  RegionPrefixSchema,
  ReleaseAlertSchema,
  VERDICTS,
  isKnownRegionPrefix,
  normalizeTraceCode,
  regionPrefix,
  scannedSegment,
  validateTraceCode,
} from '../../domain/index.js';
import { ReceiptSchema } from './common.js';

/** operatorIdOfScan: the operator id a typed id or a scanned identity-card URL names, or undefined. */
export function operatorIdOfScan(text: string): string | undefined {
  const trimmed = text.trim();
  const id = scannedSegment(trimmed, 'o') ?? trimmed;
  return OperatorIdSchema.safeParse(id).success ? id : undefined;
}

/** lotCodeOfScan: the canonical trace code a typed code or a scanned label URL names, or the reasons it names none. */
export function lotCodeOfScan(text: string): { code: string } | { reasons: string[] } {
  const trimmed = text.trim();
  const typed = scannedSegment(trimmed, 'c') ?? trimmed;
  const reasons = validateTraceCode(typed);
  return reasons.length === 0 ? { code: normalizeTraceCode(typed) } : { reasons };
}

export const ScannedOperatorIdSchema = z
  .string()
  .max(300)
  .transform((text, ctx) => {
    const id = operatorIdOfScan(text);
    if (id !== undefined) return id;
    ctx.addIssue({
      code: 'custom',
      message: 'an operator id (1–64 letters, digits, ".", "_" or "-") or the URL of its identity card (…/o/{id})',
    });
    return z.NEVER;
  })
  .describe('operator id, or the scanned URL of its identity card (https://host/o/{id})');

export const ScannedLotCodeSchema = z
  .string()
  .max(300)
  .transform((text, ctx) => {
    const scanned = lotCodeOfScan(text);
    if ('code' in scanned) return scanned.code;
    ctx.addIssue({ code: 'custom', message: scanned.reasons.join('; '), params: { rejection: 'InvalidTraceCode' } });
    return z.NEVER;
  })
  .describe('20-digit trace code (追溯码), spaces and hyphens ignored, or the scanned URL of its label (https://host/c/{code})');

const distinct = (values: readonly string[]): boolean => new Set(values).size === values.length;
const ScannedLots = z.array(ScannedLotCodeSchema).max(200).refine(distinct, 'lots must be distinct');

// Params.
export const InspectionParams = z.object({ inspectionId: RecordIdSchema });
export const TaskParams = z.object({ taskId: RecordIdSchema });
export const SampleParams = z.object({ sampleId: RecordIdSchema });
export const AlertParams = z.object({ alertId: ReleaseAlertSchema.shape.alertId });
export const CaseParams = z.object({ caseId: RecordIdSchema });

// Supervision.
export const InspectionBody = z.strictObject({
  operatorId: ScannedOperatorIdSchema,
  kind: z.enum(INSPECTION_KINDS).describe('patrol 日常巡查, inspection 监督检查, guidance 工作指导, audit 工作督查'),
  result: z.enum(INSPECTION_RESULTS).describe('pass 合格, problems 发现问题, rectify 责令整改 (needs rectifyBy)'),
  items: z.array(z.string().min(1).max(200)).max(100).optional().describe('items checked (检查事项)'),
  findings: z.string().min(1).max(4000),
  rectifyBy: IsoDateSchema.optional(),
  lots: ScannedLots.optional().describe('lots scanned during the visit'),
});
export const InspectionWritten = z.object({ inspectionId: z.string(), ledger: ReceiptSchema });
export const RectificationBody = z.strictObject({ note: ReasonSchema });

// Monitoring.
const { type: _task, taskId: _taskId, ...taskFields } = CreateSamplingTaskSchema.shape;
export const SamplingTaskBody = z.strictObject(taskFields);
export const TaskWritten = z.object({ taskId: z.string(), ledger: ReceiptSchema });
export const SampleBody = z.strictObject({
  taskId: RecordIdSchema,
  lotCode: ScannedLotCodeSchema,
  operatorId: ScannedOperatorIdSchema.optional().describe("where the sample was taken; default the lot's holder"),
  quantity: QuantitySchema.optional(),
});
export const SampleWritten = z.object({ sampleId: z.string(), ledger: ReceiptSchema });
const { type: _result, sampleId: _sampleId, ...resultFields } = RecordResultSchema.shape;
export const ResultBody = z.strictObject(resultFields);
export const ResultWritten = z.object({
  sampleId: z.string(),
  verdict: z.enum(VERDICTS),
  alertId: z.string().optional().describe('the alert a failed result raised'),
  frozen: z.array(z.string()).describe('lots the failed result froze in the same commit: the sampled lot and its descendants with goods'),
  ledger: ReceiptSchema,
});
export const ReleaseBody = z.strictObject({ reason: ReasonSchema });
export const AlertReleased = z.object({
  alertId: z.string(),
  released: z.array(z.string()).describe('lots released (those still frozen by this alert)'),
  ledger: ReceiptSchema,
});

// Enforcement.
export const CaseBody = z.strictObject({
  operatorId: ScannedOperatorIdSchema,
  basis: z.string().min(1).max(4000).describe('立案依据'),
  lots: ScannedLots.optional(),
});
export const CaseRecordBody = z.strictObject({
  kind: z.enum(CASE_RECORD_KINDS).describe('inspection 执法检查记录, evidence 证据'),
  note: z.string().min(1).max(4000),
  lots: ScannedLots.optional(),
});
export const PenaltyBody = z.strictObject({
  type: z.enum(PENALTY_TYPES).describe('warning 警告, fine 罚款, confiscation 没收, suspension 责令停产停业, revocation 吊销'),
  amount: PenalizeSchema.shape.amount.describe('yuan; required for a fine, refused otherwise'),
  legalBasis: z.string().min(1).max(1000),
  note: z.string().min(1).max(4000).optional(),
});
export const CloseCaseBody = z.strictObject({ note: ReasonSchema.optional() }).nullish();
export const CaseWritten = z.object({ caseId: z.string(), ledger: ReceiptSchema });
export const PenaltyWritten = z.object({
  caseId: z.string(),
  type: z.enum(PENALTY_TYPES),
  operatorStatus: z.enum(OPERATOR_STATUSES).optional().describe('the operator status a suspension or revocation set in the same commit'),
  ledger: ReceiptSchema,
});

// Reads.
const Limit = z.coerce.number().int().min(1).max(1000).optional();
/**
 * A region a read covers: '' (nationwide) or a GB/T 2260 province, city or
 * county (440000 and 440100 read as 44 and 4401). A prefix no region has
 * ('00', '4400') is a 400, not an empty answer that looks like a quiet region.
 */
const Region = RegionPrefixSchema.refine((text) => text === '' || isKnownRegionPrefix(regionPrefix(text)), {
  message: 'region: a GB/T 2260 province, city or county code, or empty for nationwide',
  params: { rejection: 'UnknownRegion' },
})
  .optional()
  .describe("region prefix; default: the caller's region");
export const InspectionQuery = z.object({
  region: Region,
  operatorId: ScannedOperatorIdSchema.optional(),
  overdue: z.stringbool().optional().describe('only rectifications past their deadline'),
  limit: Limit,
});
export const TaskQuery = z.object({ region: Region, limit: Limit });
export const AlertQuery = z.object({ region: Region, status: z.enum(['open', 'released']).optional(), limit: Limit });
export const CaseQuery = z.object({
  region: Region,
  operatorId: ScannedOperatorIdSchema.optional(),
  status: z.enum(['open', 'closed']).optional(),
  limit: Limit,
});
export const TraceStatusQuery = z.object({
  windowDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(3660)
    .optional()
    .describe('days of activity that count (default SUYUAN_TRACE_WINDOW_DAYS, 180)'),
});
export const CoverageQuery = z.object({ region: Region });
export const ActivityQuery = z.object({
  region: Region,
  from: IsoDateSchema.optional().describe('default: 30 days before `to`; not after `to`'),
  to: IsoDateSchema.optional().describe('default: now'),
});

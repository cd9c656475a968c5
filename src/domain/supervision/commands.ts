/** Supervision (监管): inspections of a registered operator, and closing an ordered rectification. */
import { z } from 'zod';
import { IsoDateSchema, OperatorIdSchema, ReasonSchema, RecordIdSchema, TextSchema, TraceCodeSchema } from '../values/index.js';

/** patrol 日常巡查, inspection 监督检查, guidance 工作指导, audit 工作督查. */
export const INSPECTION_KINDS = ['patrol', 'inspection', 'guidance', 'audit'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** pass 合格, problems 发现问题, rectify 责令整改 (with a deadline). */
export const INSPECTION_RESULTS = ['pass', 'problems', 'rectify'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

const distinct = (values: readonly string[]): boolean => new Set(values).size === values.length;

export const RecordInspectionSchema = z.object({
  type: z.literal('inspection.record'),
  inspectionId: RecordIdSchema,
  operatorId: OperatorIdSchema,
  kind: z.enum(INSPECTION_KINDS),
  result: z.enum(INSPECTION_RESULTS),
  /** What was checked (检查事项), e.g. 生产记录, 投入品使用, 承诺达标合格证. */
  items: z.array(TextSchema(200)).max(100).optional(),
  findings: TextSchema(4000, { multiline: true }),
  /** Required when result is `rectify`: the day (or time) by which the operator must have rectified. */
  rectifyBy: IsoDateSchema.optional(),
  /** Lots scanned during the visit. */
  lots: z.array(TraceCodeSchema).max(200).refine(distinct, 'lots must be distinct').optional(),
});
export type RecordInspection = z.infer<typeof RecordInspectionSchema>;

export const CloseRectificationSchema = z.object({
  type: z.literal('inspection.closeRectification'),
  inspectionId: RecordIdSchema,
  note: ReasonSchema,
});
export type CloseRectification = z.infer<typeof CloseRectificationSchema>;

/** Enforcement (执法): cases against a registered operator, their records, penalty decisions and closing. */
import { z } from 'zod';
import { OperatorIdSchema, ReasonSchema, RecordIdSchema, TextSchema, TraceCodeSchema } from '../values/index.js';

/** warning 警告, fine 罚款, confiscation 没收, suspension 责令停产停业, revocation 吊销. */
export const PENALTY_TYPES = ['warning', 'fine', 'confiscation', 'suspension', 'revocation'] as const;
export type PenaltyType = (typeof PENALTY_TYPES)[number];

/** inspection 执法检查 (an on-site inspection record) or evidence 证据 (an evidence note). */
export const CASE_RECORD_KINDS = ['inspection', 'evidence'] as const;
export type CaseRecordKind = (typeof CASE_RECORD_KINDS)[number];

const distinct = (values: readonly string[]): boolean => new Set(values).size === values.length;
const LotsSchema = z.array(TraceCodeSchema).max(200).refine(distinct, 'lots must be distinct');

export const OpenCaseSchema = z.object({
  type: z.literal('case.open'),
  caseId: RecordIdSchema,
  operatorId: OperatorIdSchema,
  /** Why the case is opened (立案依据): a complaint, a failed sample, an inspection's findings. */
  basis: TextSchema(4000, { multiline: true }),
  lots: LotsSchema.optional(),
});
export type OpenCase = z.infer<typeof OpenCaseSchema>;

export const RecordCaseSchema = z.object({
  type: z.literal('case.record'),
  caseId: RecordIdSchema,
  kind: z.enum(CASE_RECORD_KINDS),
  note: TextSchema(4000, { multiline: true }),
  lots: LotsSchema.optional(),
});
export type RecordCase = z.infer<typeof RecordCaseSchema>;

/** Yuan, to the fen: positive, at most two decimals. */
const FineSchema = z
  .number()
  .min(0.01)
  .max(1_000_000_000_000)
  .refine((amount) => Math.round(amount * 100) / 100 === amount, 'amount: yuan with at most two decimals');

export const PenalizeSchema = z.object({
  type: z.literal('case.penalize'),
  caseId: RecordIdSchema,
  penalty: z.enum(PENALTY_TYPES),
  /** The fine in yuan; required for a fine, refused for any other penalty. */
  amount: FineSchema.optional(),
  /** The article the decision rests on (法律依据), e.g. 《农产品质量安全法》第七十一条. */
  legalBasis: TextSchema(1000, { multiline: true }),
  note: TextSchema(4000, { multiline: true }).optional(),
});
export type Penalize = z.infer<typeof PenalizeSchema>;

export const CloseCaseSchema = z.object({ type: z.literal('case.close'), caseId: RecordIdSchema, note: ReasonSchema.optional() });
export type CloseCase = z.infer<typeof CloseCaseSchema>;

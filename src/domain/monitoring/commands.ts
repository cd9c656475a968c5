/** Monitoring (监测): sampling tasks, samples taken from lots, lab results, and releasing a recall. */
import { z } from 'zod';
import {
  IsoDateSchema,
  OperatorIdSchema,
  PRODUCT_CATEGORIES,
  QuantitySchema,
  ReasonSchema,
  RecordIdSchema,
  RegionPrefixCodeSchema,
  TextSchema,
  TraceCodeSchema,
} from '../values/index.js';

/** spot-check 监督抽查, routine 例行监测, special 专项监测. */
export const SAMPLING_KINDS = ['spot-check', 'routine', 'special'] as const;
export type SamplingKind = (typeof SAMPLING_KINDS)[number];

export const VERDICTS = ['pass', 'fail'] as const;
export type Verdict = (typeof VERDICTS)[number];

const distinct = (values: readonly string[]): boolean => new Set(values).size === values.length;

/** A task's region: a province (2 digits), city (4) or county (6) of GB/T 2260; 440000 and 440100 read as 44 and 4401. */
export const TaskRegionSchema = RegionPrefixCodeSchema;

export const CreateSamplingTaskSchema = z.object({
  type: z.literal('sampling.createTask'),
  taskId: RecordIdSchema,
  kind: z.enum(SAMPLING_KINDS),
  title: TextSchema(200).optional(),
  region: TaskRegionSchema,
  categories: z.array(z.enum(PRODUCT_CATEGORIES)).min(1).refine(distinct, 'categories must be distinct'),
  /** Test items (检测项目), e.g. 毒死蜱, 克伦特罗. */
  items: z.array(TextSchema(100)).min(1).max(200).refine(distinct, 'items must be distinct'),
  dueBy: IsoDateSchema,
  /** Samples the task plans to take. */
  planned: z.int().min(1).max(1_000_000).optional(),
});
export type CreateSamplingTask = z.infer<typeof CreateSamplingTaskSchema>;

export const TakeSampleSchema = z.object({
  type: z.literal('sample.take'),
  sampleId: RecordIdSchema,
  taskId: RecordIdSchema,
  lotCode: TraceCodeSchema,
  /** Where the sample was taken; default the lot's holder (required for loose goods no operator holds). */
  operatorId: OperatorIdSchema.optional(),
  quantity: QuantitySchema.optional(),
});
export type TakeSample = z.infer<typeof TakeSampleSchema>;

export const TestItemResultSchema = z.object({
  item: TextSchema(100),
  /** The measured value, in `unit` (a lab's figure: negative values allowed, magnitude at most 10¹²). */
  value: z.number().min(-1e12).max(1e12),
  unit: TextSchema(20),
  /** The limit the value is held against (限量), in `unit`; absent where the standard sets none. */
  limit: z.number().min(-1e12).max(1e12).optional(),
  /** The test method or standard, e.g. GB 23200.113-2018. */
  method: TextSchema(200).optional(),
  verdict: z.enum(VERDICTS),
});
export type TestItemResult = z.infer<typeof TestItemResultSchema>;

export const RecordResultSchema = z.object({
  type: z.literal('sample.recordResult'),
  sampleId: RecordIdSchema,
  verdict: z.enum(VERDICTS),
  items: z
    .array(TestItemResultSchema)
    .min(1)
    .max(200)
    .refine((items) => distinct(items.map(({ item }) => item)), 'items must name distinct test items'),
  /** The laboratory and its report number. */
  lab: TextSchema(200).optional(),
  reportNumber: TextSchema(100).optional(),
});
export type RecordResult = z.infer<typeof RecordResultSchema>;

export const ReleaseAlertSchema = z.object({
  type: z.literal('alert.release'),
  alertId: z.string().min(1).max(64),
  reason: ReasonSchema,
});
export type ReleaseAlert = z.infer<typeof ReleaseAlertSchema>;

/** alertIdOf: a failed sample raises one alert, named after it. */
export const alertIdOf = (sampleId: string): string => `alert-${sampleId}`;

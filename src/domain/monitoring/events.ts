/**
 * Monitoring events. A task is tagged `task:<id>`; a sample's events
 * `sample:<id>`, `task:<id>` and `operator:<id>`; an alert `alert:<id>`,
 * `sample:<id>`, the sampled operator's `operator:<id>` and the sampled lot's
 * `recall:<code>` (its freeze is a lot.frozen event beside it, in the same batch).
 */
import { z } from 'zod';
import { eventDraftSchema } from '../eventDraft.js';
import { OperatorIdSchema, PersonalRefSchema, ProductSchema, ReasonSchema, RecordIdSchema, TraceCodeSchema } from '../values/index.js';
import { CreateSamplingTaskSchema, RecordResultSchema, TakeSampleSchema, VERDICTS } from './commands.js';

const Region6 = z.string().regex(/^\d{6}$/);

export const SamplingTaskCreatedSchema = eventDraftSchema('sampling.taskCreated', CreateSamplingTaskSchema.omit({ type: true }));

/** The sample as taken, with where (operator and its region) and what (the lot's product). */
export const SampleTakenSchema = eventDraftSchema(
  'sample.taken',
  TakeSampleSchema.omit({ type: true }).extend({ operatorId: OperatorIdSchema, region: Region6, product: ProductSchema }),
);

export const SampleTestedSchema = eventDraftSchema(
  'sample.tested',
  RecordResultSchema.omit({ type: true }).extend({
    taskId: RecordIdSchema,
    lotCode: TraceCodeSchema,
    operatorId: OperatorIdSchema,
    verdict: z.enum(VERDICTS),
  }),
);

/** Who holds an affected lot: a registered operator and its region. */
export const HolderSchema = z.object({ operatorId: OperatorIdSchema, region: Region6 });
/** An unregistered buyer of loose goods (入市追溯凭证): only the vault reference; the contact stays in the vault. */
export const AffectedBuyerSchema = z.object({ code: TraceCodeSchema, buyer: PersonalRefSchema });

/**
 * A failed result's alert: the lots it froze (the sampled lot and every
 * descendant not sold at retail), those already frozen, every holder and
 * every buyer of loose goods among them. `region` is the monitor's prefix.
 */
export const AlertRaisedSchema = eventDraftSchema(
  'alert.raised',
  z.object({
    alertId: z.string().min(1).max(64),
    sampleId: RecordIdSchema,
    lotCode: TraceCodeSchema,
    operatorId: OperatorIdSchema,
    region: z.string().regex(/^\d{0,6}$/),
    reason: ReasonSchema,
    frozen: z.array(TraceCodeSchema),
    alreadyFrozen: z.array(TraceCodeSchema),
    holders: z.array(HolderSchema),
    buyers: z.array(AffectedBuyerSchema),
  }),
);

/** The alert lifted: `codes` are the lots its release unfroze (a lot.released event beside it). */
export const AlertReleasedSchema = eventDraftSchema(
  'alert.released',
  z.object({
    alertId: z.string().min(1).max(64),
    sampleId: RecordIdSchema,
    lotCode: TraceCodeSchema,
    reason: ReasonSchema,
    codes: z.array(TraceCodeSchema),
  }),
);

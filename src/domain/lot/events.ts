/**
 * Events about lots. Each carries what `evolve` needs for every lot it tags,
 * so a new child lot can be built from the event alone.
 */
import { z } from 'zod';
import { eventDraftSchema } from '../eventDraft.js';
import {
  CERTIFICATION_TYPES,
  CertificateSchema,
  IsoDateSchema,
  OperatorIdSchema,
  OriginSchema,
  ProductSchema,
  QuantitySchema,
  ReasonSchema,
  TraceCodeSchema,
} from '../values/index.js';
import { LotPortionSchema, ProductionRecordSchema, RecipientSchema } from './commands.js';

/**
 * A certification a lot claims, resolved from the operator's certifications
 * when commissioned. `confirmed` is false when the operator declared the
 * certification itself and no reviewer had confirmed it (自我声明) at that
 * time; claims recorded before the flag existed lack it.
 */
export const ClaimSchema = z.object({
  type: z.enum(CERTIFICATION_TYPES),
  number: z.string().min(1).max(64),
  confirmed: z.boolean().optional(),
});
export type Claim = z.infer<typeof ClaimSchema>;

export const LotCommissionedSchema = eventDraftSchema(
  'lot.commissioned',
  z.object({
    code: TraceCodeSchema,
    operatorId: OperatorIdSchema,
    product: ProductSchema,
    quantity: QuantitySchema,
    producedAt: IsoDateSchema,
    origin: OriginSchema,
    certificate: CertificateSchema.optional(),
    claims: z.array(ClaimSchema),
  }),
);

export const LotRecordedSchema = eventDraftSchema(
  'lot.recorded',
  z.object({ code: TraceCodeSchema, operatorId: OperatorIdSchema, record: ProductionRecordSchema }),
);

/** Tagged with the parent and the new child; the child inherits the parent's description. */
export const LotShippedSchema = eventDraftSchema(
  'lot.shipped',
  z.object({
    code: TraceCodeSchema,
    childCode: TraceCodeSchema,
    operatorId: OperatorIdSchema,
    quantity: QuantitySchema,
    to: RecipientSchema,
    product: ProductSchema,
    origin: OriginSchema,
    producedAt: IsoDateSchema,
    certificate: CertificateSchema.optional(),
    claims: z.array(ClaimSchema),
  }),
);

const receipt = {
  code: TraceCodeSchema,
  parentCode: TraceCodeSchema,
  operatorId: OperatorIdSchema,
  quantity: QuantitySchema,
};

/** Tagged with the child and its parent: the held quantity becomes shipped. */
export const LotAcceptedSchema = eventDraftSchema('lot.accepted', z.object(receipt));

/** Tagged with the child and its parent: the held quantity returns to the parent. */
export const LotRejectedSchema = eventDraftSchema('lot.rejected', z.object({ ...receipt, reason: ReasonSchema }));

/** Tagged with every input and every output. */
export const LotProcessedSchema = eventDraftSchema(
  'lot.processed',
  z.object({
    mode: z.enum(['merge', 'process']),
    operatorId: OperatorIdSchema,
    producedAt: IsoDateSchema,
    inputs: z.array(LotPortionSchema).min(1),
    outputs: z
      .array(
        z.object({
          code: TraceCodeSchema,
          product: ProductSchema,
          quantity: QuantitySchema,
          origin: OriginSchema,
          certificate: CertificateSchema.optional(),
        }),
      )
      .min(1),
  }),
);

export const LotSoldSchema = eventDraftSchema(
  'lot.sold',
  z.object({ code: TraceCodeSchema, operatorId: OperatorIdSchema, quantity: QuantitySchema }),
);

const freezing = z.object({ codes: z.array(TraceCodeSchema).min(1), reason: ReasonSchema, cascade: z.boolean() });

/**
 * Tagged with every lot it freezes (the root and, with cascade, its
 * descendants not yet frozen), exactly: tags = codes.map(lotTag), which lets
 * evolve take its tag as the lot to change instead of searching `codes`.
 * `region` is the freezing authority's region prefix ('' = national), so
 * that only an authority covering it may release the freeze; events written
 * before it was recorded lack it.
 */
export const LotFrozenSchema = eventDraftSchema(
  'lot.frozen',
  freezing.extend({
    region: z
      .string()
      .regex(/^\d{0,6}$/)
      .optional(),
    /** The risk alert whose failed sample froze the lots (absent for a freeze an authority decided). */
    alertId: z.string().min(1).max(64).optional(),
  }),
);
/** Tagged with every lot it releases, exactly as lot.frozen. */
export const LotReleasedSchema = eventDraftSchema('lot.released', freezing);

/** Commands about lots: commission, record, ship, accept, reject, process, sell, freeze, release. */
import { z } from 'zod';
import {
  CertificateSchema,
  IsoDateSchema,
  OperatorIdSchema,
  OriginSchema,
  PersonalRefSchema,
  ProductSchema,
  QuantitySchema,
  ReasonSchema,
  TraceCodeSchema,
} from '../values/index.js';

const distinct = (values: readonly string[]): boolean => new Set(values).size === values.length;

/** Commission a production lot (kind 1) with a fresh code issued in the operator's region. */
export const CommissionLotSchema = z.object({
  type: z.literal('lot.commission'),
  code: TraceCodeSchema,
  product: ProductSchema,
  quantity: QuantitySchema,
  producedAt: IsoDateSchema,
  origin: OriginSchema,
  certificate: CertificateSchema.optional(),
  /** Numbers of the operator's certifications the lot claims (green, organic, GI). */
  claims: z.array(z.string().min(1).max(64)).max(10).refine(distinct, 'claims must be distinct').optional(),
});
export type CommissionLot = z.infer<typeof CommissionLotSchema>;

/** A production record (生产记录): input use, farming operation, environment or processing. */
export const ProductionRecordSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('input'),
    input: z.enum(['pesticide', 'fertiliser', 'veterinary-drug']),
    name: z.string().min(1).max(100),
    /** 农药登记证号 / 兽药批准文号 / 肥料登记证号. */
    registrationNumber: z.string().min(1).max(64).optional(),
    dose: z.string().min(1).max(100),
    appliedAt: IsoDateSchema,
    /** 安全间隔期 (pesticides) or 休药期 (veterinary drugs), in days. */
    preHarvestIntervalDays: z.int().min(0).max(3650).optional(),
  }),
  z.object({
    kind: z.literal('operation'),
    operation: z.string().min(1).max(100),
    description: z.string().min(1).max(1000).optional(),
    performedAt: IsoDateSchema,
  }),
  z.object({
    kind: z.literal('environment'),
    parameter: z.string().min(1).max(100),
    value: z.number(),
    unit: z.string().min(1).max(20).optional(),
    measuredAt: IsoDateSchema,
  }),
  z.object({
    kind: z.literal('processing'),
    step: z.string().min(1).max(100),
    description: z.string().min(1).max(1000).optional(),
    performedAt: IsoDateSchema,
  }),
]);
export type ProductionRecord = z.infer<typeof ProductionRecordSchema>;

/** recordDate is when the recorded activity happened, and the field that says so. */
export function recordDate(record: ProductionRecord): { readonly field: string; readonly date: string } {
  switch (record.kind) {
    case 'input':
      return { field: 'appliedAt', date: record.appliedAt };
    case 'environment':
      return { field: 'measuredAt', date: record.measuredAt };
    case 'operation':
    case 'processing':
      return { field: 'performedAt', date: record.performedAt };
  }
}

export const RecordLotSchema = z.object({
  type: z.literal('lot.record'),
  code: TraceCodeSchema,
  record: ProductionRecordSchema,
});
export type RecordLot = z.infer<typeof RecordLotSchema>;

/** A registered buyer gets a kind-2 child lot; an unregistered one a kind-3 market-entry certificate. */
export const RecipientSchema = z.union([z.strictObject({ operatorId: OperatorIdSchema }), z.strictObject({ buyer: PersonalRefSchema })]);
export type Recipient = z.infer<typeof RecipientSchema>;

export const ShipLotSchema = z.object({
  type: z.literal('lot.ship'),
  code: TraceCodeSchema,
  childCode: TraceCodeSchema,
  quantity: QuantitySchema,
  to: RecipientSchema,
});
export type ShipLot = z.infer<typeof ShipLotSchema>;

export const AcceptLotSchema = z.object({ type: z.literal('lot.accept'), code: TraceCodeSchema });
export type AcceptLot = z.infer<typeof AcceptLotSchema>;

export const RejectLotSchema = z.object({ type: z.literal('lot.reject'), code: TraceCodeSchema, reason: ReasonSchema });
export type RejectLot = z.infer<typeof RejectLotSchema>;

export const LotPortionSchema = z.object({ code: TraceCodeSchema, quantity: QuantitySchema });
export type LotPortion = z.infer<typeof LotPortionSchema>;

export const ProcessOutputSchema = z.object({
  code: TraceCodeSchema,
  product: ProductSchema,
  quantity: QuantitySchema,
  certificate: CertificateSchema.optional(),
});
export type ProcessOutput = z.infer<typeof ProcessOutputSchema>;

/**
 * Merge (same unit, one output holding exactly the inputs' sum) or process
 * (any units and amounts: a processing step transforms the goods).
 */
export const ProcessLotsSchema = z.object({
  type: z.literal('lot.process'),
  mode: z.enum(['merge', 'process']),
  inputs: z.array(LotPortionSchema).min(1).max(100),
  outputs: z.array(ProcessOutputSchema).min(1).max(100),
});
export type ProcessLots = z.infer<typeof ProcessLotsSchema>;

/** A retail sale: the quantity leaves the chain. */
export const SellLotSchema = z.object({ type: z.literal('lot.sell'), code: TraceCodeSchema, quantity: QuantitySchema });
export type SellLot = z.infer<typeof SellLotSchema>;

export const FreezeLotSchema = z.object({
  type: z.literal('lot.freeze'),
  code: TraceCodeSchema,
  reason: ReasonSchema,
  /** Also freeze every descendant (children of children, through hand-offs and processing). */
  cascade: z.boolean(),
});
export type FreezeLot = z.infer<typeof FreezeLotSchema>;

export const ReleaseLotSchema = z.object({
  type: z.literal('lot.release'),
  code: TraceCodeSchema,
  reason: ReasonSchema,
  cascade: z.boolean(),
});
export type ReleaseLot = z.infer<typeof ReleaseLotSchema>;

/**
 * Request bodies and answers of the write routes, built from the domain's
 * schemas (STYLE rule 6). Bodies are strict: an unknown field is a 400 that
 * names it, not a silently ignored typo.
 */
import { z } from 'zod';
import {
  CertificateSchema,
  CertificationSchema,
  ContactSchema,
  IsoDateSchema,
  OPERATOR_KINDS,
  OPERATOR_ROLES,
  OperatorIdSchema,
  OriginSchema,
  PRINCIPAL_ROLES,
  PrincipalIdSchema,
  ProductionRecordSchema,
  ProductSchema,
  QuantitySchema,
  ReasonSchema,
  BuyerSchema,
  RegionCodeSchema,
  RegionPrefixSchema,
  UsccSchema,
  CitizenIdSchema,
  LOT_STATUSES,
  OPERATOR_STATUSES,
  CERTIFICATION_TYPES,
} from '../../domain/index.js';
import { ReceiptSchema, TraceCodeInputSchema } from './common.js';

const LOT_STATUS = z.enum(LOT_STATUSES);

export const CreatePrincipalBody = z.strictObject({
  name: z.string().min(1).max(100),
  role: z.enum(PRINCIPAL_ROLES),
  region: RegionPrefixSchema.optional().describe('region prefix of a regional role or admin: "44", "4401", "440113"'),
  operatorId: OperatorIdSchema.optional().describe('the operator an operator principal acts for'),
  id: PrincipalIdSchema.optional().describe('default: a random id'),
});
export const PrincipalCreated = z.object({
  id: z.string(),
  key: z.string().optional().describe('the API key, shown this once (absent when an Idempotency-Key replays the request)'),
  name: z.string(),
  role: z.enum(PRINCIPAL_ROLES),
  region: z.string().optional(),
  operatorId: z.string().optional(),
  ledger: ReceiptSchema,
});
export const RevokeBody = z.strictObject({ reason: ReasonSchema });
export const PrincipalRevoked = z.object({ id: z.string(), status: z.literal('revoked'), ledger: ReceiptSchema });

export const RegisterOperatorBody = z.strictObject({
  id: OperatorIdSchema.optional().describe("operator id; an organisation's is its USCC; default: the USCC, or a new opaque id"),
  name: z.string().min(1).max(200),
  kind: z.enum(OPERATOR_KINDS),
  roles: z.array(z.enum(OPERATOR_ROLES)).min(1).max(2),
  region: RegionCodeSchema,
  address: z.string().min(1).max(300).describe("an organisation's business address is logged; an individual's is kept in the vault"),
  contact: ContactSchema.describe('kept in the personal-data vault; the log holds only its ref and commitment'),
  uscc: UsccSchema.optional(),
  citizenId: CitizenIdSchema.optional().describe('validated, then kept only as a keyed digest; never stored or shown'),
  registrantKey: z
    .string()
    .regex(/^[A-Za-z0-9._~+/=-]{16,256}$/)
    .optional()
    .describe('the registrantKey a public filing was answered with: needed to file again after a rejection without an API key'),
});
export const OperatorWritten = z.object({
  operatorId: z.string(),
  status: z.enum(OPERATOR_STATUSES),
  registrantKey: z
    .string()
    .optional()
    .describe('public filings only, shown this once: keep it to file again if the registration is rejected (only its SHA-256 is logged)'),
  ledger: ReceiptSchema,
});
export const ReviewBody = z.strictObject({ decision: z.enum(['approve', 'reject']), reason: ReasonSchema.optional() });
export const CertificationBody = CertificationSchema.strict();
export const CertificationWritten = z.object({ operatorId: z.string(), certification: CertificationSchema, ledger: ReceiptSchema });
export const CertificationParams = z.object({ id: OperatorIdSchema, type: z.enum(CERTIFICATION_TYPES), number: z.string().min(1).max(64) });
export const CertificationConfirmed = z.object({
  operatorId: z.string(),
  certification: z.object({ type: z.enum(CERTIFICATION_TYPES), number: z.string() }),
  ledger: ReceiptSchema,
});
export const StatusBody = z.strictObject({ action: z.enum(['suspend', 'reinstate', 'withdraw']), reason: ReasonSchema });

export const CommissionBody = z.strictObject({
  product: ProductSchema,
  quantity: QuantitySchema,
  producedAt: IsoDateSchema,
  origin: OriginSchema,
  certificate: CertificateSchema.optional().describe('承诺达标合格证: states the same quantity as the lot'),
  claims: z.array(z.string().min(1).max(64)).max(10).optional().describe("numbers of the operator's certifications the lot claims"),
});
export const LotCreated = z.object({ code: z.string(), formatted: z.string(), ledger: ReceiptSchema });

/** To an operator, or to an unregistered buyer whose name, phone and address go to the vault, never the log. */
export const ShipmentRecipient = z.union([
  z.strictObject({ operatorId: OperatorIdSchema }),
  z.strictObject({ buyer: BuyerSchema.describe('kept in the personal-data vault; the log holds only its ref and commitment') }),
]);
export const ShipmentBody = z.strictObject({ to: ShipmentRecipient, quantity: QuantitySchema });
export const ShipmentCreated = z.object({
  code: z.string().describe("the child lot's code: kind 2 to an operator, kind 3 (market-entry certificate) to a buyer"),
  formatted: z.string(),
  kind: z.union([z.literal(2), z.literal(3)]),
  status: LOT_STATUS,
  ledger: ReceiptSchema,
});

export const ReasonBody = z.strictObject({ reason: ReasonSchema });
export const EmptyBody = z.strictObject({}).nullish();
export const LotAnswered = z.object({ code: z.string(), status: LOT_STATUS, ledger: ReceiptSchema });
export const RecordBody = ProductionRecordSchema;
export const SaleBody = z.strictObject({ quantity: QuantitySchema });
export const LotWritten = z.object({ code: z.string(), ledger: ReceiptSchema });
export const FreezeBody = z.strictObject({
  reason: ReasonSchema,
  cascade: z.boolean().default(false).describe('also every descendant lot'),
});
export const FreezeWritten = z.object({ codes: z.array(z.string()), ledger: ReceiptSchema });

export const ProcessingBody = z.strictObject({
  mode: z.enum(['merge', 'process']).default('process').describe('merge: one output, same unit, exactly the sum'),
  inputs: z
    .array(z.strictObject({ code: TraceCodeInputSchema, quantity: QuantitySchema }))
    .min(1)
    .max(100),
  outputs: z
    .array(z.strictObject({ product: ProductSchema, quantity: QuantitySchema, certificate: CertificateSchema.optional() }))
    .min(1)
    .max(100),
});
export const ProcessingWritten = z.object({
  outputs: z.array(z.object({ code: z.string(), formatted: z.string() })),
  ledger: ReceiptSchema,
});

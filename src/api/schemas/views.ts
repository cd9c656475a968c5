/**
 * The read answers (src/projections/views.ts) as zod schemas, for the
 * OpenAPI document and response encoding. Loose on purpose (plain strings,
 * no check digits): they describe what the log holds, they do not judge it.
 */
import { z } from 'zod';
import {
  BuyerSchema,
  CertificateSchema,
  CertificationSchema,
  ClaimSchema,
  ContactSchema,
  OPERATOR_KINDS,
  OPERATOR_ROLES,
  ProductionRecordSchema,
  ProductSchema,
  UNITS,
} from '../../domain/index.js';

const Status = z.enum(['open', 'in-transit', 'received', 'depleted', 'merged', 'rejected', 'frozen']);
const Via = z.enum(['shipment', 'merge', 'process']);
const Unit = z.enum(UNITS);
const Kind = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const OperatorRef = z.object({ id: z.string(), name: z.string().optional() });
const OperatorStatus = z.enum(['pending', 'approved', 'rejected', 'suspended', 'withdrawn']);

const LotLink = z.object({ code: z.string(), quantity: z.number(), unit: Unit, via: Via });

export const LotViewSchema = z
  .object({
    code: z.string(),
    kind: Kind,
    kindName: z.enum(['production-lot', 'circulation-lot', 'market-entry-certificate']),
    region: z.string(),
    regionName: z.string().nullable(),
    status: Status,
    frozen: z
      .object({ reason: z.string(), at: z.string(), by: z.string().optional(), resumeStatus: Status.exclude(['frozen']) })
      .optional(),
    madeBy: z.enum(['commission', 'shipment', 'merge', 'process']),
    product: ProductSchema,
    unit: Unit,
    quantity: z.number(),
    available: z.number(),
    held: z.number(),
    shipped: z.number(),
    sold: z.number(),
    processed: z.number(),
    issuer: OperatorRef,
    holder: OperatorRef.optional().describe('not in public views'),
    recipient: OperatorRef.optional().describe('not in public views'),
    buyer: BuyerSchema.optional().describe('not in public views'),
    origin: z.object({ region: z.string(), regionName: z.string().nullable(), base: z.string().optional() }),
    producedAt: z.string(),
    createdAt: z.string(),
    certificate: CertificateSchema.optional(),
    claims: z.array(ClaimSchema),
    records: z.array(ProductionRecordSchema),
    parents: z.array(LotLink).describe('one step back (向前一步)'),
    parentCount: z.int(),
    children: z.array(LotLink).optional().describe('one step forward (向后一步); not in public views'),
    childCount: z.int().optional(),
  })
  .meta({ id: 'LotView' });

export const LineageViewSchema = z
  .object({
    root: z.string(),
    direction: z.enum(['backward', 'forward']),
    nodes: z.array(z.object({ code: z.string(), depth: z.int(), kind: Kind, status: Status, product: z.string(), issuer: z.string() })),
    edges: z.array(z.object({ parent: z.string(), child: z.string(), quantity: z.number(), unit: Unit, via: Via })),
    truncated: z.boolean(),
  })
  .meta({ id: 'Lineage' });

const CertificationView = CertificationSchema.extend({ valid: z.boolean() });

export const OperatorViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(OPERATOR_KINDS),
    roles: z.array(z.enum(OPERATOR_ROLES)),
    region: z.string(),
    regionName: z.string().nullable(),
    address: z.string().optional().describe('not in public views'),
    contact: ContactSchema.optional().describe('not in public views'),
    uscc: z.string().optional(),
    status: OperatorStatus,
    certifications: z.array(CertificationView),
    registeredAt: z.string(),
    history: z
      .array(z.object({ action: z.string(), at: z.string(), by: z.string(), reason: z.string().optional() }))
      .optional()
      .describe('not in public views'),
  })
  .meta({ id: 'Operator' });

export const OperatorPageSchema = z.object({ operators: z.array(OperatorViewSchema), next: z.string().optional() });

const HoldingLot = z.object({
  code: z.string(),
  kind: Kind,
  status: Status,
  product: ProductSchema,
  quantity: z.number(),
  available: z.number(),
  unit: Unit,
  issuer: OperatorRef,
});
export const HoldingsSchema = z.object({
  operatorId: z.string(),
  held: z.array(HoldingLot),
  inTransit: z.array(HoldingLot),
  next: z.string().optional(),
});

export const PrincipalViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  region: z.string().optional(),
  operatorId: z.string().optional(),
  status: z.enum(['active', 'revoked']),
  createdAt: z.string().optional(),
  createdBy: z.string().optional(),
  revokedAt: z.string().optional(),
});

/**
 * The shapes the read model answers with: plain JSON-ready objects, what the
 * HTTP API serves. Each is a zod schema, the single source of its TypeScript
 * type (z.infer), of the API's response encoding and of its OpenAPI schema.
 * Loose on purpose (plain strings, no check digits): they describe what the
 * log holds, they do not judge it. Quantities are decimal numbers in the unit
 * named beside them; dates are ISO 8601 strings as recorded.
 */
import { z } from 'zod';
import {
  CERTIFICATION_DECLARERS,
  CertificateSchema,
  CertificationSchema,
  ClaimSchema,
  LINK_VIAS,
  LOT_ORIGINS,
  LOT_STATUSES,
  OPERATOR_KINDS,
  OPERATOR_ROLES,
  OPERATOR_STATUSES,
  ProductionRecordSchema,
  ProductSchema,
  UNITS,
} from '../domain/index.js';

/**
 * A view's type: what its schema infers, read-only all the way down (views
 * share arrays with the projections' state, and nobody may change them).
 */
type View<Schema extends z.ZodType> = DeepReadonly<z.infer<Schema>>;
type DeepReadonly<T> = T extends (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
    : T;

const Status = z.enum(LOT_STATUSES);
const Via = z.enum(LINK_VIAS).describe('shipment: a hand-off; merge / process: a step that made the child from this lot and others');
const Unit = z.enum(UNITS);
const Kind = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/** The names of the three kinds of trace code, by kind digit. */
export const KIND_NAMES = { 1: 'production-lot', 2: 'circulation-lot', 3: 'market-entry-certificate' } as const;

/** An operator named in a view: its id and, if it is registered, its name. */
export const OperatorRefSchema = z.object({ id: z.string(), name: z.string().optional() });
export type OperatorRef = View<typeof OperatorRefSchema>;

/**
 * Where personal data was: its vault reference and commitment (read the data
 * through GET /v1/personal-data/{ref}), or `erased: true` (已删除) once the
 * vault forgot it.
 */
export const PersonalRefViewSchema = z.object({
  ref: z.string(),
  commitment: z.string(),
  erased: z.literal(true).optional().describe('已删除: the data and its salt were erased'),
});
export type PersonalRefView = View<typeof PersonalRefViewSchema>;

/**
 * A neighbouring lot inside a LotView. Parents: how much of the parent went
 * into this lot; children: the child's share. For merge / process, the parent
 * gave `quantity` to a step and every output of that step carries the same
 * figure, so do not add it up across outputs. `unit` is the parent's unit
 * (units change from parent to child in processing).
 */
export const LotLinkSchema = z.object({ code: z.string(), quantity: z.number(), unit: Unit, via: Via });
export type LotLink = View<typeof LotLinkSchema>;

/** A lot as a scan of its code shows it. */
export const LotViewSchema = z
  .object({
    code: z.string(),
    kind: Kind,
    kindName: z.enum([KIND_NAMES[1], KIND_NAMES[2], KIND_NAMES[3]]),
    region: z.string().describe('GB/T 2260 region of the operator that issued the code'),
    regionName: z.string().nullable(),
    status: Status,
    frozen: z
      .object({
        reason: z.string(),
        at: z.string(),
        by: z.string().optional(),
        region: z
          .string()
          .optional()
          .describe("region prefix of the freezing authority ('' = national); only an authority covering it may release"),
        resumeStatus: Status.exclude(['frozen']),
      })
      .optional()
      .describe('present while frozen (冻结); `by` and `region` are left out of public views'),
    madeBy: z.enum(LOT_ORIGINS),
    product: ProductSchema,
    unit: Unit,
    quantity: z
      .number()
      .describe('quantity = available + held + shipped + sold + processed (all zero for a rejected lot, whose goods went back)'),
    available: z.number(),
    held: z.number(),
    shipped: z.number(),
    sold: z.number(),
    processed: z.number(),
    issuer: OperatorRefSchema.describe('producer, shipper or processor that issued the code'),
    holder: OperatorRefSchema.optional().describe('who holds it now; not in public views'),
    recipient: OperatorRefSchema.optional().describe('the operator a kind-2 lot was shipped to; not in public views'),
    buyer: PersonalRefViewSchema.optional().describe(
      'the unregistered buyer of a market-entry certificate (its vault reference); not in public views',
    ),
    origin: z.object({ region: z.string(), regionName: z.string().nullable(), base: z.string().optional() }),
    producedAt: z.string(),
    createdAt: z.string(),
    certificate: CertificateSchema.optional().describe('commitment certificate of compliance (承诺达标合格证), if one was issued'),
    claims: z.array(ClaimSchema).describe('certifications (green, organic, GI) the lot claims, checked valid when it was made'),
    records: z.array(ProductionRecordSchema).describe('production records (生产记录), oldest first'),
    parents: z.array(LotLinkSchema).describe('one step back (向前一步); at most linkLimit, see parentCount'),
    parentCount: z.int(),
    children: z.array(LotLinkSchema).optional().describe('one step forward (向后一步); not in public views'),
    childCount: z.int().optional(),
  })
  .meta({ id: 'LotView' });
export type LotView = View<typeof LotViewSchema>;

/** Who may see what (DESIGN §9): `public` leaves out buyers, holders and where the goods went. */
export type Audience = 'full' | 'public';

/** A lot one step away, for 向前一步 / 向后一步 lists; quantity as in LotLink, in the parent's unit. */
export const StepLotSchema = z.object({
  code: z.string(),
  kind: Kind,
  status: Status,
  product: ProductSchema,
  issuer: OperatorRefSchema,
  quantity: z.number(),
  unit: Unit,
  via: Via,
});
export type StepLot = View<typeof StepLotSchema>;

/** A lot in a lineage; each lot appears once, at its smallest depth (the root is 0). */
export const LineageNodeSchema = z.object({
  code: z.string(),
  depth: z.int(),
  kind: Kind,
  status: Status,
  product: z.string().describe('product name'),
  issuer: z.string().describe('operator id of the issuer'),
});
export type LineageNode = View<typeof LineageNodeSchema>;

/** An edge between two listed lots, once; `unit` is the parent's. */
export const LineageEdgeSchema = z.object({ parent: z.string(), child: z.string(), quantity: z.number(), unit: Unit, via: Via });
export type LineageEdge = View<typeof LineageEdgeSchema>;

/** A lineage (全程追溯): every lot reachable from the root in one direction, within the limits. */
export const LineageViewSchema = z
  .object({
    root: z.string(),
    direction: z.enum(['backward', 'forward']),
    nodes: z.array(LineageNodeSchema).describe('the root first, then by depth'),
    edges: z.array(LineageEdgeSchema),
    truncated: z.boolean().describe('true when maxDepth or maxNodes left out lots the walk would have reached'),
  })
  .meta({ id: 'Lineage' });
export type LineageView = View<typeof LineageViewSchema>;

/**
 * A certification, whether it is valid at the time asked about (default:
 * now), who recorded it and whether a reviewer confirmed it: one the operator
 * declared itself and no reviewer confirmed is self-declared (自我声明).
 */
export const CertificationViewSchema = CertificationSchema.extend({
  valid: z.boolean(),
  declaredBy: z
    .enum(CERTIFICATION_DECLARERS)
    .describe('operator: declared by the operator itself; reviewer: recorded by a reviewer or admin'),
  confirmed: z.boolean().describe('false while self-declared (自我声明): recorded by the operator and not yet confirmed by a reviewer'),
});
export type CertificationView = View<typeof CertificationViewSchema>;

export const OperatorViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(OPERATOR_KINDS),
    roles: z.array(z.enum(OPERATOR_ROLES)),
    region: z.string(),
    regionName: z.string().nullable(),
    address: z.string().optional().describe('not in public views'),
    contact: PersonalRefViewSchema.optional().describe('the contact person and phone (its vault reference); not in public views'),
    uscc: z.string().optional(),
    status: z.enum(OPERATOR_STATUSES),
    certifications: z.array(CertificationViewSchema),
    registeredAt: z.string(),
    history: z
      .array(z.object({ action: z.string(), at: z.string(), by: z.string(), reason: z.string().optional() }))
      .optional()
      .describe('registration, reviews and status changes, oldest first; not in public views'),
  })
  .meta({ id: 'Operator' });
export type OperatorView = View<typeof OperatorViewSchema>;

export const OperatorPageSchema = z.object({
  operators: z.array(OperatorViewSchema),
  next: z.string().optional().describe('pass as `after` for the next page; absent on the last page'),
});
export type OperatorPage = View<typeof OperatorPageSchema>;

/** A lot in an operator's holdings. */
export const HoldingLotSchema = z.object({
  code: z.string(),
  kind: Kind,
  status: Status,
  product: ProductSchema,
  quantity: z.number(),
  available: z.number(),
  unit: Unit,
  issuer: OperatorRefSchema,
});
export type HoldingLot = View<typeof HoldingLotSchema>;

export const HoldingsSchema = z.object({
  operatorId: z.string(),
  held: z.array(HoldingLotSchema).describe('lots it holds that are live: open or received (frozen ones too, see status)'),
  inTransit: z.array(HoldingLotSchema).describe('lots shipped to it that it has not accepted or rejected yet'),
  next: z.string().optional().describe('pass as `after` for the next page; absent on the last page'),
});
export type HoldingsView = View<typeof HoldingsSchema>;

/**
 * The shapes the read model answers with: plain JSON-ready objects, what the
 * HTTP API serves. Quantities are decimal numbers in the unit named beside
 * them; dates are ISO 8601 strings as recorded.
 */
import type {
  Buyer,
  Certificate,
  Certification,
  Claim,
  Contact,
  LotOrigin,
  LotStatus,
  OperatorHistoryEntry,
  OperatorKind,
  OperatorRole,
  OperatorStatus,
  Product,
  ProductionRecord,
  TraceCodeKind,
  UnfrozenStatus,
  Unit,
} from '../domain/index.js';
import type { EdgeVia } from './lots/traceGraph.js';

/** An operator named in a view: its id and, if it is registered, its name. */
export interface OperatorRef {
  readonly id: string;
  readonly name?: string;
}

/** A neighbouring lot inside a LotView. */
export interface LotLink {
  readonly code: string;
  /** Parents: how much of the parent went into this lot. Children: the child's share (see via). */
  readonly quantity: number;
  /** The parent lot's unit (for a processing step, units change from parent to child). */
  readonly unit: Unit;
  /**
   * shipment: a hand-off (the child received `quantity`); merge / process:
   * the parent gave `quantity` to a step, and every output of that step
   * carries the same figure, so do not add it up across outputs.
   */
  readonly via: EdgeVia;
}

/** A lot as a scan of its code shows it. */
export interface LotView {
  readonly code: string;
  readonly kind: TraceCodeKind;
  readonly kindName: 'production-lot' | 'circulation-lot' | 'market-entry-certificate';
  /** GB/T 2260 region of the operator that issued the code, and its full name. */
  readonly region: string;
  readonly regionName: string | null;
  readonly status: LotStatus;
  /** Present while frozen (冻结); `by` is left out of public views. */
  readonly frozen?: { readonly reason: string; readonly at: string; readonly by?: string; readonly resumeStatus: UnfrozenStatus };
  readonly madeBy: LotOrigin;
  readonly product: Product;
  readonly unit: Unit;
  /** quantity = available + held + shipped + sold + processed (all zero for a rejected lot, whose goods went back). */
  readonly quantity: number;
  readonly available: number;
  readonly held: number;
  readonly shipped: number;
  readonly sold: number;
  readonly processed: number;
  /** Producer, shipper or processor that issued the code. */
  readonly issuer: OperatorRef;
  /** Full view only: who holds it now (none in transit or on a market-entry certificate). */
  readonly holder?: OperatorRef;
  /** Full view only: the operator a kind-2 lot was shipped to. */
  readonly recipient?: OperatorRef;
  /** Full view only: the unregistered buyer of a market-entry certificate. */
  readonly buyer?: Buyer;
  readonly origin: { readonly region: string; readonly regionName: string | null; readonly base?: string };
  readonly producedAt: string;
  readonly createdAt: string;
  /** Commitment certificate of compliance (承诺达标合格证), if one was issued. */
  readonly certificate?: Certificate;
  /** Certifications (green, organic, GI) the lot claims, checked valid when it was made. */
  readonly claims: readonly Claim[];
  /** Production records (生产记录), oldest first. */
  readonly records: readonly ProductionRecord[];
  /** One step back (向前一步): the lots this one was made from; at most `linkLimit`, see parentCount. */
  readonly parents: readonly LotLink[];
  readonly parentCount: number;
  /** Full view only: one step forward (向后一步); at most `linkLimit`, see childCount. */
  readonly children?: readonly LotLink[];
  readonly childCount?: number;
}

/** Who may see what (DESIGN §9): `public` leaves out buyers, holders and where the goods went. */
export type Audience = 'full' | 'public';

/** A lot one step away, for 向前一步 / 向后一步 lists. */
export interface StepLot {
  readonly code: string;
  readonly kind: TraceCodeKind;
  readonly status: LotStatus;
  readonly product: Product;
  readonly issuer: OperatorRef;
  /** See LotLink.quantity; in the parent's unit. */
  readonly quantity: number;
  readonly unit: Unit;
  readonly via: EdgeVia;
}

export interface LineageNode {
  readonly code: string;
  /** Steps from the root (the root is 0); each lot appears once, at its smallest depth. */
  readonly depth: number;
  readonly kind: TraceCodeKind;
  readonly status: LotStatus;
  /** Product name. */
  readonly product: string;
  /** Operator id of the issuer. */
  readonly issuer: string;
}

export interface LineageEdge {
  readonly parent: string;
  readonly child: string;
  readonly quantity: number;
  /** The parent's unit. */
  readonly unit: Unit;
  readonly via: EdgeVia;
}

/** A lineage (全程追溯): every lot reachable from the root in one direction, within the limits. */
export interface LineageView {
  readonly root: string;
  readonly direction: 'backward' | 'forward';
  /** The root first, then by depth. */
  readonly nodes: readonly LineageNode[];
  /** Each edge between two listed lots, once. */
  readonly edges: readonly LineageEdge[];
  /** True when maxDepth or maxNodes left out lots the walk would have reached. */
  readonly truncated: boolean;
}

export interface CertificationView extends Certification {
  /** Whether the certification is valid at the time asked about (default: now). */
  readonly valid: boolean;
}

export interface OperatorView {
  readonly id: string;
  readonly name: string;
  readonly kind: OperatorKind;
  readonly roles: readonly OperatorRole[];
  readonly region: string;
  readonly regionName: string | null;
  readonly address: string;
  readonly contact: Contact;
  readonly uscc?: string;
  readonly status: OperatorStatus;
  readonly certifications: readonly CertificationView[];
  readonly registeredAt: string;
  /** Registration, reviews and status changes, oldest first. */
  readonly history: readonly OperatorHistoryEntry[];
}

export interface OperatorPage {
  readonly operators: readonly OperatorView[];
  /** Pass as `after` for the next page; absent on the last page. */
  readonly next?: string;
}

/** A lot in an operator's holdings. */
export interface HoldingLot {
  readonly code: string;
  readonly kind: TraceCodeKind;
  readonly status: LotStatus;
  readonly product: Product;
  readonly quantity: number;
  readonly available: number;
  readonly unit: Unit;
  readonly issuer: OperatorRef;
}

export interface HoldingsView {
  readonly operatorId: string;
  /** Lots it holds that are live: open or received (frozen ones too, see status). */
  readonly held: readonly HoldingLot[];
  /** Lots shipped to it that it has not accepted or rejected yet. */
  readonly inTransit: readonly HoldingLot[];
  /** Pass as `after` for the next page; absent on the last page. */
  readonly next?: string;
}

/** What the ledger remembers about a lot: enough to answer its views without replaying. */
import type { TraceCodeKind } from '../codes/index.js';
import { fromThousandths, toThousandths } from '../values/index.js';
import type { Certificate, Origin, PersonalRef, Product, Unit } from '../values/index.js';
import type { Claim } from './events.js';

/** Every status a lot can have; the one list the types, zod schemas, tables and pages derive from. */
export const LOT_STATUSES = ['open', 'in-transit', 'received', 'depleted', 'merged', 'rejected', 'frozen'] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];
export type UnfrozenStatus = Exclude<LotStatus, 'frozen'>;

/** How a lot came to be. */
export const LOT_ORIGINS = ['commission', 'shipment', 'merge', 'process'] as const;
export type LotOrigin = (typeof LOT_ORIGINS)[number];

/** How a child lot was made from its parent: a hand-off, a merge or a processing step. */
export const LINK_VIAS = ['shipment', 'merge', 'process'] as const;
export type LinkVia = (typeof LINK_VIAS)[number];

export interface ParentLink {
  readonly code: string;
  /** How much of the parent went into this lot. */
  readonly quantity: number;
}

export interface ChildLink {
  readonly code: string;
  /**
   * For a shipment, what the child received. For merge and processing, what
   * this lot gave to the step that made the child (shared by all outputs of
   * one step, so do not sum it across them).
   */
  readonly quantity: number;
  readonly via: LinkVia;
}

export interface FrozenInfo {
  readonly reason: string;
  readonly at: string;
  /** The event's actor (see actorId). */
  readonly by: string;
  /** Region prefix of the authority that froze the lot ('' = national); absent for freezes recorded before it was. */
  readonly region?: string;
  /** The status the lot returns to when released (kept current while frozen). */
  readonly resumeStatus: UnfrozenStatus;
}

/**
 * Amounts are decimal numbers in `unit` (see values/quantity.ts). At all
 * times, quantity = available + held + shipped + sold + processed, except for
 * a rejected lot, whose quantity went back to its parent and whose counters
 * are all zero.
 */
export interface LotState {
  readonly entity: 'lot';
  readonly code: string;
  readonly kind: TraceCodeKind;
  /** Region of the issuing operator, as written in the code. */
  readonly region: string;
  readonly status: LotStatus;
  readonly frozen?: FrozenInfo;
  readonly madeBy: LotOrigin;
  readonly product: Product;
  readonly unit: Unit;
  /** Produced, received, or made by merge or processing. */
  readonly quantity: number;
  /** Still here and free to move. */
  readonly available: number;
  /** Shipped to operators who have not accepted yet. */
  readonly held: number;
  /** Accepted by buyers, or delivered on a market-entry certificate. */
  readonly shipped: number;
  /** Sold at retail: gone from the chain. */
  readonly sold: number;
  /** Consumed by merges and processing. */
  readonly processed: number;
  /** Operator that issued the code (producer, shipper or processor). */
  readonly issuer: string;
  /** Operator responsible for the lot now; none while in transit or on a market-entry certificate. */
  readonly holder?: string;
  /** For a shipped kind-2 lot: the operator it was sent to. */
  readonly recipient?: string;
  /** For a kind-3 lot: the vault reference of the unregistered buyer. */
  readonly buyer?: PersonalRef;
  readonly parents: readonly ParentLink[];
  /**
   * The lot's children, oldest first, shared between the lot's successive
   * states: only the first `childCount` entries belong to this state. Read
   * them with childLinks(). A hand-off appends in O(1) instead of copying
   * every earlier link: a wholesale lot may be handed on thousands of times.
   */
  readonly childLog: readonly ChildLink[];
  readonly childCount: number;
  readonly origin: Origin;
  readonly producedAt: string;
  readonly certificate?: Certificate;
  readonly claims: readonly Claim[];
  /** Number of production records on the lot (the records themselves are in its events). */
  readonly records: number;
  readonly createdAt: string;
}

/**
 * expectedAvailable: quantity − held − shipped − sold − processed, the amount the invariant above
 * says is available (a rejected lot, whose counters are zero, is the one exception).
 */
export function expectedAvailable(lot: Pick<LotState, 'quantity' | 'held' | 'shipped' | 'sold' | 'processed'>): number {
  return fromThousandths(
    toThousandths(lot.quantity) -
      toThousandths(lot.held) -
      toThousandths(lot.shipped) -
      toThousandths(lot.sold) -
      toThousandths(lot.processed),
  );
}

/** childLinks returns the lot's children, oldest first. */
export function childLinks(lot: Pick<LotState, 'childLog' | 'childCount'>): ChildLink[] {
  return lot.childLog.slice(0, lot.childCount);
}

/**
 * withChildren returns the children fields of a successor state with `links`
 * added. It appends to the shared log when this state owns its end, and
 * copies only when an abandoned successor (a refused command's) wrote past
 * it, so every state keeps reading exactly its own children.
 */
export function withChildren(
  lot: Pick<LotState, 'childLog' | 'childCount'>,
  links: readonly ChildLink[],
): Pick<LotState, 'childLog' | 'childCount'> {
  const log = (lot.childLog.length === lot.childCount ? lot.childLog : lot.childLog.slice(0, lot.childCount)) as ChildLink[];
  log.push(...links);
  return { childLog: log, childCount: lot.childCount + links.length };
}

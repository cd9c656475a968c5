/**
 * A lot's status follows from its counters: once nothing is available or held
 * it is depleted (or merged, if a merge emptied it), and it comes back to life
 * if a rejected shipment returns goods. Freezing sets the status aside.
 */
import type { LotState, UnfrozenStatus } from './state.js';

/** baseStatus is the status a lot has, or will have again once released. */
export function baseStatus(lot: Pick<LotState, 'status' | 'frozen'>): UnfrozenStatus {
  return lot.frozen ? lot.frozen.resumeStatus : (lot.status as UnfrozenStatus);
}

/**
 * withBaseStatus sets the status, or the status to resume if the lot is frozen. A lot that has
 * it already is returned as it is (states are immutable): settling after most moves changes
 * nothing, and a copy of every field for it was a good part of a rebuild's time.
 */
export function withBaseStatus(lot: LotState, status: UnfrozenStatus): LotState {
  if (lot.frozen) return lot.frozen.resumeStatus === status ? lot : { ...lot, frozen: { ...lot.frozen, resumeStatus: status } };
  return lot.status === status ? lot : { ...lot, status };
}

/** settle recomputes the status after the counters changed; `emptiedAs` names a lot the change emptied. */
export function settle(lot: LotState, emptiedAs: 'depleted' | 'merged' = 'depleted'): LotState {
  const base = baseStatus(lot);
  if (base === 'in-transit' || base === 'rejected') return lot;
  const isEmpty = lot.available === 0 && lot.held === 0;
  if (isEmpty) return withBaseStatus(lot, base === 'depleted' || base === 'merged' ? base : emptiedAs);
  return withBaseStatus(lot, lot.madeBy === 'shipment' ? 'received' : 'open');
}

/** Statuses (before any freeze) in which a lot is in its keeper's stock. */
const LIVE: ReadonlySet<UnfrozenStatus> = new Set<UnfrozenStatus>(['open', 'received', 'in-transit']);

/** The fields keeperOf reads. */
export type KeeperFields = Pick<LotState, 'status' | 'frozen' | 'holder' | 'recipient'>;

/**
 * keeperOf: the operator whose stock (holdings) lists the lot — its holder, or the recipient of a
 * lot in transit — or undefined for a lot that is gone (depleted, merged, rejected, or on a
 * market-entry certificate). A frozen lot stays listed where it would be.
 */
export function keeperOf(lot: KeeperFields): string | undefined {
  return LIVE.has(baseStatus(lot)) ? (lot.holder ?? lot.recipient) : undefined;
}

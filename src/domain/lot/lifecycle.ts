/**
 * A lot's status follows from its counters: once nothing is available or held
 * it is depleted (or merged, if a merge emptied it), and it comes back to life
 * if a rejected shipment returns goods. Freezing sets the status aside.
 */
import type { LotPort } from './port.js';
import type { LotState, UnfrozenStatus } from './state.js';

/** baseStatus is the status a lot has, or will have again once released. */
export function baseStatus(lot: Pick<LotState, 'status' | 'frozen'>): UnfrozenStatus {
  return lot.frozen ? lot.frozen.resumeStatus : (lot.status as UnfrozenStatus);
}

/** settle recomputes the status after the counters changed; `emptiedAs` names a lot the change emptied. */
export function settle(lot: LotPort, emptiedAs: 'depleted' | 'merged' = 'depleted'): void {
  const base = baseStatus(lot);
  if (base === 'in-transit' || base === 'rejected') return;
  const isEmpty = lot.available === 0 && lot.held === 0;
  if (isEmpty) lot.setStatus(base === 'depleted' || base === 'merged' ? base : emptiedAs);
  else lot.setStatus(lot.madeBy === 'shipment' ? 'received' : 'open');
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

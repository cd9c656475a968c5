/**
 * The risk recall a failed result starts (风险召回): the sampled lot and every
 * descendant, read in O(descendants), sorted into those to freeze, those
 * frozen already, and the holders and loose-goods buyers affected. A lot
 * with nothing left (sold at retail, passed on in full, merged or refused)
 * is not frozen: its goods are gone or covered by the lots they went into.
 */
import { baseStatus, descendants, type LotState } from '../lot/index.js';
import { operatorIn, type StateView } from '../state.js';
import type { PersonalRef } from '../values/index.js';

export interface Recall {
  readonly freeze: readonly string[];
  readonly alreadyFrozen: readonly string[];
  readonly holders: readonly { readonly operatorId: string; readonly region: string }[];
  readonly buyers: readonly { readonly code: string; readonly buyer: PersonalRef }[];
}

const GONE = new Set(['depleted', 'merged', 'rejected']);

/** hasGoods: something of the lot is still in the chain (available, held for a buyer, in transit or with a loose-goods buyer). */
export function hasGoods(lot: LotState): boolean {
  return !GONE.has(baseStatus(lot));
}

export function recallOf(root: LotState, view: StateView): Recall {
  const freeze: string[] = [];
  const alreadyFrozen: string[] = [];
  const holders = new Map<string, string>();
  const buyers: { code: string; buyer: PersonalRef }[] = [];
  for (const lot of [root, ...descendants(root, view)]) {
    if (!hasGoods(lot)) continue;
    (lot.status === 'frozen' ? alreadyFrozen : freeze).push(lot.code);
    const holderId = lot.holder ?? lot.recipient;
    if (holderId !== undefined && !holders.has(holderId)) {
      const region = operatorIn(view, holderId)?.region;
      if (region !== undefined) holders.set(holderId, region);
    }
    if (lot.buyer) buyers.push({ code: lot.code, buyer: lot.buyer });
  }
  return { freeze, alreadyFrozen, holders: [...holders].map(([operatorId, region]) => ({ operatorId, region })), buyers };
}

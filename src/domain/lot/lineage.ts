/** Walking a lot's lineage through the view, and where a lot is for an authority. */
import { operatorIn, lotIn, type StateView } from '../state.js';
import { baseStatus } from './lifecycle.js';
import { childLinks, type LotState } from './state.js';

/**
 * descendants lists every lot made from `lot`, nearest first: shipment
 * children (except those refused and returned) and merge or processing
 * outputs, and theirs in turn. O(descendants + links): the breadth-first
 * queue is the result list itself, walked by index (Array.shift would copy).
 */
export function descendants(lot: LotState, view: StateView): LotState[] {
  const seen = new Set([lot.code]);
  const found: LotState[] = [];
  const visitChildren = (parent: LotState): void => {
    for (const link of childLinks(parent)) {
      if (seen.has(link.code)) continue;
      seen.add(link.code);
      const child = lotIn(view, link.code);
      if (!child || baseStatus(child) === 'rejected') continue;
      found.push(child);
    }
  };
  visitChildren(lot);
  for (let at = 0; at < found.length; at++) visitChildren(found[at]!);
  return found;
}

/**
 * lotRegions: an authority may act on a lot issued in its region or now held
 * by, or on its way to, an operator of its region.
 */
export function lotRegions(lot: LotState, view: StateView): string[] {
  const regions = [lot.region];
  for (const operatorId of [lot.holder, lot.recipient]) {
    const operator = operatorId === undefined ? undefined : operatorIn(view, operatorId);
    if (operator) regions.push(operator.region);
  }
  return regions;
}

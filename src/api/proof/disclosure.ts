/**
 * onPath decides which events a public proof bundle shows in full: those on
 * the path from the code back to its origins — a lineage lot's commissioning,
 * production records, freezes and releases, the hand-off that made the next
 * lot on the path and its acceptance (or rejection), and processing or
 * merging whose outputs are on the path. An event is shown only if every lot
 * it tags is in the lineage, so a freeze that cascaded to other children, a
 * processing step with outputs elsewhere, or a shipment to a lot off the path
 * stays minimal. A shipment to an unregistered buyer names a person: it stays
 * minimal even when its child is the code itself (a market-entry certificate),
 * until personal data leaves the log for the vault. Retail sales are not part
 * of the path either.
 */
import { isLotTag, LOT_TAG_PREFIX } from '../../domain/index.js';
import type { SealedEvent } from '../../store/index.js';

const PATH_EVENTS: ReadonlySet<string> = new Set([
  'lot.commissioned',
  'lot.recorded',
  'lot.accepted',
  'lot.rejected',
  'lot.processed',
  'lot.frozen',
  'lot.released',
]);

/** onPath: `event` may be disclosed to the public in the bundle of a code whose bundled lineage is `lineage`. */
export function onPath(event: SealedEvent, lineage: ReadonlySet<string>): boolean {
  const lots = event.tags.filter(isLotTag);
  if (lots.length === 0 || !lots.every((tag) => lineage.has(tag.slice(LOT_TAG_PREFIX.length)))) return false;
  if (event.type === 'lot.shipped') return namesNoBuyer(event.data);
  return PATH_EVENTS.has(event.type);
}

/** namesNoBuyer: a shipment's recipient is a registered operator (`to.operatorId`), not a person. */
function namesNoBuyer(data: unknown): boolean {
  const to = (data as { to?: unknown } | null)?.to;
  return typeof to === 'object' && to !== null && 'operatorId' in to && !('buyer' in to);
}

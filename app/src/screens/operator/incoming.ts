/**
 * Which lot in transit to me a scanned code means: a label on the goods may carry the shipment's
 * own code or that of the lot it was split from (the seller's label), so a parent's code names its
 * child in transit to me when exactly one such child exists. Pure, so Node tests drive it.
 */

export interface IncomingLot {
  readonly code: string;
}

export type IncomingMatch<T extends IncomingLot> =
  | { readonly kind: 'direct'; readonly lot: T }
  | { readonly kind: 'via-parent'; readonly lot: T; readonly parent: string }
  | { readonly kind: 'none' };

/**
 * matchIncoming: the lot of `inTransit` that `code` names, directly or through its parent;
 * `parentsOf` gives the parents' codes of a lot in transit (undefined while unknown).
 */
export function matchIncoming<T extends IncomingLot>(
  code: string,
  inTransit: readonly T[],
  parentsOf: (child: string) => readonly string[] | undefined,
): IncomingMatch<T> {
  const wanted = code.trim();
  if (wanted === '') return { kind: 'none' };
  const direct = inTransit.find((lot) => lot.code === wanted);
  if (direct) return { kind: 'direct', lot: direct };
  const children = inTransit.filter((lot) => parentsOf(lot.code)?.includes(wanted));
  const [only] = children;
  return children.length === 1 && only ? { kind: 'via-parent', lot: only, parent: wanted } : { kind: 'none' };
}

/**
 * LotAccessFacts: what deciding who may see a lot needs (DESIGN §9) — where
 * its code was issued and who issued, holds and is receiving it — read
 * straight from the lot's columns, so that an access check renders no view.
 */
import { traceCodeRegion } from '../domain/index.js';
import type { LotProjection } from './lots/lotProjection.js';

export interface LotAccessFacts {
  /** The region digits of the lot's code. */
  readonly region: string;
  readonly issuerId: string;
  /** The operator holding it; undefined when nobody does (in transit, depleted, merged). */
  readonly holderId: string | undefined;
  /** The operator it was shipped to; undefined for a production lot or a market-entry certificate. */
  readonly recipientId: string | undefined;
}

/** accessFactsOf reads the facts of lot id `id`, whose canonical code is `code`. Requires a valid lot id. */
export function accessFactsOf(lots: LotProjection, id: number, code: string): LotAccessFacts {
  const { table } = lots;
  const holder = table.holderOf(id);
  // party: a recipient operator (>= 0), a buyer (<= -2) or none (-1); see LotColumns.
  const party = table.party[id]!;
  return {
    region: traceCodeRegion(code),
    issuerId: table.operators.value(table.issuer[id]!),
    holderId: holder < 0 ? undefined : table.operators.value(holder),
    recipientId: party < 0 ? undefined : table.operators.value(party),
  };
}

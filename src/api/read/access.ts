/**
 * Who sees what (DESIGN §9). Operators see the lots they issued, hold, held or
 * are receiving, one step each way; regulators see whole lineages of lots in
 * their region (issued there, or held by or shipped to an operator there);
 * auditors see everything; the public sees upstream provenance only, never
 * buyers, holders, contacts or digests.
 */
import { AUTHORITY_ROLES, regionCovers, type PrincipalRole } from '../../domain/index.js';
import type { LotAccessFacts, OperatorView } from '../../projections/index.js';
import type { Principal } from '../auth/principal.js';
import { ProblemError } from '../problem.js';

export type LotAccess = 'full' | 'operator' | 'public';

/** Regulators and admins: the authority roles of the domain, whose region decides what they see. */
export const REGULATORS: ReadonlySet<PrincipalRole> = new Set(AUTHORITY_ROLES);

/** regionOf finds an operator's region (the read model's operatorRegion). */
export type RegionOf = (operatorId: string) => string | undefined;

/** lotAccess decides how much of `lot` the caller sees. */
export function lotAccess(principal: Principal | null, lot: LotAccessFacts, regionOf: RegionOf): LotAccess {
  if (!principal) return 'public';
  if (principal.role === 'auditor') return 'full';
  if (principal.role === 'operator') {
    const id = principal.operatorId;
    return id !== undefined && (lot.issuerId === id || lot.holderId === id || lot.recipientId === id) ? 'operator' : 'public';
  }
  if (!REGULATORS.has(principal.role)) return 'public';
  if (regionCovers(principal.region, lot.region)) return 'full';
  return partyIn(principal.region, lot.holderId, regionOf) || partyIn(principal.region, lot.recipientId, regionOf) ? 'full' : 'public';
}

/** partyIn: the operator `party` (if any) is registered inside `region`. */
function partyIn(region: string, party: string | undefined, regionOf: RegionOf): boolean {
  const partyRegion = party === undefined ? undefined : regionOf(party);
  return partyRegion !== undefined && regionCovers(region, partyRegion);
}

/** operatorAccess: the operator itself, auditors, and regulators of its region see all of an operator. */
export function operatorAccess(principal: Principal | null, operatorId: string, region: string): boolean {
  if (!principal) return false;
  if (principal.role === 'auditor') return true;
  if (principal.role === 'operator') return principal.operatorId === operatorId;
  return REGULATORS.has(principal.role) && regionCovers(principal.region, region);
}

/** publicOperator leaves out the address, the contact and the review history. */
export function publicOperator(operator: OperatorView): Omit<OperatorView, 'address' | 'contact' | 'history'> {
  const { address: _address, contact: _contact, history: _history, ...shown } = operator;
  return shown;
}

/**
 * regulatorRegion: the region prefix a directory query may cover — the one
 * asked for if it lies inside the caller's region, else 403; by default the
 * caller's whole region.
 */
export function regulatorRegion(principal: Principal, requested: string | undefined): string {
  if (requested === undefined) return principal.region;
  if (principal.region === '' || (requested !== '' && regionCovers(principal.region, requested))) return requested;
  throw new ProblemError('OutOfRegion', `region "${requested}" is outside the caller's region "${principal.region}"`, {
    field: 'region',
  });
}

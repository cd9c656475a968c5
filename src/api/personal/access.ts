/**
 * Who may read and who may erase a personal-data row. The vault row names its
 * recorder (`operator:<id>`) and region; the domain holds neither, so the
 * edge decides.
 */
import { regionCovers, type PrincipalRole } from '../../domain/index.js';
import type { PersonalEntry } from '../../store/index.js';
import type { Principal } from '../auth/principal.js';
import { REGULATORS } from '../read/access.js';
import { operatorRecorder } from './seal.js';

const ERASERS: ReadonlySet<PrincipalRole> = new Set(['admin', 'reviewer']);

const recordedByCaller = (principal: Principal, entry: PersonalEntry): boolean =>
  principal.role === 'operator' && principal.operatorId !== undefined && entry.recordedBy === operatorRecorder(principal.operatorId);

/** mayReadPersonal: the operator that recorded it, regulators whose region covers it, and admins. */
export function mayReadPersonal(principal: Principal, entry: PersonalEntry): boolean {
  if (recordedByCaller(principal, entry)) return true;
  return REGULATORS.has(principal.role) && regionCovers(principal.region, entry.region);
}

/** mayErasePersonal: a reviewer or admin whose region covers it, or the operator that recorded it. */
export function mayErasePersonal(principal: Principal, entry: PersonalEntry): boolean {
  if (recordedByCaller(principal, entry)) return true;
  return ERASERS.has(principal.role) && regionCovers(principal.region, entry.region);
}

/**
 * What the regulators' screens make of the API's lists: the rectifications still due, the
 * directory's text filter, times as China reads them. No DOM, so Node tests import it.
 */
import type { InspectionView } from '../../../../src/projections/regulation/views.js';
import type { OperatorView } from '../../../../src/projections/views.js';

export type {
  AlertView,
  CaseView,
  InspectionView,
  RiskFinding,
  SampleView,
  TaskView,
} from '../../../../src/projections/regulation/views.js';
export type { OperatorPage, OperatorView } from '../../../../src/projections/views.js';

/** rectificationsDue: the inspections that ordered a rectification not yet closed, the nearest deadline first. */
export function rectificationsDue(inspections: readonly InspectionView[]): InspectionView[] {
  return inspections
    .filter((inspection) => inspection.result === 'rectify' && inspection.rectified === undefined)
    .sort((a, b) => (a.rectifyBy ?? '').localeCompare(b.rectifyBy ?? '') || a.inspectionId.localeCompare(b.inspectionId));
}

/** matchesOperator: whether every word of `query` is in the operator's name, id, USCC, region or address (case ignored). */
export function matchesOperator(
  operator: Pick<OperatorView, 'id' | 'name' | 'region' | 'regionName' | 'uscc' | 'address'>,
  query: string,
): boolean {
  const haystack = [operator.id, operator.name, operator.region, operator.regionName, operator.uscc, operator.address]
    .filter((part): part is string => typeof part === 'string')
    .join(' ')
    .toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => haystack.includes(word));
}

/** China keeps one time zone, UTC+8, without daylight saving. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** chinaTime: an ISO time as `YYYY-MM-DD HH:mm` in China; a bare date stays as it is. */
export function chinaTime(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** chinaDate: the date in China `days` after `now` (YYYY-MM-DD), for a deadline's default. */
export const chinaDate = (now: Date, days: number): string =>
  new Date(now.getTime() + CHINA_OFFSET_MS + days * 86_400_000).toISOString().slice(0, 10);

/** identityPage: the operator's public page (its identity card's QR points there). */
export const identityPage = (operatorId: string): string => `/o/${encodeURIComponent(operatorId)}`;

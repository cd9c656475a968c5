/**
 * The progress reports (issue 12 §8), one row per region one level below
 * the asked region, only regions with something to show, sorted by code,
 * and a total over the whole asked region.
 */
import { CERTIFICATION_TYPES, certificationKey, isValidAt, regionName } from '../../domain/index.js';
import type { ActivityIndex } from './activityIndex.js';
import type { OperatorFacts } from './operatorFacts.js';
import { rowLength, scopeOf, windowOf } from './scope.js';
import type { TraceCounts } from './traceCounts.js';
import { ACTIVITY_COUNTS, type ActivityReport, type ActivityRow, type CoverageReport, type CoverageRow } from './views.js';

const nameOf = (region: string): string | null => (region === '' ? null : (regionName(region.padEnd(6, '0')) ?? null));

function emptyCoverage(region: string): CoverageRow {
  return {
    region,
    regionName: nameOf(region),
    operatorsRegistered: 0,
    operatorsApproved: 0,
    certifiedProducts: 0,
    certifiedProductsUnderTrace: 0,
    share: null,
    byType: Object.fromEntries(CERTIFICATION_TYPES.map((type) => [type, { certified: 0, underTrace: 0 }])) as CoverageRow['byType'],
  };
}

/**
 * coverage: operators registered (any status) and approved, and the
 * certifications valid at `now` held by *approved* operators only (a
 * suspended or withdrawn operator's certificate is not a product on the
 * market), with those at least one commissioned lot claims. A row is
 * listed when the region has at least one registered operator.
 */
export function coverageReport(operators: OperatorFacts, trace: TraceCounts, region: string, now: Date): CoverageReport {
  const prefix = scopeOf(region);
  const length = rowLength(prefix);
  const nowMs = now.getTime();
  const rows = new Map<string, CoverageRow>();
  const total = emptyCoverage(prefix);
  for (const state of operators.all()) {
    if (!state.region.startsWith(prefix)) continue;
    const key = state.region.slice(0, length);
    let row = rows.get(key);
    if (!row) {
      row = emptyCoverage(key);
      rows.set(key, row);
    }
    for (const target of [row, total]) target.operatorsRegistered++;
    if (state.status !== 'approved') continue;
    for (const target of [row, total]) target.operatorsApproved++;
    for (const certification of state.certifications) {
      if (!isValidAt(certification, nowMs)) continue;
      const traced = trace.claimCount(certificationKey(certification)) > 0;
      for (const target of [row, total]) {
        target.certifiedProducts++;
        target.byType[certification.type].certified++;
        if (traced) {
          target.certifiedProductsUnderTrace++;
          target.byType[certification.type].underTrace++;
        }
      }
    }
  }
  const withShare = (row: CoverageRow): CoverageRow => ({
    ...row,
    share: row.certifiedProducts === 0 ? null : row.certifiedProductsUnderTrace / row.certifiedProducts,
  });
  const sorted = [...rows.keys()].sort().map((key) => withShare(rows.get(key)!));
  return { region: prefix, at: now.toISOString(), rows: sorted, total: withShare(total) };
}

/** activity: acts counted in [startOf(from), endOf(to)], by the acting operator's region (see counting.ts). */
export function activityReport(activity: ActivityIndex, region: string, from: string, to: string): ActivityReport {
  const prefix = scopeOf(region);
  const { fromMs, toMs } = windowOf(from, to);
  const counted = activity.countRows(prefix, rowLength(prefix), fromMs, toMs);
  const rowOf = (key: string, counts: readonly number[]): ActivityRow =>
    ({
      region: key,
      regionName: nameOf(key),
      ...Object.fromEntries(ACTIVITY_COUNTS.map((name, index) => [name, counts[index] ?? 0])),
    }) as ActivityRow;
  const sums = ACTIVITY_COUNTS.map(() => 0);
  const rows: ActivityRow[] = [];
  for (const key of [...counted.keys()].sort()) {
    const counts = counted.get(key)!;
    for (const [index, value] of counts.entries()) sums[index]! += value;
    if (counts.some((value) => value > 0)) rows.push(rowOf(key, counts));
  }
  return { region: prefix, from, to, rows, total: rowOf(prefix, sums) };
}

/**
 * The reports screen's pure part: the API's coverage and activity reports (typed from their zod
 * schemas, type-only so nothing of zod is bundled) turned into what the charts draw, what the tables
 * show and the addresses asked. No DOM and no chart library, so Node tests import it.
 */
import type { ActivityCount, ActivityReport, CoverageReport, CoverageRow } from '../../../../src/projections/regulation/views.js';

export type { ActivityCount, ActivityReport, CoverageReport, CoverageRow };

/** The coverage target: every certified product under trace (a share of 1), drawn as 100%. */
export const TARGET_PERCENT = 100;

/** The deepest region a report row can be (a county, 6 digits); its report is that one row again. */
const COUNTY_DIGITS = 6;

const DAY_MS = 86_400_000;

/** The activity periods offered, in days; the API's own default is 30. */
export const PERIODS = [7, 30, 90, 365] as const;
export const DEFAULT_PERIOD = 30;

// Records of every key, so the compiler fails when the API gains or loses one.
const EVERY_COUNT: Record<ActivityCount, true> = {
  lots: true,
  handOffs: true,
  inspections: true,
  samples: true,
  failedSamples: true,
  cases: true,
  penalties: true,
};

/** The activity measures, in the API's order (its ACTIVITY_COUNTS). */
export const ACTIVITY_MEASURES = Object.keys(EVERY_COUNT) as ActivityCount[];

export type CertificationType = keyof CoverageRow['byType'];

const EVERY_TYPE: Record<CertificationType, true> = { green: true, organic: true, 'geographical-indication': true };

/** The certification types a coverage row counts, in the API's order (the domain's CERTIFICATION_TYPES). */
export const CERTIFICATION_TYPES = Object.keys(EVERY_TYPE) as CertificationType[];

/** One bar chart's data: a bar per report row, in the rows' order; null draws no bar. */
export interface BarData {
  readonly labels: readonly string[];
  readonly values: readonly (number | null)[];
  /** The region each bar stands for, and whether it has a report of its own to drill into. */
  readonly regions: readonly string[];
  readonly drillable: readonly boolean[];
}

/** The coverage chart: each row's share as a percentage, against the target. */
export interface CoverageBars extends BarData {
  readonly target: number;
}

interface Named {
  readonly region: string;
  readonly regionName: string | null;
}

/** percentOf: a share (0–1) as a percentage rounded to one decimal; null when there is none. */
export const percentOf = (share: number | null): number | null => (share === null ? null : Math.round(share * 1000) / 10);

/** percentText: a share as the tables show it ("45.5%"), or a dash when there is none. */
export function percentText(share: number | null): string {
  const percent = percentOf(share);
  return percent === null ? '—' : `${percent}%`;
}

/**
 * placeName: a row's region named without its parent's name (广东省广州市 under 广东省 → 广州市), the
 * code when the region has no name.
 */
export function placeName(row: Named, parentName: string | null): string {
  const name = row.regionName;
  if (name === null) return row.region;
  return parentName !== null && name.startsWith(parentName) && name.length > parentName.length ? name.slice(parentName.length) : name;
}

/** drillable: `row` is a region below the report's own with rows of its own (a city or province, not a county). */
export const drillable = (row: Named, reportRegion: string): boolean =>
  row.region.length > reportRegion.length && row.region.length < COUNTY_DIGITS;

function barsOf<Row extends Named>(
  report: { region: string; rows: readonly Row[]; total: Named },
  value: (row: Row) => number | null,
): BarData {
  return {
    labels: report.rows.map((row) => placeName(row, report.total.regionName)),
    values: report.rows.map(value),
    regions: report.rows.map((row) => row.region),
    drillable: report.rows.map((row) => drillable(row, report.region)),
  };
}

/** coverageBars: one bar per row of the coverage report, its share × 100 (none when it has no certified product). */
export const coverageBars = (report: CoverageReport): CoverageBars => ({
  ...barsOf(report, (row) => (row.share === null ? null : row.share * 100)),
  target: TARGET_PERCENT,
});

/** activityBars: one bar per row of the activity report, its count of `measure`. */
export const activityBars = (report: ActivityReport, measure: ActivityCount): BarData => barsOf(report, (row) => row[measure]);

/** chartSummary: a chart as one sentence for its accessible name: each bar's label and text ("广州市 45.5%；深圳市 0%"). */
export const chartSummary = (labels: readonly string[], texts: readonly string[], separator: string): string =>
  labels.map((label, index) => `${label} ${texts[index] ?? ''}`.trim()).join(separator);

const withQuery = (path: string, query: Record<string, string | undefined>): string => {
  const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
};

/** coveragePath: the API address of the coverage report of `region` (undefined: the caller's own region). */
export const coveragePath = (region: string | undefined): string => withQuery('/v1/reports/coverage', { region });

/** activityPath: the API address of the activity report of `region` over [from, to]. */
export const activityPath = (region: string | undefined, period: { from: string; to: string }): string =>
  withQuery('/v1/reports/activity', { region, from: period.from, to: period.to });

/** periodOf: the `days` up to `now`, as the activity report's from and to. */
export const periodOf = (days: number, now: Date): { from: string; to: string } => ({
  from: new Date(now.getTime() - days * DAY_MS).toISOString(),
  to: now.toISOString(),
});

/** periodParam: the period a `?days=` parameter asks for, the default when it names none offered. */
export function periodParam(text: string | null): number {
  const days = Number(text);
  return (PERIODS as readonly number[]).includes(days) ? days : DEFAULT_PERIOD;
}

/** screenPath: the reports screen's address for `region` (undefined: the principal's own) and period. */
export const screenPath = (region: string | undefined, days: number): string =>
  withQuery('/app/reports', { region, days: days === DEFAULT_PERIOD ? undefined : String(days) });

/**
 * upRegion: where "one level up" leads from a drilled-into `region`: its parent when that still lies
 * below the principal's `home` region, else undefined (the principal's own report). `home` may be
 * written with trailing zeros (440000); a parent it does not start is not below it.
 */
export function upRegion(region: string, home: string): string | undefined {
  const parent = region.slice(0, -2);
  return parent.startsWith(home) && parent.length > home.length ? parent : undefined;
}

/** downloadName: the file name a Content-Disposition header gives, or `fallback`. */
export function downloadName(disposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback;
}

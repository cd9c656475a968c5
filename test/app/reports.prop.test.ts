/**
 * The reports' chart data, for any report: a bar per row in the rows' order, each coverage bar the
 * row's share as a percentage (none without certified products) against a 100% target, each
 * activity bar the row's count; a bar can be drilled into exactly when its region has a level below.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_MEASURES,
  type ActivityReport,
  type CoverageReport,
  activityBars,
  coverageBars,
  percentOf,
} from '../../app/src/screens/reports/reportData.js';

const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));
const name = fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: null });
const count = fc.nat({ max: 10_000 });

/** A report region and its rows one level down (a county's single row is the county itself). */
const scoped = fc.constantFrom(0, 2, 4, 6).chain((length) =>
  fc.record({
    region: digits(length),
    rowRegions: fc.uniqueArray(digits(Math.min(length + 2, 6)), { maxLength: 12 }),
  }),
);

const coverageRow = (region: string) =>
  fc
    .record({ regionName: name, certifiedProducts: count, traced: count, operatorsRegistered: count })
    .map(({ regionName, certifiedProducts, traced, operatorsRegistered }) => {
      const underTrace = Math.min(traced, certifiedProducts);
      return {
        region,
        regionName,
        operatorsRegistered,
        operatorsApproved: operatorsRegistered,
        certifiedProducts,
        certifiedProductsUnderTrace: underTrace,
        share: certifiedProducts === 0 ? null : underTrace / certifiedProducts,
        byType: {
          green: { certified: certifiedProducts, underTrace },
          organic: { certified: 0, underTrace: 0 },
          'geographical-indication': { certified: 0, underTrace: 0 },
        },
      };
    });

const coverageReport: fc.Arbitrary<CoverageReport> = scoped.chain(({ region, rowRegions }) =>
  fc.record({
    region: fc.constant(region),
    at: fc.constant('2026-12-01T00:00:00.000Z'),
    rows: fc.tuple(...rowRegions.map(coverageRow)),
    total: coverageRow(region),
  }),
);

const activityRow = (region: string) =>
  fc.record({
    region: fc.constant(region),
    regionName: name,
    ...Object.fromEntries(ACTIVITY_MEASURES.map((measure) => [measure, count])),
  }) as fc.Arbitrary<ActivityReport['rows'][number]>;

const activityReport: fc.Arbitrary<ActivityReport> = scoped.chain(({ region, rowRegions }) =>
  fc.record({
    region: fc.constant(region),
    from: fc.constant('2026-11-01T00:00:00.000Z'),
    to: fc.constant('2026-12-01T00:00:00.000Z'),
    rows: fc.tuple(...rowRegions.map(activityRow)),
    total: activityRow(region),
  }),
);

const drillableRegion = (region: string, reportRegion: string): boolean => region.length > reportRegion.length && region.length < 6;

describe('coverageBars', () => {
  it('draws every row as a bar of its share × 100, in order, against a 100% target', () =>
    fc.assert(
      fc.property(coverageReport, (report) => {
        const bars = coverageBars(report);
        expect(bars.target).toBe(100);
        expect(bars.values).toHaveLength(report.rows.length);
        expect(bars.labels).toHaveLength(report.rows.length);
        expect(bars.regions).toEqual(report.rows.map((row) => row.region));
        report.rows.forEach((row, index) => {
          expect(bars.values[index]).toBe(row.share === null ? null : row.share * 100);
          expect(bars.drillable[index]).toBe(drillableRegion(row.region, report.region));
        });
      }),
    ));

  it('never draws a bar past the target', () =>
    fc.assert(
      fc.property(coverageReport, (report) => {
        for (const value of coverageBars(report).values) if (value !== null) expect(value).toBeLessThanOrEqual(100);
      }),
    ));
});

describe('activityBars', () => {
  it("draws every row as a bar of the measure's count, in order", () =>
    fc.assert(
      fc.property(activityReport, fc.constantFrom(...ACTIVITY_MEASURES), (report, measure) => {
        const bars = activityBars(report, measure);
        expect(bars.values).toEqual(report.rows.map((row) => row[measure]));
        expect(bars.regions).toEqual(report.rows.map((row) => row.region));
        expect(bars.drillable).toEqual(report.rows.map((row) => drillableRegion(row.region, report.region)));
      }),
    ));
});

describe('percentOf', () => {
  it('keeps a share within 0.05 percentage points, between 0 and 100', () =>
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (share) => {
        const percent = percentOf(share)!;
        expect(Math.abs(percent - share * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(percent).toBeGreaterThanOrEqual(0);
        expect(percent).toBeLessThanOrEqual(100);
      }),
    ));
});

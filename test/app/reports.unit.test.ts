/** The reports screen's helpers on known answers: names, percentages, addresses, the way up and CSV file names. */
import { describe, expect, it } from 'vitest';
import {
  activityPath,
  chartSummary,
  coveragePath,
  downloadName,
  percentText,
  periodOf,
  periodParam,
  placeName,
  screenPath,
  upRegion,
} from '../../app/src/screens/reports/reportData.js';

describe('placeName', () => {
  it.each([
    [{ region: '4401', regionName: '广东省广州市' }, '广东省', '广州市'],
    [{ region: '44', regionName: '广东省' }, null, '广东省'],
    [{ region: '440103', regionName: '广东省广州市荔湾区' }, '广东省广州市', '荔湾区'],
    [{ region: '4490', regionName: null }, '广东省', '4490'],
    [{ region: '44', regionName: '广东省' }, '广东省', '广东省'],
  ])('names %o under %s as %s', (row, parent, expected) => expect(placeName(row, parent)).toBe(expected));
});

describe('percentText', () => {
  it.each([
    [0, '0%'],
    [1, '100%'],
    [5 / 11, '45.5%'],
    [1 / 3, '33.3%'],
    [null, '—'],
  ])('shows %s as %s', (share, expected) => expect(percentText(share)).toBe(expected));
});

describe('addresses', () => {
  it("asks for the caller's own region when none is given, and nationwide for ''", () => {
    expect(coveragePath(undefined)).toBe('/v1/reports/coverage');
    expect(coveragePath('')).toBe('/v1/reports/coverage?region=');
    expect(coveragePath('4401')).toBe('/v1/reports/coverage?region=4401');
  });

  it('asks for the activity of a period ending now', () => {
    const period = periodOf(30, new Date('2026-12-01T00:00:00.000Z'));
    expect(period).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
    expect(activityPath('44', period)).toBe(
      '/v1/reports/activity?region=44&from=2026-11-01T00%3A00%3A00.000Z&to=2026-12-01T00%3A00%3A00.000Z',
    );
  });

  it('keeps the period in the screen address only when it is not the default', () => {
    expect(screenPath(undefined, 30)).toBe('/app/reports');
    expect(screenPath('4401', 30)).toBe('/app/reports?region=4401');
    expect(screenPath('4401', 90)).toBe('/app/reports?region=4401&days=90');
  });

  it('reads only the periods offered', () => {
    expect(periodParam('90')).toBe(90);
    expect(periodParam(null)).toBe(30);
    expect(periodParam('12')).toBe(30);
  });
});

describe('upRegion', () => {
  it.each([
    ['440103', '44', '4401'],
    ['4401', '44', undefined],
    ['44', '', undefined],
    ['4401', '', '44'],
    ['440103', '440000', undefined],
  ])('from %s with home %s leads to %s', (region, home, expected) => expect(upRegion(region, home)).toBe(expected));
});

describe('chartSummary', () => {
  it('reads each bar as its label and text', () =>
    expect(chartSummary(['广州市', '深圳市'], ['45.5%', '无认证产品'], '；')).toBe('广州市 45.5%；深圳市 无认证产品'));
});

describe('downloadName', () => {
  it('takes the name of a Content-Disposition, else the fallback', () => {
    expect(downloadName('attachment; filename="coverage-44-2026-12-01.csv"', 'report.csv')).toBe('coverage-44-2026-12-01.csv');
    expect(downloadName(null, 'report.csv')).toBe('report.csv');
  });
});

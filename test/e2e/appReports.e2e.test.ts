/**
 * The field app's reports screen in Chromium against the real server on the seeded demo: a
 * regulator (an admin nationwide on a 360-px phone, a Guangdong reviewer on a desktop) sees the
 * coverage and activity tables with the figures GET /v1/reports/… answers, the coverage chart is
 * drawn on its canvas (bars and the 100% target line) and named for screen readers, chart.js is
 * fetched only once the reports screen opens, a row drills into its sub-region and back up, each
 * CSV download is the API's CSV, and axe-core finds no serious or critical violation.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, blocking, describeViolations } from './support/axe.js';
import { appDist, scriptSize } from './support/budget.js';
import { DESKTOP, PHONE, describeWithBrowser, launchBrowser, newContext, type Viewport } from './support/browser.js';
import { saveScreenshot } from './support/screenshots.js';
import { api, startServer, type RunningServer } from './support/server.js';

/** The narrowest phone the app is built for (issue 14): 360 px wide. */
const NARROW_PHONE: Viewport = { ...PHONE, width: 360 };

const TYPES = ['green', 'organic', 'geographical-indication'] as const;
const MEASURES = ['lots', 'handOffs', 'inspections', 'samples', 'failedSamples', 'cases', 'penalties'] as const;

/** The share as the table shows it: a percentage to one decimal, a dash for none. */
const shareText = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);

/** The cells (after the region) a coverage row of the API must show. */
const coverageCells = (row: any): string[] => [
  shareText(row.share),
  String(row.certifiedProductsUnderTrace),
  String(row.certifiedProducts),
  String(row.operatorsApproved),
  String(row.operatorsRegistered),
  ...TYPES.map((type) => `${row.byType[type].underTrace}/${row.byType[type].certified}`),
];

interface TableRow {
  readonly region: string | null;
  readonly cells: string[];
}

/** tableRows: the rows of a report table's body (or foot), each its data-region and its number cells. */
function tableRows(page: Page, table: string, part: 'tbody' | 'tfoot' = 'tbody'): Promise<TableRow[]> {
  return page.locator(`[data-testid="${table}"] ${part} tr`).evaluateAll((rows) =>
    rows.map((row: any) => ({
      region: row.getAttribute('data-region'),
      cells: [...row.querySelectorAll('td')].map((cell: any) => cell.textContent),
    })),
  );
}

/** paintedPixels: how many pixels of the chart's canvas are painted at all, green like the bars, and red like the target line. */
function paintedPixels(page: Page, chart: string): Promise<{ painted: number; green: number; red: number }> {
  return page.locator(`[data-testid="${chart}"] canvas`).evaluate((canvas: any) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const near = (at: number, [r, g, b]: number[]) =>
      Math.abs(data[at] - r!) + Math.abs(data[at + 1] - g!) + Math.abs(data[at + 2] - b!) < 30;
    let painted = 0;
    let green = 0;
    let red = 0;
    for (let at = 0; at < data.length; at += 4) {
      if (data[at + 3] === 0) continue;
      painted++;
      if (near(at, [0x2f, 0x6b, 0x3a])) green++;
      if (near(at, [0xa0, 0x1c, 0x1c])) red++;
    }
    return { painted, green, red };
  });
}

describeWithBrowser('the field app reports screen (/app/reports)', () => {
  let browser: Browser;
  let server: RunningServer;
  let adminId: string;
  let reviewerId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    adminId = (await api(server, 'POST', '/v1/principals', server.adminKey, { name: '管理员电脑', role: 'admin' })).id;
    reviewerId = (await api(server, 'POST', '/v1/principals', server.adminKey, { name: '广东审核员', role: 'reviewer', region: '44' })).id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** signIn activates `page`'s device for the principal from a fresh activation link and waits for home. */
  async function signIn(page: Page, principalId: string): Promise<void> {
    const { activationUrl } = await api(server, 'POST', '/v1/activations', server.adminKey, { principalId });
    await page.goto(activationUrl);
    await page.getByTestId('principal-name').waitFor();
  }

  /** openReports goes to the reports screen from its home tile and waits for both tables and the coverage chart. */
  async function openReports(page: Page): Promise<void> {
    await page.getByTestId('tile-reports').click();
    await page.getByTestId('coverage-table').waitFor();
    await page.getByTestId('activity-table').waitFor();
    await page.locator('[data-testid="coverage-chart"][data-drawn="true"]').waitFor();
  }

  const coverage = (region: string) => api(server, 'GET', `/v1/reports/coverage?region=${region}`, server.adminKey);

  async function expectCoverageTable(page: Page, report: any): Promise<void> {
    expect(report.rows.length).toBeGreaterThan(0);
    expect(await tableRows(page, 'coverage-table')).toEqual(
      report.rows.map((row: any) => ({ region: row.region, cells: coverageCells(row) })),
    );
    expect(await tableRows(page, 'coverage-table', 'tfoot')).toEqual([{ region: report.total.region, cells: coverageCells(report.total) }]);
  }

  async function expectChartDrawn(page: Page, report: any): Promise<void> {
    const pixels = await paintedPixels(page, 'coverage-chart');
    expect(pixels.painted).toBeGreaterThan(1000);
    expect(pixels.red, 'the 100% target line').toBeGreaterThan(50);
    if (report.rows.some((row: any) => (row.share ?? 0) > 0)) expect(pixels.green, 'coverage bars').toBeGreaterThan(50);
    const canvas = page.getByRole('img', { name: /各地区追溯覆盖率条形图/ });
    const name = await canvas.getAttribute('aria-label');
    expect(name).toContain('目标 100%');
    for (const row of report.rows) if (row.share !== null) expect(name).toContain(shareText(row.share));
  }

  for (const [viewport, who, region] of [
    [NARROW_PHONE, 'an admin, nationwide', ''],
    [DESKTOP, "a reviewer, Guangdong's", '44'],
  ] as const) {
    it(`shows ${who} the coverage and activity of the region as tables and charts (${viewport.name}, ${viewport.width} px)`, async () => {
      const context = await newContext(browser, viewport);
      const page = await context.newPage();
      const chartScripts: string[] = [];
      page.on('response', (response) => {
        const path = new URL(response.url()).pathname;
        if (response.request().resourceType() === 'script' && path.startsWith('/app/assets/')) {
          if (scriptSize(appDist(), path.slice('/app/'.length)).chartJs) chartScripts.push(path);
        }
      });
      await signIn(page, region === '' ? adminId : reviewerId);
      expect(chartScripts, 'chart.js before the reports screen').toEqual([]);
      await openReports(page);
      expect(chartScripts).toHaveLength(1);
      expect(await page.getByTestId('report-region').getAttribute('data-region')).toBe(region);

      const report = await coverage(region);
      await expectCoverageTable(page, report);
      await expectChartDrawn(page, report);

      const activity = await api(server, 'GET', `/v1/reports/activity?region=${region}`, server.adminKey);
      const shown = await tableRows(page, 'activity-table');
      expect(shown.map((row) => row.region)).toEqual(activity.rows.map((row: any) => row.region));
      expect(shown.map((row) => row.cells)).toEqual(activity.rows.map((row: any) => MEASURES.map((measure) => String(row[measure]))));
      expect(await page.locator('[data-testid="activity-chart"][data-drawn="true"]').count()).toBe(activity.rows.length > 0 ? 1 : 0);

      const overflow = await page.evaluate(() => {
        const root = (globalThis as any).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow).toBe(0);
      const violations = blocking(await axeViolations(page));
      expect(violations, describeViolations(violations)).toEqual([]);
      await page.getByTestId('coverage').evaluate((section: any) => section.scrollIntoView({ block: 'start' }));
      await saveScreenshot(page, 'app-coverage-chart', viewport === DESKTOP ? DESKTOP : PHONE);
      await context.close();
    });
  }

  it('drills into a city by tapping its row, and goes back up', async () => {
    const context = await newContext(browser, NARROW_PHONE);
    const page = await context.newPage();
    await signIn(page, reviewerId);
    await openReports(page);
    const province = await coverage('44');
    const city = province.rows.find((row: any) => row.region.length === 4);
    expect(city, 'a city of Guangdong in the coverage report').toBeDefined();
    // A tap on a figure of the row, not on its link, still drills in (the link covers its row).
    const figure = page.locator(`[data-testid="coverage-table"] tbody tr[data-region="${city.region}"] td`).first();
    await figure.scrollIntoViewIfNeeded();
    const box = (await figure.boundingBox())!;
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator(`[data-testid="report-region"][data-region="${city.region}"]`).waitFor();
    expect(new URL(page.url()).searchParams.get('region')).toBe(city.region);
    await page.locator('[data-testid="coverage-chart"][data-drawn="true"]').waitFor();
    const report = await coverage(city.region);
    await expectCoverageTable(page, report);
    await expectChartDrawn(page, report);
    expect(await page.getByTestId('report-region').textContent()).toBe(city.regionName);
    const violations = blocking(await axeViolations(page));
    expect(violations, describeViolations(violations)).toEqual([]);

    await page.getByTestId('report-up').click();
    await page.locator('[data-testid="report-region"][data-region="44"]').waitFor();
    expect(new URL(page.url()).search).toBe('');
    await expectCoverageTable(page, province);
    await context.close();
  });

  it("downloads each report as the API's CSV", async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await signIn(page, reviewerId);
    await openReports(page);
    /** csvOf: the API's CSV of `path`, as bytes (the byte-order mark included) and text. */
    const csvOf = async (path: string): Promise<{ bytes: Buffer; text: string; disposition: string | null }> => {
      const response = await fetch(`${server.base}${path}`, {
        headers: { authorization: `Bearer ${server.adminKey}`, accept: 'text/csv' },
      });
      expect(response.status).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      return { bytes, text: bytes.toString('utf8'), disposition: response.headers.get('content-disposition') };
    };

    const [coverageDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('coverage-csv').click()]);
    const coverageCsv = await csvOf('/v1/reports/coverage?region=44');
    expect(readFileSync(await coverageDownload.path()).equals(coverageCsv.bytes)).toBe(true);
    expect(coverageCsv.text.startsWith('\ufeff')).toBe(true);
    expect(coverageCsv.text).toContain('追溯覆盖率');
    expect(coverageDownload.suggestedFilename()).toMatch(/^coverage-44-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(coverageCsv.disposition).toContain(coverageDownload.suggestedFilename());

    const [activityDownload, asked] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForRequest((request) => request.url().includes('/v1/reports/activity') && request.headers().accept === 'text/csv'),
      page.getByTestId('activity-csv').click(),
    ]);
    const url = new URL(asked.url());
    expect(url.searchParams.get('region')).toBe('44');
    const activityCsv = await csvOf(url.pathname + url.search);
    expect(readFileSync(await activityDownload.path()).equals(activityCsv.bytes)).toBe(true);
    expect(activityCsv.text).toContain('交易传递');
    expect(activityDownload.suggestedFilename()).toMatch(/^activity-44-.*\.csv$/);
    await context.close();
  });

  it('reads in English, and the activity chart follows the measure picked', async () => {
    const context = await newContext(browser, NARROW_PHONE);
    const page = await context.newPage();
    await signIn(page, adminId);
    await openReports(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Trace coverage' }).waitFor();
    await page.getByRole('img', { name: /Bar chart of trace coverage by region.*Target 100%/ }).waitFor();
    await page.getByLabel('Chart measure').selectOption('lots');
    const activity = await api(server, 'GET', '/v1/reports/activity', server.adminKey);
    const chart = page.getByRole('img', { name: /^Bar chart of activity by region: Lots: / });
    await chart.waitFor();
    const name = await chart.getAttribute('aria-label');
    for (const row of activity.rows) expect(name).toContain(`${row.regionName} ${row.lots}`);
    await page.locator('[data-testid="activity-chart"][data-drawn="true"]').waitFor();
    expect((await paintedPixels(page, 'activity-chart')).green).toBeGreaterThan(50);
    const violations = blocking(await axeViolations(page));
    expect(violations, describeViolations(violations)).toEqual([]);
    await context.close();
  });
});

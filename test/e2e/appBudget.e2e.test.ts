/**
 * The field app's budget (issue 14, Build 6) against the real server and the build it serves: the
 * first screen (an operator's home, and the signed-out screen) fetches at most 150 KB of gzipped
 * JavaScript and never chart.js. The time to a usable first screen on a throttled phone is a
 * speed figure, so it is measured by benchmarks/appBudget.ts, not asserted here. The sizes are
 * printed as one JSON line for the README. Also saves the operator's home screenshot.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PHONE, describeWithBrowser, launchBrowser, newContext, type Viewport } from './support/browser.js';
import { BUDGET, appDist, loadFirstScreen, scriptSize } from './support/budget.js';
import { saveScreenshot } from './support/screenshots.js';
import { api, startServer, type RunningServer } from './support/server.js';

/** The narrowest phone the app is built for (issue 14): 360 px wide. */
const NARROW_PHONE: Viewport = { ...PHONE, width: 360 };

/** What makes each first screen usable: its first selector must also be tappable. */
const OPERATOR_HOME = ['[data-testid="tiles"] a', '[data-testid="operator-name"]', '[data-testid="held-lots"]'];
const SIGNED_OUT = ['#signed-out'];

describeWithBrowser('the field app budget (first screen)', () => {
  let browser: Browser;
  let server: RunningServer;
  let operatorDevice: BrowserContextOptions['storageState'];
  const figures: Record<string, unknown> = {};

  /** activatedContext: a phone context whose device was activated from a fresh link for the farm's principal. */
  async function activatedContext(principalId: string) {
    const context = await newContext(browser, NARROW_PHONE);
    const page = await context.newPage();
    const { activationUrl } = await api(server, 'POST', '/v1/activations', server.adminKey, { principalId });
    await page.goto(activationUrl);
    await page.getByTestId('operator-name').waitFor();
    return { context, page };
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const principal = await api(server, 'POST', '/v1/principals', server.adminKey, {
      name: '农场手机',
      role: 'operator',
      operatorId: server.demo.operators.farm,
    });
    const { context, page } = await activatedContext(principal.id);
    await page.getByTestId('held-lots').waitFor();
    await saveScreenshot(page, 'app-home', PHONE);
    operatorDevice = await context.storageState();
    await context.close();
  });

  afterAll(async () => {
    if (Object.keys(figures).length > 0) console.log(JSON.stringify({ budget: 'app-first-screen', ...figures }));
    await browser?.close();
    await server?.stop();
  });

  const url = (): string => `${server.base}/app/`;

  it('builds chart.js into a script of its own', () => {
    const dist = appDist();
    const scripts = readdirSync(join(dist, 'assets'))
      .filter((file) => file.endsWith('.js'))
      .map((file) => scriptSize(dist, `assets/${file}`));
    expect(scripts.filter((script) => script.chartJs)).toHaveLength(1);
  });

  for (const [name, ready, signedIn] of [
    ['operatorHome', OPERATOR_HOME, true],
    ['signedOut', SIGNED_OUT, false],
  ] as const) {
    it(`fetches at most 150 KB of gzipped JavaScript and no chart.js for the first screen (${name})`, async () => {
      const load = await loadFirstScreen(browser, {
        url: url(),
        viewport: NARROW_PHONE,
        ready,
        ...(signedIn ? { storageState: operatorDevice } : {}),
      });
      expect(load.scripts.length).toBeGreaterThan(0);
      expect(load.scripts.filter((script) => script.chartJs)).toEqual([]);
      expect(load.jsGzipBytes).toBeLessThanOrEqual(BUDGET.firstScreenJsGzipBytes);
      figures[`${name}JsGzipBytes`] = load.jsGzipBytes;
      figures[`${name}JsBytes`] = load.scripts.reduce((sum, script) => sum + script.bytes, 0);
      figures[`${name}Scripts`] = load.scripts.map((script) => script.file);
    });
  }
});

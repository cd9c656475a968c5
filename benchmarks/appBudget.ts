/**
 * benchmarks/appBudget.ts — the field app's first screen on a throttled mid-range phone (issue 14,
 * Build 6): from navigation start until the operator's home (its tiles, name and held lots) and
 * the signed-out screen are usable, on Lighthouse's mobile "Slow 4G" (150 ms RTT, 1.6 Mbit/s down,
 * 750 kbit/s up) with a 4× slower CPU, cold cache, no service worker; median of `--loads` loads,
 * printed with the ratio to the 2 s ceiling. Needs Chromium and the built app (npm run build:app).
 *
 * Run: npx tsx benchmarks/appBudget.ts   (--loads 5)
 */
import { parseArgs } from 'node:util';
import { PHONE, launchBrowser, newContext } from '../test/e2e/support/browser.js';
import { BUDGET, CPU_SLOWDOWN, SLOW_4G, loadFirstScreen, median } from '../test/e2e/support/budget.js';
import { api, startServer } from '../test/e2e/support/server.js';
import { report, round } from './measure.js';

const { values: args } = parseArgs({ options: { loads: { type: 'string', default: '5' } } });
const LOADS = Number(args.loads);
const SCREENS = {
  operatorHome: ['[data-testid="tiles"] a', '[data-testid="operator-name"]', '[data-testid="held-lots"]'],
  signedOut: ['#signed-out'],
} as const;

const server = await startServer();
const browser = await launchBrowser();
try {
  const principal = await api(server, 'POST', '/v1/principals', server.adminKey, {
    name: '农场手机',
    role: 'operator',
    operatorId: server.demo.operators.farm,
  });
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto((await api(server, 'POST', '/v1/activations', server.adminKey, { principalId: principal.id })).activationUrl);
  await page.getByTestId('held-lots').waitFor();
  const operatorDevice = await context.storageState();
  await context.close();
  for (const [name, ready] of Object.entries(SCREENS)) {
    const times: number[] = [];
    for (let load = 0; load < LOADS; load++) {
      const measured = await loadFirstScreen(browser, {
        url: `${server.base}/app/`,
        viewport: PHONE,
        ready,
        network: SLOW_4G,
        ...(name === 'operatorHome' ? { storageState: operatorDevice } : {}),
      });
      times.push(Math.round(measured.usableMs));
    }
    const usable = median(times);
    report({
      bench: `app.firstScreen.${name}`,
      usableMs: usable,
      runs: times,
      ceilingMs: BUDGET.usableMs,
      ratioToCeiling: round(usable / BUDGET.usableMs),
      profile: `${SLOW_4G.name}, ${SLOW_4G.latency} ms RTT, CPU ×${CPU_SLOWDOWN}`,
    });
  }
} finally {
  await browser.close();
  await server.stop();
}

/**
 * The field app in a real browser (Chromium) against the real server on the seeded demo: a farm's
 * device is activated from its activation link, the home screen names who is signed in and shows
 * the farm's held lots, axe-core finds no serious or critical violation at phone (360 px) and
 * desktop size, and once the service worker is active the shell loads with the context offline.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, blocking, describeViolations } from './support/axe.js';
import { DESKTOP, PHONE, describeWithBrowser, launchBrowser, newContext, type Viewport } from './support/browser.js';
import { saveScreenshot } from './support/screenshots.js';
import { api, startServer, type RunningServer } from './support/server.js';

/** The narrowest phone the app is built for (issue 14): 360 px wide. */
const NARROW_PHONE: Viewport = { ...PHONE, width: 360 };

interface Fixture {
  readonly server: RunningServer;
  readonly farmName: string;
  readonly heldCodes: readonly string[];
  readonly farmPrincipalId: string;
}

describeWithBrowser('the field app (/app/)', () => {
  let browser: Browser;
  let fixture: Fixture;

  beforeAll(async () => {
    const server = await startServer();
    const farm = server.demo.operators.farm;
    const operator = await api(server, 'GET', `/v1/operators/${farm}`, server.adminKey);
    const holdings = await api(server, 'GET', `/v1/operators/${farm}/holdings`, server.adminKey);
    const principal = await api(server, 'POST', '/v1/principals', server.adminKey, {
      name: '农场手机',
      role: 'operator',
      operatorId: farm,
    });
    fixture = {
      server,
      farmName: operator.name,
      heldCodes: holdings.held.map((lot: { code: string }) => lot.code),
      farmPrincipalId: principal.id,
    };
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.server.stop();
  });

  const activationUrl = async (): Promise<string> =>
    (await api(fixture.server, 'POST', '/v1/activations', fixture.server.adminKey, { principalId: fixture.farmPrincipalId })).activationUrl;

  /** activateIn opens a fresh activation link in `page` and waits for the farm's holdings. */
  async function activateIn(page: Page): Promise<void> {
    const url = await activationUrl();
    expect(url.startsWith(`${fixture.server.base}/app/activate#`)).toBe(true);
    await page.goto(url);
    await page.getByTestId('operator-name').waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/');
    expect(page.url()).not.toContain('#');
  }

  for (const viewport of [NARROW_PHONE, DESKTOP]) {
    it(`activates the farm's device and shows who is signed in and the held lots (${viewport.name}, ${viewport.width} px)`, async () => {
      expect(fixture.heldCodes.length).toBeGreaterThan(0);
      const context = await newContext(browser, viewport);
      const page = await context.newPage();
      await activateIn(page);
      expect(await page.getByTestId('principal-name').textContent()).toBe('农场手机 · 设备');
      expect(await page.getByTestId('principal-role').textContent()).toBe('经营主体');
      expect(await page.getByTestId('operator-name').textContent()).toBe(fixture.farmName);
      const held = await page.getByTestId('held-lots').textContent();
      for (const code of fixture.heldCodes.slice(0, 5)) expect(held).toContain(code);
      const stored = await page.evaluate(() => (globalThis as any).localStorage.getItem('suyuan.session'));
      expect(JSON.parse(stored).key).toMatch(/^sy_/);
      const overflow = await page.evaluate(() => {
        const root = (globalThis as any).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow).toBe(0);
      const violations = blocking(await axeViolations(page));
      expect(violations, describeViolations(violations)).toEqual([]);
      await saveScreenshot(page, 'app-home', viewport.name === 'phone' ? PHONE : viewport);
      await context.close();
    });
  }

  it('switches to English and back, and signing out forgets the key', async () => {
    const context = await newContext(browser, NARROW_PHONE);
    const page = await context.newPage();
    await activateIn(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Signed in' }).waitFor();
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'This device is not activated' }).waitFor();
    expect(await page.evaluate(() => (globalThis as any).localStorage.getItem('suyuan.session'))).toBeNull();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '本设备尚未激活' }).waitFor();
    const violations = blocking(await axeViolations(page));
    expect(violations, describeViolations(violations)).toEqual([]);
    await context.close();
  });

  it('refuses a used activation link on the page', async () => {
    const url = await activationUrl();
    const context = await newContext(browser, NARROW_PHONE);
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('operator-name').waitFor();
    const second = await context.newPage();
    await second.goto(url);
    await second.getByRole('alert').waitFor();
    expect(await second.getByRole('alert').textContent()).toContain('已使用或已过期');
    await context.close();
  });

  it('loads the shell offline once the service worker is active', async () => {
    const context = await newContext(browser, NARROW_PHONE);
    const page = await context.newPage();
    await activateIn(page);
    await page.evaluate(async () => {
      const { navigator } = globalThis as any;
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
      }
    });
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('principal-name').waitFor();
    expect(await page.getByTestId('principal-name').textContent()).toBe('农场手机 · 设备');
    expect(await page.locator('.brand').textContent()).toBe('溯源');
    await context.setOffline(false);
    await context.close();
  });
});

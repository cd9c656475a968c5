/**
 * Every screen of the field app, for every role that is offered it: signed in from an activation
 * link, each home tile opens its screen, which names who is signed in, has one h1, gives every
 * control an accessible name (a <label>, aria-label or aria-labelledby, or a button's text) and
 * has no serious or critical axe-core violation, on a 360-px phone and a desktop; a reload of the
 * screen's own address opens the same screen (the server serves the shell there).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SCREENS, type ScreenName, screensFor } from '../../app/src/screens.js';
import { axeViolations, blocking, describeViolations } from './support/axe.js';
import { DESKTOP, PHONE, type Viewport, describeWithBrowser, launchBrowser, newContext } from './support/browser.js';
import { api, startServer, type RunningServer } from './support/server.js';

const NARROW_PHONE: Viewport = { ...PHONE, width: 360 };
/** Who signs in: an operator (the demo farm) and each regulator role, scoped to Guangdong. */
const ROLES = ['operator', 'reviewer', 'inspector', 'monitor', 'enforcer', 'admin'] as const;

/** unlabelled: the controls of the page without an accessible name (checked in the page). */
async function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document } = globalThis as any;
    const named = (element: any): boolean => {
      if (element.getAttribute('aria-label')?.trim()) return true;
      const by = element.getAttribute('aria-labelledby');
      if (by?.split(/\s+/).some((id: string) => document.getElementById(id)?.textContent?.trim())) return true;
      if (element.labels && [...element.labels].some((label: any) => label.textContent.trim() !== '')) return true;
      if (element.tagName === 'BUTTON' || element.tagName === 'A') return element.textContent.trim() !== '';
      return Boolean(element.getAttribute('title')?.trim());
    };
    return [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href], canvas[role=img]')]
      .filter((element: any) => !named(element))
      .map((element: any) => element.outerHTML.slice(0, 120));
  });
}

describeWithBrowser('every screen of the field app, for every role', () => {
  let browser: Browser;
  let server: RunningServer;
  const principals = new Map<string, string>();

  beforeAll(async () => {
    server = await startServer();
    for (const role of ROLES) {
      const body =
        role === 'operator'
          ? { name: `${role} 手机`, role, operatorId: server.demo.operators.farm }
          : { name: `${role} 手机`, role, region: '44' };
      principals.set(role, (await api(server, 'POST', '/v1/principals', server.adminKey, body)).id);
    }
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const role of ROLES) {
    it(`opens every screen offered to ${role}, each named, labelled and without blocking axe violations`, async () => {
      const offered: ScreenName[] = screensFor(role);
      expect(offered.length).toBeGreaterThan(0);
      for (const viewport of [NARROW_PHONE, DESKTOP]) {
        const context = await newContext(browser, viewport);
        const page = await context.newPage();
        const failures: string[] = [];
        page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
        const { activationUrl } = await api(server, 'POST', '/v1/activations', server.adminKey, { principalId: principals.get(role) });
        await page.goto(activationUrl);
        await page.getByTestId('tiles').waitFor();
        for (const name of offered) {
          await page.goto(`${server.base}/app/`);
          await page.getByTestId(`tile-${name}`).click();
          await page.waitForURL((url) => url.pathname === SCREENS[name].path);
          await page.waitForLoadState('networkidle');
          await page
            .locator('[role=status]:has-text("加载中")')
            .waitFor({ state: 'detached', timeout: 10_000 })
            .catch(() => undefined);
          const where = `${role} ${name} (${viewport.name})`;
          expect(await page.locator('h1').count(), where).toBe(1);
          expect(await page.getByTestId('who-role').textContent(), where).not.toBe('');
          expect(await unlabelled(page), where).toEqual([]);
          const violations = blocking(await axeViolations(page));
          expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([]);
          if (viewport === DESKTOP) {
            await page.reload();
            await page.locator('h1').waitFor();
            expect(new URL(page.url()).pathname, where).toBe(SCREENS[name].path);
          }
        }
        expect(failures).toEqual([]);
        await context.close();
      }
    }, 240_000);
  }
});

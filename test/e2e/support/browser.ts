/**
 * Chromium for the browser suites: Debian's /usr/bin/chromium driven by
 * playwright-core (which ships no browser of its own).
 *
 * Without Chromium the suites are skipped with a warning, except in CI
 * (CI=true), where a missing browser fails the run: `.ci/run` installs it.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { describe, it } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';

/** The flags STACK.md lists for this machine, plus what keeps a headless run quiet and offline. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export const hasChromium = (): boolean => existsSync(CHROMIUM);

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Viewport {
  readonly name: 'phone' | 'desktop';
  readonly width: number;
  readonly height: number;
  readonly deviceScaleFactor: number;
}

export const PHONE: Viewport = { name: 'phone', width: 390, height: 844, deviceScaleFactor: 2 };
export const DESKTOP: Viewport = { name: 'desktop', width: 1280, height: 800, deviceScaleFactor: 1 };

/**
 * newContext opens a context sized like `viewport`. The pages send a strict
 * CSP (script-src 'self'); bypassCSP lets the tests inject axe-core inline.
 */
export function newContext(browser: Browser, viewport: Viewport): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    deviceScaleFactor: viewport.deviceScaleFactor,
    isMobile: viewport.name === 'phone',
    hasTouch: viewport.name === 'phone',
    locale: 'zh-CN',
    bypassCSP: true,
  });
}

/** describe() when Chromium is installed; otherwise skip with a message, or fail in CI. */
export function describeWithBrowser(name: string, body: () => void): void {
  if (hasChromium()) {
    describe(name, body);
    return;
  }
  const install = 'apt-get install -y --no-install-recommends chromium fonts-noto-cjk';
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has Chromium to run in', () => {
        throw new Error(`${CHROMIUM} is missing, and CI must run the browser suites (${install})`);
      });
    });
    return;
  }
  console.warn(`[${name}] skipped: ${CHROMIUM} is missing (${install})`);
  describe.skip(name, body);
}

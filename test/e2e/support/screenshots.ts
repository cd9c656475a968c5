/**
 * Screenshots of each page at phone (390×844) and desktop (1280×800) size,
 * written to test-results/screenshots/<name>-phone.png and -desktop.png
 * (git-ignored; the README picks one).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { Viewport } from './browser.js';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../../test-results/screenshots');

export const screenshotPath = (name: string, viewport: Viewport): string => join(SCREENSHOT_DIR, `${name}-${viewport.name}.png`);

/** saveScreenshot writes what `page` shows in its viewport (opened at `viewport`'s size) as `<name>-<viewport>.png`. */
export async function saveScreenshot(page: Page, name: string, viewport: Viewport): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = screenshotPath(name, viewport);
  await page.screenshot({ path });
  return path;
}

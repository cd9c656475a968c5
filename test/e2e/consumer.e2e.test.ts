/**
 * What a buyer and a seller see in Chromium, on the seeded demo: the
 * consumer page of a market-entry certificate names, for every upstream step,
 * the operator, region, date and quantity the public view holds; a mistyped
 * code offers the code it most likely was; the market-entry certificate
 * prints as exactly one A6 page per copy (in the PDF Chromium prints); and
 * these pages pass axe-core too.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, blocking, describeViolations } from './support/axe.js';
import { DESKTOP, PHONE, describeWithBrowser, launchBrowser, newContext } from './support/browser.js';
import { saveScreenshot } from './support/screenshots.js';
import { api, startServer, type RunningServer } from './support/server.js';

interface PublicLot {
  readonly code: string;
  readonly kind: number;
  readonly madeBy: string;
  readonly issuer: { readonly id: string; readonly name?: string };
  readonly regionName: string | null;
  readonly region: string;
  readonly quantity: number;
  readonly producedAt: string;
  readonly createdAt: string;
}

let browser: Browser;
let server: RunningServer;
let marketEntry: string;

describeWithBrowser('the consumer page, a mistyped code and the market-entry certificate in Chromium', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    marketEntry = server.demo.codes.find((code) => code.startsWith('3'))!;
    expect(marketEntry, 'the demo offers a market-entry certificate').toBeDefined();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows, for every upstream step of a market-entry certificate, its operator, region, date and quantity', async () => {
    const lineage = await api<{ nodes: { code: string }[] }>(server, 'GET', `/v1/codes/${marketEntry}/trace`);
    expect(lineage.nodes.length).toBeGreaterThan(1);
    const context = await newContext(browser, PHONE);
    try {
      const page = await context.newPage();
      await page.goto(`${server.base}/c/${marketEntry}`);
      for (const { code } of lineage.nodes) {
        const lot = await api<PublicLot>(server, 'GET', `/v1/codes/${code}`);
        const card = page.locator(`li.card[data-code="${code}"]`);
        expect(await card.count(), `a card for ${code}`).toBe(1);
        const text = (await card.textContent()) ?? '';
        expect(text, `${code}: operator`).toContain(lot.issuer.name ?? lot.issuer.id);
        expect(text, `${code}: region`).toContain(lot.regionName ?? lot.region);
        expect(text, `${code}: date`).toContain((lot.madeBy === 'commission' ? lot.producedAt : lot.createdAt).slice(0, 10));
        expect(text, `${code}: quantity`).toContain(String(lot.quantity));
      }
    } finally {
      await context.close();
    }
  });

  it('offers the existing code for a code with one digit mistyped, in a page that passes axe-core', async () => {
    const position = 13;
    const typo = marketEntry.slice(0, position) + String((Number(marketEntry[position]) + 1) % 10) + marketEntry.slice(position + 1);
    const context = await newContext(browser, PHONE);
    try {
      const page = await context.newPage();
      const response = await page.goto(`${server.base}/c/${typo}`);
      expect(response?.status()).toBe(404);
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      const offer = page.getByText('您是否要查');
      expect(await offer.isVisible()).toBe(true);
      const links = await page.locator('a[href^="/c/"]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
      expect(links).toContain(`/c/${marketEntry}`);
      await saveScreenshot(page, 'mistyped-code', PHONE);
      const violations = blocking(await axeViolations(page));
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('prints the market-entry certificate as exactly one A6 page per copy, for the seller that issued it', async () => {
    const seller = (await api<PublicLot>(server, 'GET', `/v1/codes/${marketEntry}`)).issuer.id;
    const { key } = await api<{ key: string }>(server, 'POST', '/v1/principals', server.adminKey, {
      name: 'e2e seller app',
      role: 'operator',
      operatorId: seller,
    });
    const context = await browser.newContext({
      viewport: { width: DESKTOP.width, height: DESKTOP.height },
      bypassCSP: true,
      extraHTTPHeaders: { authorization: `Bearer ${key}` },
    });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${server.base}/v1/lots/${marketEntry}/certificate`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      expect(await page.locator('h1').count(), 'one <h1>, though the title is printed on each copy').toBe(1);
      await saveScreenshot(page, 'market-entry-certificate', DESKTOP);
      const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
      const pages = pdf.match(/\/Type\s*\/Page(?!s)/g) ?? [];
      expect(pages, 'one page per copy (一式两联)').toHaveLength(2);
      for (const [, width, height] of pdf.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)) {
        // A6 is 105 × 148 mm: 297.6 × 419.5 points (Chromium rounds the page to whole CSS pixels, under a point).
        expect(Math.abs(Number(width) - 297.6), `page width ${width} pt`).toBeLessThanOrEqual(1);
        expect(Math.abs(Number(height) - 419.5), `page height ${height} pt`).toBeLessThanOrEqual(1);
      }
      const violations = blocking(await axeViolations(page));
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

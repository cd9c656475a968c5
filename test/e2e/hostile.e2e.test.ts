/**
 * Hostile data in a real browser, on the real server: an operator whose
 * name, certification, lot, certificate, production records and buyer hold
 * markup that would run script (`<script>`, an `onerror` handler, a
 * `javascript:` URL), a CDATA end, a lone ampersand, a noncharacter and
 * control characters. No page runs any of it — with the pages' CSP bypassed,
 * so escaping alone must hold — and every SVG (the label in both sizes and in
 * sheets, the lineage picture for the public and for a regulator) parses as
 * XML in Chromium's DOMParser and renders without a parser error.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DESKTOP, describeWithBrowser, launchBrowser, newContext } from './support/browser.js';
import { api, startServer, type RunningServer } from './support/server.js';

/** Each piece sets window.__xss or opens a dialog if it ever becomes markup or a followed link. */
const HOSTILE = `<script>__xss=1</script>"><img src=x onerror="__xss=2">]]>&x javascript:__xss=3 \uFFFE\u0001`;
const BUYER = { name: `<img src=x onerror="__xss=4">买家`, phone: '13611112222' };
import { usccFor } from '../support/scenario.js';
const UNIFIED = usccFor('440113', 'MA5BAD77');

/** In the page: how many elements of `root` (the document when undefined) carry an on… attribute. */
const HANDLERS_IN = (root: unknown): number => {
  const scope = (root ?? (globalThis as any).document) as any;
  return [...scope.querySelectorAll('*')].filter((element: any) => [...element.attributes].some((a: any) => /^on/i.test(a.name))).length;
};

/** In the page: `text` parsed by Chromium's XML parser (DOMParser, image/svg+xml). */
const PARSE_SVG = (text: string) => {
  const parsed = new (globalThis as any).DOMParser().parseFromString(text, 'image/svg+xml');
  const scope = parsed as any;
  return {
    error: (scope.querySelector('parsererror')?.textContent as string | undefined) ?? null,
    root: scope.documentElement.localName as string,
    scripts: scope.querySelectorAll('script').length as number,
    handlers: [...scope.querySelectorAll('*')].filter((element: any) => [...element.attributes].some((a: any) => /^on/i.test(a.name)))
      .length,
  };
};

let server: RunningServer;
let browser: Browser;
let urls: { html: string[]; svg: string[]; certificate: string; operatorKey: string; auditorKey: string };

describeWithBrowser('hostile data in Chromium', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demoLots: 20 }), launchBrowser()]);
    const admin = server.adminKey;
    const { operatorId } = await api<{ operatorId: string }>(server, 'POST', '/v1/operators', undefined, {
      name: `恶意农场${HOSTILE}`.slice(0, 100),
      kind: 'enterprise',
      roles: ['producer', 'trader'],
      region: '440113',
      address: '广东省广州市',
      contact: { name: '联系人', phone: '13800138000' },
      uscc: UNIFIED,
    });
    await api(server, 'POST', `/v1/operators/${operatorId}/review`, admin, { decision: 'approve' });
    const { key } = await api<{ key: string }>(server, 'POST', '/v1/principals', admin, { name: 'hostile', role: 'operator', operatorId });
    const { key: auditorKey } = await api<{ key: string }>(server, 'POST', '/v1/principals', admin, { name: 'audit', role: 'auditor' });
    const certification = { type: 'organic', number: 'OG<1>&', product: HOSTILE, validFrom: '2020-01-01', validTo: '2099-12-31' };
    await api(server, 'POST', `/v1/operators/${operatorId}/certifications`, key, certification);
    const { code } = await api<{ code: string }>(server, 'POST', '/v1/lots', key, {
      product: { name: HOSTILE, category: 'vegetable', variety: 'v<i>&' },
      quantity: { amount: 100, unit: 'kg' },
      producedAt: '2026-06-01',
      origin: { region: '440113', base: HOSTILE },
      claims: [certification.number],
      certificate: {
        product: 'a&b]]>\uFFFE\u0001<i>',
        quantity: { amount: 100, unit: 'kg' },
        origin: HOSTILE,
        issuedAt: '2026-06-01',
        issuer: 'x<i>&\u0008',
        contact: '13900139000',
        basis: 'self-test',
      },
    });
    await api(server, 'POST', `/v1/lots/${code}/records`, key, {
      kind: 'operation',
      operation: HOSTILE,
      description: HOSTILE,
      performedAt: '2026-05-21',
    });
    const { code: sold } = await api<{ code: string }>(server, 'POST', `/v1/lots/${code}/shipments`, key, {
      to: { buyer: BUYER },
      quantity: { amount: 5, unit: 'kg' },
    });
    urls = {
      html: [`/c/${code}`, `/c/${code}?lang=en`, `/c/${sold}`, `/c/${code}/graph`, `/c/${sold}/graph`, `/o/${operatorId}`, '/showcase'],
      svg: [
        `/c/${code}/label.svg`,
        `/c/${code}/label.svg?size=100x70`,
        `/c/${code}/label.svg?copies=3`,
        `/c/${sold}/label.svg?size=100x70&copies=12`,
        `/c/${code}/graph.svg`,
        `/c/${sold}/graph.svg`,
      ],
      certificate: `/v1/lots/${sold}/certificate`,
      operatorKey: key,
      auditorKey,
    };
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** open visits `path` (with `key` as Bearer, if given) and answers what ran in it. */
  async function open(path: string, key?: string): Promise<{ status: number; xss: unknown; dialogs: string[]; handlers: number }> {
    const context = await newContext(browser, DESKTOP);
    try {
      if (key) await context.setExtraHTTPHeaders({ authorization: `Bearer ${key}` });
      const page: Page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      const response = await page.goto(`${server.base}${path}`, { waitUntil: 'load' });
      // Follow every link the page offers that is not an http(s) one: a javascript: URL would run here.
      const odd = await page
        .locator('a[href]')
        .evaluateAll((anchors) =>
          anchors
            .map((a) => a.getAttribute('href') ?? '')
            .filter((href) => /^\s*[a-z][a-z0-9+.-]*:/i.test(href) && !/^https?:/i.test(href)),
        );
      expect(odd, `${path}: links with a scheme other than http(s)`).toEqual([]);
      const handlers = await page.evaluate(HANDLERS_IN, undefined);
      const xss = await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss);
      return { status: response?.status() ?? 0, xss, dialogs, handlers };
    } finally {
      await context.close();
    }
  }

  it('runs none of it on any public page, nor on the market-entry certificate', async () => {
    const visits: [string, string | undefined][] = [...urls.html.map((path): [string, undefined] => [path, undefined])];
    visits.push([urls.certificate, urls.operatorKey], [urls.html[3]!, urls.auditorKey]);
    for (const [path, key] of visits) {
      const { status, xss, dialogs, handlers } = await open(path, key);
      expect(status, path).toBe(200);
      expect(xss, `${path}: injected script ran`).toBeUndefined();
      expect(dialogs, path).toEqual([]);
      expect(handlers, `${path}: elements with an event handler attribute`).toBe(0);
    }
  });

  it('serves SVGs that parse as XML and render without a parser error', async () => {
    const context = await newContext(browser, DESKTOP);
    try {
      const page = await context.newPage();
      await page.goto(`${server.base}/`);
      const svgs: [string, string | undefined][] = urls.svg.map((path) => [path, undefined]);
      svgs.push([urls.svg[4]!, urls.auditorKey], [urls.svg[5]!, urls.auditorKey]);
      for (const [path, key] of svgs) {
        const response = await fetch(`${server.base}${path}`, key ? { headers: { authorization: `Bearer ${key}` } } : {});
        expect(response.status, path).toBe(200);
        expect(response.headers.get('content-type'), path).toBe('image/svg+xml; charset=utf-8');
        const parsed = await page.evaluate(PARSE_SVG, await response.text());
        expect(parsed, path).toEqual({ error: null, root: 'svg', scripts: 0, handlers: 0 });
      }
      // Opened as a document, too: Chromium shows an XML error page for an ill-formed SVG.
      for (const path of [urls.svg[0]!, urls.svg[4]!]) {
        await page.goto(`${server.base}${path}`);
        expect(await page.locator('parsererror').count(), path).toBe(0);
        expect(await page.evaluate(() => (globalThis as any).document.documentElement.localName), path).toBe('svg');
      }
    } finally {
      await context.close();
    }
  });
});

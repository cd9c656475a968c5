/**
 * The public pages in a real browser (Chromium), served by the real server
 * on the seeded demo chain: every page has a language, axe-core finds no
 * serious or critical violation at phone and desktop size, screenshots are
 * written, a frozen lot shows its banner, and no page — nor a printed label —
 * carries personal data: neither an individual operator's registration nor
 * a market-entry certificate's buyer.
 *
 * Other work changes the pages' markup; these tests assert what must hold
 * whatever it looks like.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { citizenIdCheckCharacter } from '../../src/domain/index.js';
import { axeViolations, blocking, describeViolations } from './support/axe.js';
import { DESKTOP, PHONE, describeWithBrowser, launchBrowser, newContext, type Viewport } from './support/browser.js';
import { saveScreenshot } from './support/screenshots.js';
import { api, startServer, type RunningServer } from './support/server.js';

interface Codes {
  /** kind 1, 生产批次, not frozen */
  readonly farm: string;
  /** kind 2, 流通批次, not frozen */
  readonly trade: string;
  /** kind 3, 入市追溯凭证 */
  readonly marketEntry: string;
  /** a demo lot frozen (the recall's), per the admin's view */
  readonly frozen: string;
  /** the lot the registered individual commissioned */
  readonly individualLot: string;
}

interface Fixture {
  readonly server: RunningServer;
  readonly codes: Codes;
  readonly individualId: string;
  /** Strings no public page may contain. */
  readonly personal: readonly string[];
}

/** A person registered here: every string of it is distinctive enough to be searched for verbatim. */
const PERSON = {
  name: '司马青岚',
  phone: '13987654321',
  address: '番禺区化龙镇沙亭村七十七号',
  citizenId: `44011319770707246${citizenIdCheckCharacter('44011319770707246')}`,
};
const PERSON_FRAGMENTS = [PERSON.name, '马青岚', '青岚', PERSON.phone, '87654321', '沙亭村七十七号', PERSON.citizenId];

/** The public pages, by screenshot name; paths resolve once the server is up. */
const PAGES: readonly (readonly [name: string, path: (f: Fixture) => string])[] = [
  ['home', () => '/'],
  ['lot-farm', (f) => `/c/${f.codes.farm}`],
  ['lot-trade', (f) => `/c/${f.codes.trade}`],
  ['lot-market-entry', (f) => `/c/${f.codes.marketEntry}`],
  ['lot-frozen', (f) => `/c/${f.codes.frozen}`],
  ['lot-individual', (f) => `/c/${f.codes.individualLot}`],
  ['operator-farm', (f) => `/o/${f.server.demo.operators.farm}`],
  ['operator-individual', (f) => `/o/${f.individualId}`],
  ['graph-market-entry', (f) => `/c/${f.codes.marketEntry}/graph`],
  ['showcase', () => '/showcase'],
  ['showcase-filtered', () => '/showcase?region=44&category=vegetable'],
  ['lot-market-entry-en', (f) => `/c/${f.codes.marketEntry}?lang=en`],
  ['problem-type', () => '/problems/UnderRecall'],
];

let browser: Browser;
let fixture: Fixture;

describeWithBrowser('public pages in Chromium', () => {
  beforeAll(async () => {
    const [server, launched] = await Promise.all([startServer(), launchBrowser()]);
    browser = launched;
    try {
      fixture = await prepare(server);
    } catch (error) {
      await Promise.all([browser.close(), server.stop()]);
      throw error;
    }
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await fixture?.server.stop();
  });

  it.concurrent.for(PAGES)('%s: has lang, no serious or critical axe violation, no personal data; screenshots', async ([name, path], t) => {
    const url = `${fixture.server.base}${path(fixture)}`;
    const results = await Promise.all([PHONE, DESKTOP].map((viewport) => visit(url, name, viewport)));
    for (const { viewport, status, lang, headings, html, rendered, violations, errors } of results) {
      const where = `${url} (${viewport.name})`;
      t.expect(status, `${where}; the server printed:\n${fixture.server.output().slice(-2000)}`).toBe(200);
      t.expect(lang, `${where}: <html lang>`).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
      t.expect(headings, `${where}: <h1> elements`).toBe(1);
      t.expect(errors, `${where}: errors thrown in the page`).toEqual([]);
      t.expect(blocking(violations), `${where}: axe-core\n${describeViolations(blocking(violations))}`).toEqual([]);
      if (violations.length > 0) console.info(`[axe] ${where}, minor or moderate:\n${describeViolations(violations)}`);
      for (const text of fixture.personal) {
        t.expect(html.includes(text), `${where} serves personal data: ${text}`).toBe(false);
        t.expect(rendered.includes(text), `${where} shows personal data: ${text}`).toBe(false);
      }
    }
  });

  it('shows the freeze banner (冻结) on a demo lot the admin sees frozen', async () => {
    const context = await newContext(browser, PHONE);
    try {
      const page = await context.newPage();
      await page.goto(`${fixture.server.base}/c/${fixture.codes.frozen}`);
      const banner = page.getByText(/冻结/).first();
      expect(await banner.isVisible(), 'a visible text with 冻结').toBe(true);
    } finally {
      await context.close();
    }
  });

  it('shows a market-entry certificate’s origin and links every upstream lot of its public lineage', async () => {
    const code = fixture.codes.marketEntry;
    const lot = await api(fixture.server, 'GET', `/v1/codes/${code}`);
    const lineage = await api<{ nodes: { code: string }[] }>(fixture.server, 'GET', `/v1/codes/${code}/trace`);
    const upstream = lineage.nodes.map((node) => node.code).filter((c) => c !== code);
    expect(upstream.length).toBeGreaterThan(0);
    const context = await newContext(browser, DESKTOP);
    try {
      const page = await context.newPage();
      await page.goto(`${fixture.server.base}/c/${code}`);
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text).toContain(lot.origin.regionName ?? lot.origin.region);
      const links = await page.locator('a[href^="/c/"]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
      for (const parent of upstream) expect(links, `a link to upstream lot ${parent}`).toContain(`/c/${parent}`);
    } finally {
      await context.close();
    }
  });

  it('draws exactly one lineage node (data-code) per lot of the public lineage, each linking to its page', async () => {
    const code = fixture.codes.marketEntry;
    const lineage = await api<{ nodes: { code: string }[] }>(fixture.server, 'GET', `/v1/codes/${code}/trace`);
    const context = await newContext(browser, DESKTOP);
    try {
      const page = await context.newPage();
      await page.goto(`${fixture.server.base}/c/${code}/graph`);
      const drawn = await page.locator('svg [data-code]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-code')));
      expect([...drawn].sort()).toEqual(lineage.nodes.map((node) => node.code).sort());
      const links = await page.locator('svg a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
      expect([...links].sort()).toEqual(lineage.nodes.map((node) => `/c/${node.code}`).sort());
      const box = await page.locator('svg').first().boundingBox();
      expect(box?.width ?? 0, 'the picture is laid out, not empty').toBeGreaterThan(150);
    } finally {
      await context.close();
    }
  });

  it('prints no personal data on any lot’s label.svg', async () => {
    for (const code of Object.values(fixture.codes)) {
      const response = await fetch(`${fixture.server.base}/c/${code}/label.svg`);
      expect(response.status, code).toBe(200);
      const svg = await response.text();
      for (const text of fixture.personal) expect(svg.includes(text), `label.svg of ${code} prints ${text}`).toBe(false);
    }
  });
});

interface Visit {
  readonly viewport: Viewport;
  readonly status: number | undefined;
  readonly lang: string | null;
  /** How many <h1> the page has (one, always). */
  readonly headings: number;
  /** The body as served. */
  readonly html: string;
  /** The DOM after load, serialised. */
  readonly rendered: string;
  readonly violations: Awaited<ReturnType<typeof axeViolations>>;
  readonly errors: string[];
}

/** visit opens `url` at `viewport`'s size, screenshots it, and runs axe-core in it. */
async function visit(url: string, name: string, viewport: Viewport): Promise<Visit> {
  const context = await newContext(browser, viewport);
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(url, { waitUntil: 'load' });
    const html = (await response?.text()) ?? '';
    const lang = await page.locator('html').getAttribute('lang');
    const headings = await page.locator('h1').count();
    await saveScreenshot(page, name, viewport);
    const rendered = await page.content();
    const violations = await axeViolations(page);
    return { viewport, status: response?.status(), lang, headings, html, rendered, violations, errors };
  } finally {
    await context.close();
  }
}

/** prepare picks the demo codes to open, registers an individual with a lot of its own, and reads the buyer to search for. */
async function prepare(server: RunningServer): Promise<Fixture> {
  const admin = server.adminKey;
  const views = await Promise.all(
    server.demo.codes.map((code) =>
      api<{ code: string; kind: number; status: string; buyer?: { ref: string } | null }>(server, 'GET', `/v1/codes/${code}`, admin),
    ),
  );
  const find = (what: string, test: (view: (typeof views)[number]) => boolean) => {
    const view = views.find(test);
    if (!view)
      throw new Error(`the demo offers no ${what}: ${JSON.stringify(views.map(({ code, kind, status }) => ({ code, kind, status })))}`);
    return view;
  };
  const farm = find('kind-1 lot', (v) => v.kind === 1 && v.status !== 'frozen');
  const trade = find('kind-2 lot', (v) => v.kind === 2 && v.status !== 'frozen');
  const marketEntry = find('market-entry certificate', (v) => v.kind === 3 && v.code.startsWith('3'));
  const frozen = find('frozen lot', (v) => v.status === 'frozen');
  if (!marketEntry.buyer) throw new Error(`the market-entry certificate ${marketEntry.code} has no buyer`);
  const buyer = await api<{ data: { name: string; phone: string } }>(
    server,
    'GET',
    `/v1/personal-data/${marketEntry.buyer.ref}?purpose=${encodeURIComponent('e2e: check public pages do not show it')}`,
    admin,
  );

  const { operatorId } = await api<{ operatorId: string }>(server, 'POST', '/v1/operators', admin, {
    name: PERSON.name,
    kind: 'individual',
    roles: ['producer'],
    region: '440113',
    address: PERSON.address,
    contact: { name: PERSON.name, phone: PERSON.phone },
    citizenId: PERSON.citizenId,
  });
  await api(server, 'POST', `/v1/operators/${operatorId}/review`, admin, { decision: 'approve' });
  const { key } = await api<{ key: string }>(server, 'POST', '/v1/principals', admin, { name: 'e2e grower', role: 'operator', operatorId });
  const { code: individualLot } = await api<{ code: string }>(server, 'POST', '/v1/lots', key, {
    product: { name: '菜心', category: 'vegetable', variety: '四九菜心' },
    quantity: { amount: 120, unit: 'kg' },
    producedAt: '2026-06-01',
    origin: { region: '440113', base: '化龙镇菜心地' },
    certificate: {
      product: '菜心',
      quantity: { amount: 120, unit: 'kg' },
      origin: '广州市番禺区化龙镇',
      issuedAt: '2026-06-01',
      issuer: '化龙家庭农场',
      contact: '400-800-1234',
    },
  });

  return {
    server,
    codes: { farm: farm.code, trade: trade.code, marketEntry: marketEntry.code, frozen: frozen.code, individualLot },
    individualId: operatorId,
    personal: [...PERSON_FRAGMENTS, buyer.data.name, buyer.data.phone],
  };
}

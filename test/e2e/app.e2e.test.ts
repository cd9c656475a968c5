/**
 * The field app in a real browser (Chromium) against the real server on the seeded demo: a farm's
 * device is activated from its activation link, the home screen names who is signed in and shows
 * the farm's held lots, axe-core finds no serious or critical violation at phone (360 px) and
 * desktop size, and once the service worker is active the shell loads with the context offline.
 * A hand-off made offline on the hand-off screen (/app/hand-off) waits in the outbox as pending, is
 * sent once when the connection returns and never again on a later reconnect (the log's size says so).
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
  readonly heldLots: readonly { code: string; available: number; unit: string; status: string }[];
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
      heldLots: holdings.held,
      farmPrincipalId: principal.id,
    };
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.server.stop();
  });

  const activationUrl = async (principalId = fixture.farmPrincipalId): Promise<string> =>
    (await api(fixture.server, 'POST', '/v1/activations', fixture.server.adminKey, { principalId })).activationUrl;

  /** activateIn opens a fresh activation link in `page` and waits for the operator's holdings (the farm's unless told). */
  async function activateIn(page: Page, principalId?: string): Promise<void> {
    const url = await activationUrl(principalId);
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

  /** openHandOff moves from home to the hand-off screen through its tile (no reload) and waits for its form. */
  async function openHandOff(page: Page): Promise<void> {
    await page.getByTestId('tile-handOff').click();
    await page.getByRole('heading', { level: 1, name: '交付' }).waitFor();
    await page.getByLabel('从在手批次中选择').waitFor();
  }

  /** logSize: the size of the log's latest signed checkpoint (its second line), asked of the server directly. */
  async function logSize(): Promise<number> {
    const response = await fetch(`${fixture.server.base}/v1/log/checkpoint`);
    expect(response.status).toBe(200);
    return Number((await response.text()).split('\n')[1]);
  }

  it('queues a hand-off made offline as pending, sends it once back online, and nothing on a second reconnect', async () => {
    const lot = fixture.heldLots.find((candidate) => candidate.available >= 2);
    expect(lot, 'a held lot with at least 2 units available').toBeDefined();
    const wholesaler = fixture.server.demo.operators.wholesaler;
    const context = await newContext(browser, NARROW_PHONE);
    const page = await context.newPage();
    const shipments: number[] = [];
    page.on('response', (response) => {
      if (response.request().method() === 'POST' && response.url().endsWith('/shipments')) shipments.push(response.status());
    });
    await activateIn(page);
    await openHandOff(page);
    const before = await logSize();

    await context.setOffline(true);
    await page.getByLabel('追溯码', { exact: true }).fill(lot!.code);
    await page.getByLabel('数量', { exact: true }).fill('1');
    expect(await page.getByLabel('单位', { exact: true }).inputValue()).toBe(lot!.unit);
    await page.getByLabel('买方经营主体编号', { exact: true }).fill(wholesaler);
    await page.getByRole('button', { name: '交付', exact: true }).click();
    expect(await page.getByTestId('write-status').getAttribute('data-state')).toBe('pending');
    await page.getByRole('link', { name: /返回首页/ }).click();
    const entry = page.getByTestId('outbox-entry');
    await entry.filter({ hasText: '上次尝试' }).waitFor();
    expect(await entry.getAttribute('data-state')).toBe('pending');
    expect(await entry.textContent()).toContain('待发送');
    expect(await logSize()).toBe(before);
    const violations = blocking(await axeViolations(page));
    expect(violations, describeViolations(violations)).toEqual([]);
    await saveScreenshot(page, 'app-outbox-pending', PHONE);

    await context.setOffline(false);
    await page.locator('[data-testid="outbox-entry"][data-state="sent"]').waitFor();
    const stored = JSON.parse(await page.evaluate(() => (globalThis as any).localStorage.getItem('suyuan.outbox')));
    expect(stored).toHaveLength(1);
    const events = stored[0].answer.ledger.events.length;
    expect(events).toBeGreaterThan(0);
    const after = await logSize();
    expect(after).toBe(before + events);
    expect(shipments).toEqual([201]);
    const childCode = stored[0].answer.code;
    const incoming = await api(fixture.server, 'GET', `/v1/operators/${wholesaler}/holdings`, fixture.server.adminKey);
    expect(incoming.inTransit.map((shipped: { code: string }) => shipped.code)).toContain(childCode);

    await context.setOffline(true);
    await context.setOffline(false);
    await page.getByRole('button', { name: '立即发送' }).click();
    await page.waitForTimeout(500);
    expect(await logSize()).toBe(after);
    expect(shipments).toEqual([201]);
    expect(await page.getByTestId('outbox-entry').count()).toBe(1);
    const settled = blocking(await axeViolations(page));
    expect(settled, describeViolations(settled)).toEqual([]);
    await context.close();
  });

  it("shows a refused hand-off with the server's reason, and the buyer accepts a lot in transit with 接收", async () => {
    const lot = fixture.heldLots.find((candidate) => candidate.available >= 2)!;
    const wholesaler = fixture.server.demo.operators.wholesaler;
    const farmContext = await newContext(browser, NARROW_PHONE);
    const farm = await farmContext.newPage();
    await activateIn(farm);
    await openHandOff(farm);
    const handOff = async (amount: string): Promise<void> => {
      await farm.getByLabel('追溯码', { exact: true }).fill(lot.code);
      await farm.getByLabel('数量', { exact: true }).fill(amount);
      await farm.getByLabel('买方经营主体编号', { exact: true }).fill(wholesaler);
      await farm.getByRole('button', { name: '交付', exact: true }).click();
    };
    await handOff('999999');
    const refused = farm.locator('[data-testid="write-status"][data-state="refused"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('被拒绝');
    const reason = await refused.getByTestId('write-refusal').textContent();
    expect(reason).toContain('InsufficientQuantity');
    await handOff('1');
    await farm.locator('[data-testid="write-status"][data-state="sent"]').waitFor();
    const sent = JSON.parse(await farm.evaluate(() => (globalThis as any).localStorage.getItem('suyuan.outbox'))).find(
      (write: { state: string }) => write.state === 'sent',
    );
    const childCode: string = sent.answer.code;
    const violations = blocking(await axeViolations(farm));
    expect(violations, describeViolations(violations)).toEqual([]);
    await farmContext.close();

    const principal = await api(fixture.server, 'POST', '/v1/principals', fixture.server.adminKey, {
      name: '批发商手机',
      role: 'operator',
      operatorId: wholesaler,
    });
    const buyerContext = await newContext(browser, NARROW_PHONE);
    const buyer = await buyerContext.newPage();
    await activateIn(buyer, principal.id);
    const before = await logSize();
    await buyer.getByRole('button', { name: `接收批次 ${childCode}` }).click();
    await buyer.locator('[data-testid="outbox-entry"][data-state="sent"]').waitFor();
    await buyer.getByTestId('held-lots').filter({ hasText: childCode }).waitFor();
    expect(await logSize()).toBe(before + 1);
    const accepted = blocking(await axeViolations(buyer));
    expect(accepted, describeViolations(accepted)).toEqual([]);
    await saveScreenshot(buyer, 'app-accepted', PHONE);
    await buyerContext.close();
  });
});

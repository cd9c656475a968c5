/**
 * The operators' screens of the field app (issue 14, Operators) in Chromium against the real
 * server on the seeded demo, the camera being Chromium's fake capture fed from PNGs the server
 * serves. A farm's device, activated from its link, commissions a lot and prints its label (a real
 * label whose QR names the lot's page), hands part of it off by scanning that label and the
 * wholesaler's identity card; the wholesaler's device accepts it by scanning the same label; the log
 * grew by exactly those three events. Then: an unregistered buyer's market-entry certificate, a
 * rejection with its reason, a production record, a retail sale, a merge, a refusal with the
 * server's reason, and axe-core on every operator screen at 360 px and desktop size.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, blocking, describeViolations } from './support/axe.js';
import { DESKTOP, describeWithBrowser, newContext, PHONE, type Viewport } from './support/browser.js';
import { type Camera, launchWithCamera } from './support/camera.js';
import { decodeQr } from './support/qr.js';
import { saveScreenshot } from './support/screenshots.js';
import { api, type RunningServer, startServer } from './support/server.js';

/** The narrowest phone the app is built for (issue 14): 360 px wide. */
const NARROW_PHONE: Viewport = { ...PHONE, width: 360 };

const SCREENS = ['commission', 'hand-off', 'receive', 'records', 'processing', 'sale'] as const;

describeWithBrowser('the operators’ screens of the field app', () => {
  let server: RunningServer;
  let camera: Camera;
  let farm: string;
  let wholesaler: string;
  let farmPrincipal: string;
  let farmKey: string;
  let wholesalerPrincipal: string;
  let identityPng: Buffer;

  beforeAll(async () => {
    server = await startServer();
    farm = server.demo.operators.farm;
    wholesaler = server.demo.operators.wholesaler;
    const farmCreated = await api(server, 'POST', '/v1/principals', server.adminKey, {
      name: '农场手机',
      role: 'operator',
      operatorId: farm,
    });
    farmPrincipal = farmCreated.id;
    farmKey = farmCreated.key;
    wholesalerPrincipal = (
      await api(server, 'POST', '/v1/principals', server.adminKey, { name: '批发商手机', role: 'operator', operatorId: wholesaler })
    ).id;
    const identity = await fetch(`${server.base}/v1/operators/${wholesaler}/identity.png`);
    expect(identity.status).toBe(200);
    identityPng = Buffer.from(await identity.arrayBuffer());
    camera = await launchWithCamera(identityPng);
  });

  afterAll(async () => {
    await camera?.close();
    await server?.stop();
  });

  const activationUrl = async (principalId: string): Promise<string> =>
    (await api(server, 'POST', '/v1/activations', server.adminKey, { principalId })).activationUrl;

  /** openDevice opens `url` (an activation link) in a fresh context and waits for the operator's home screen. */
  async function openDevice(url: string, viewport: Viewport = NARROW_PHONE): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(camera.browser, viewport);
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('operator-name').waitFor();
    return { context, page };
  }

  const device = async (principalId: string, viewport?: Viewport) => openDevice(await activationUrl(principalId), viewport);

  /** open moves to an operator screen from home through its tile (no reload) and waits for its title. */
  async function open(page: Page, tile: string, title: string): Promise<void> {
    await page.getByTestId(`tile-${tile}`).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
  }

  const sent = (page: Page) => page.locator('[data-testid="write-status"][data-state="sent"]');

  async function expectAccessible(page: Page): Promise<void> {
    const violations = blocking(await axeViolations(page));
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  const logSize = async (): Promise<number> => (await api(server, 'GET', '/v1/log/events?limit=1', server.adminKey)).size;

  /** eventTypes: the types of the events logged at positions `from` onwards. */
  async function eventTypes(from: number): Promise<string[]> {
    const page = await api(server, 'GET', `/v1/log/events?after=${from - 1}&limit=100`, server.adminKey);
    return page.events.map((event: { type: string }) => event.type);
  }

  /** pngOf fetches a PNG the page links to (a label), as a label printer would. */
  async function pngOf(page: Page, testId: string): Promise<Buffer> {
    const href = await page.getByTestId(testId).getAttribute('href');
    const response = await fetch(new URL(href!, server.base));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    return Buffer.from(await response.arrayBuffer());
  }

  it('commissions a lot, prints its label, hands it off by scanning, and the wholesaler accepts it by scanning: the log grows by exactly those events', async () => {
    // Both activations first: each makes a device principal, which is logged too.
    const farmLink = await activationUrl(farmPrincipal);
    const wholesalerLink = await activationUrl(wholesalerPrincipal);
    const { context: farmContext, page } = await openDevice(farmLink);
    const before = await logSize();

    await open(page, 'commission', '赋码建批');
    await expect.poll(() => page.getByLabel('产地行政区划代码').inputValue()).toBe(farm.slice(2, 8));
    await page.getByLabel('产品名称').fill('鸡蛋');
    await page.getByLabel('产品类别').selectOption('egg');
    await page.getByLabel('数量', { exact: true }).fill('50');
    await page.getByLabel('单位', { exact: true }).selectOption('tray');
    await page.getByLabel('生产基地（选填）').fill('大埔村基地');
    await page.getByLabel('联系电话').fill('13800138000');
    await page.getByRole('button', { name: '赋码建批' }).click();
    await sent(page).waitFor();
    const code = (await page.getByTestId('commission-code').textContent())!;
    expect(code).toMatch(/^1\d{19}$/);

    const print = page.getByTestId('commission-label-print');
    expect(await print.textContent()).toBe('打印标签');
    expect(await print.getAttribute('target')).toBe('_blank');
    const [labelTab] = await Promise.all([farmContext.waitForEvent('page'), print.click()]);
    await labelTab.waitForLoadState();
    expect(new URL(labelTab.url()).pathname).toBe(`/c/${code}/label.svg`);
    const printed = await fetch(labelTab.url());
    expect(printed.headers.get('content-type')).toContain('image/svg+xml');
    expect(await printed.text()).toContain('<svg');
    await labelTab.close();
    const labelPng = await pngOf(page, 'commission-label-png');
    expect(decodeQr(labelPng)).toBe(`${server.base}/c/${code}`);
    await expectAccessible(page);
    await saveScreenshot(page, 'app-commission', PHONE);

    await page.getByRole('link', { name: /返回首页/ }).click();
    await open(page, 'handOff', '交付');
    camera.show(labelPng);
    await page.getByTestId('hand-off-code-scan').click();
    await page.getByTestId('hand-off-code-scanned').waitFor();
    expect(await page.getByLabel('追溯码', { exact: true }).inputValue()).toBe(code);
    await page.getByLabel('数量', { exact: true }).fill('5');
    await expect.poll(() => page.getByLabel('单位', { exact: true }).inputValue()).toBe('tray');
    camera.show(identityPng);
    await page.getByTestId('hand-off-buyer-scan').click();
    await page.getByTestId('hand-off-buyer-scanned').waitFor();
    expect(await page.getByLabel('买方经营主体编号', { exact: true }).inputValue()).toBe(wholesaler);
    await page.getByTestId('hand-off-buyer-name-found').waitFor();
    await page.getByRole('button', { name: '交付', exact: true }).click();
    await sent(page).waitFor();
    const childCode = (await page.getByTestId('hand-off-child-code').textContent())!;
    expect(childCode).toMatch(/^2\d{19}$/);
    // The buyer is now a recent partner, one pick away next time.
    expect(await page.getByLabel('最近的交易对象').locator('option').allTextContents()).toContainEqual(expect.stringContaining(wholesaler));
    await expectAccessible(page);
    await farmContext.close();

    const { context: buyerContext, page: buyer } = await openDevice(wholesalerLink);
    await open(buyer, 'receive', '收货');
    await buyer.getByTestId('receive-in-transit').filter({ hasText: childCode }).waitFor();
    camera.show(labelPng);
    await buyer.getByTestId('receive-code-scan').click();
    await buyer.getByTestId('receive-code-scanned').waitFor();
    // The farm's label names the parent lot: the screen finds the shipment it was split into.
    await buyer.getByTestId('receive-match').filter({ hasText: childCode }).waitFor();
    await buyer.getByTestId('receive-accept').click();
    await sent(buyer).waitFor();
    await saveScreenshot(buyer, 'app-receive', PHONE);
    await buyerContext.close();

    expect(await eventTypes(before)).toEqual(['lot.commissioned', 'lot.shipped', 'lot.accepted']);
    expect(await logSize()).toBe(before + 3);
    const holdings = await api(server, 'GET', `/v1/operators/${wholesaler}/holdings`, server.adminKey);
    expect(holdings.held.map((lot: { code: string }) => lot.code)).toContain(childCode);
  });

  it('hands off to an unregistered buyer and prints the market-entry certificate', async () => {
    const { context, page } = await device(farmPrincipal);
    await open(page, 'handOff', '交付');
    const lot = (await api(server, 'GET', `/v1/operators/${farm}/holdings`, server.adminKey)).held.find(
      (held: { available: number }) => held.available >= 2,
    );
    await page.getByLabel('从在手批次中选择').selectOption(lot.code);
    await page.getByTestId('hand-off-code-lot').waitFor();
    await page.getByLabel('数量', { exact: true }).fill('1');
    await page.getByLabel('未注册买方（开具入市追溯凭证）').check();
    await page.getByLabel('买方姓名或名称').fill('李四');
    await page.getByLabel('买方电话（选填）').fill('13900001111');
    await page.getByRole('button', { name: '交付', exact: true }).click();
    await sent(page).waitFor();
    const certificateCode = (await page.getByTestId('hand-off-child-code').textContent())!;
    expect(certificateCode).toMatch(/^3\d{19}$/);
    await page.getByTestId('certificate-open').click();
    const frame = page.frameLocator('[data-testid="certificate-frame"]');
    await frame.locator('body').filter({ hasText: '李四' }).waitFor();
    expect(await frame.locator('body').textContent()).toContain('入市追溯凭证');
    await page.getByTestId('certificate-print').waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'app-market-certificate', PHONE);
    await context.close();
  });

  it('rejects a lot in transit with a reason, picked from the list', async () => {
    const lot = (await api(server, 'GET', `/v1/operators/${farm}/holdings`, server.adminKey)).held.find(
      (held: { available: number }) => held.available >= 2,
    );
    const shipped = await api(server, 'POST', `/v1/lots/${lot.code}/shipments`, farmKey, {
      to: { operatorId: wholesaler },
      quantity: { amount: 1, unit: lot.unit },
    });
    const { context, page } = await device(wholesalerPrincipal);
    await open(page, 'receive', '收货');
    await page.getByRole('button', { name: `选择 ${shipped.code}` }).click();
    await page.getByTestId('receive-lot').waitFor();
    await page.getByTestId('receive-reject').click();
    await page.getByTestId('form-problem').filter({ hasText: '拒收原因' }).waitFor();
    await page.getByLabel('拒收原因').fill('包装破损');
    await page.getByTestId('receive-reject').click();
    await sent(page).waitFor();
    const trace = await api(server, 'GET', `/v1/codes/${shipped.code}`, server.adminKey);
    expect(trace.status).toBe('rejected');
    await expectAccessible(page);
    await context.close();
  });

  it('records input use on a held lot, sells from it, merges two lots, and shows a refused write with the server’s reason', async () => {
    const commission = (amount: number) =>
      api(server, 'POST', '/v1/lots', farmKey, {
        product: { name: '鸡蛋', category: 'egg' },
        quantity: { amount, unit: 'tray' },
        producedAt: '2026-11-30',
        origin: { region: farm.slice(2, 8) },
      });
    const first = (await commission(20)).code;
    const second = (await commission(30)).code;
    const { context, page } = await device(farmPrincipal);

    await open(page, 'records', '生产记录');
    await page.getByLabel('从在手批次中选择').selectOption(first);
    await page.getByLabel('投入品类别').selectOption('veterinary-drug');
    await page.getByLabel('投入品名称').fill('阿莫西林可溶性粉');
    await page.getByLabel('登记证号 / 批准文号（选填）').fill('兽药字(2020)190012345');
    await page.getByLabel('用量', { exact: true }).fill('每升水 0.5 g');
    await page.getByLabel('安全间隔期 / 休药期（天，选填）').fill('7');
    await page.getByRole('button', { name: '保存记录' }).click();
    await sent(page).waitFor();
    const recorded = await api(server, 'GET', `/v1/codes/${first}`, server.adminKey);
    expect(recorded.records).toHaveLength(1);
    await expectAccessible(page);

    await page.getByRole('link', { name: /返回首页/ }).click();
    await open(page, 'sale', '零售');
    await page.getByLabel('从在手批次中选择').selectOption(first);
    await expect.poll(() => page.getByLabel('单位', { exact: true }).inputValue()).toBe('tray');
    await page.getByLabel('数量', { exact: true }).fill('999');
    await page.getByRole('button', { name: '登记销售' }).click();
    const refused = page.locator('[data-testid="write-status"][data-state="refused"]');
    await refused.waitFor();
    expect(await refused.getByTestId('write-refusal').textContent()).toContain('InsufficientQuantity');
    await expectAccessible(page);
    await page.getByLabel('数量', { exact: true }).fill('2');
    await page.getByRole('button', { name: '登记销售' }).click();
    await sent(page).waitFor();
    expect((await api(server, 'GET', `/v1/codes/${first}`, server.adminKey)).sold).toBe(2);

    await page.getByRole('link', { name: /返回首页/ }).click();
    await open(page, 'processing', '合并与加工');
    await page.locator('#processing-input-0-code-pick').selectOption(first);
    await page.locator('#processing-input-0-amount').fill('3');
    await page.locator('#processing-input-1-code-pick').selectOption(second);
    await page.locator('#processing-input-1-amount').fill('4.5');
    await page.getByTestId('processing-merge-total').filter({ hasText: '7.5 tray' }).waitFor();
    expect(await page.locator('#processing-output-0-product').inputValue()).toBe('鸡蛋');
    await page.getByRole('button', { name: '提交' }).click();
    await sent(page).waitFor();
    const merged = (await page.getByTestId('processing-made-0').textContent())!;
    const trace = await api(server, 'GET', `/v1/codes/${merged}`, server.adminKey);
    expect(trace).toMatchObject({ kind: 2, quantity: 7.5, unit: 'tray' });
    expect(trace.parents.map((parent: { code: string }) => parent.code).sort()).toEqual([first, second].sort());
    await page.getByTestId('processing-output-0-label').waitFor();
    await expectAccessible(page);
    await context.close();
  });

  for (const viewport of [NARROW_PHONE, DESKTOP]) {
    it(`finds no serious or critical axe violation on any operator screen (${viewport.name}, ${viewport.width} px)`, async () => {
      const { context, page } = await device(farmPrincipal, viewport);
      for (const screen of SCREENS) {
        await page.goto(`${server.base}/app/${screen}`);
        await page.locator('h1').waitFor();
        await page.locator('[role="status"]', { hasText: '加载中' }).waitFor({ state: 'detached' });
        const violations = blocking(await axeViolations(page));
        expect(violations, `${screen}: ${describeViolations(violations)}`).toEqual([]);
        const overflow = await page.evaluate(() => {
          const root = (globalThis as any).document.documentElement;
          return root.scrollWidth - root.clientWidth;
        });
        expect(overflow, `${screen} overflows sideways`).toBe(0);
      }
      await context.close();
    });
  }
});

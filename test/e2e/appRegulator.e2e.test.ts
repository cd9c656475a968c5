/**
 * The field app's regulator screens in Chromium against the real server on the seeded demo:
 * a reviewer approves a pending registration; an inspector starts an inspection by scanning an
 * operator's identity QR (Chromium's fake camera showing GET /v1/operators/{id}/identity.png) and
 * closes the rectification it ordered; a monitor plans a task, samples a lot and records a failing
 * result, and sees exactly the lots the recall froze (those the server's alert and log name, which
 * are the lot and its descendants with goods left); an enforcer adds a record and a fine to the
 * demo case and closes it; an alert is released. axe-core finds no serious or critical violation
 * on any of these screens, on a 360-px phone and on a desktop.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, blocking, describeViolations } from './support/axe.js';
import { DESKTOP, PHONE, describeWithBrowser, launchBrowser, newContext, type Viewport } from './support/browser.js';
import { launchWithCamera } from './support/camera.js';
import { api, startServer, type RunningServer } from './support/server.js';
import { usccFor } from '../support/scenario.js';

/** The narrowest phone the app is built for (issue 14): 360 px wide. */
const NARROW_PHONE: Viewport = { ...PHONE, width: 360 };

/** Statuses of a lot whose goods are gone (the domain's recall leaves them unfrozen). */
const GONE = new Set(['depleted', 'merged', 'rejected']);

type Role = 'admin' | 'reviewer' | 'inspector' | 'monitor' | 'enforcer';

describeWithBrowser('the field app regulator screens', () => {
  let browser: Browser;
  let server: RunningServer;
  const principals = new Map<Role, string>();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    for (const role of ['admin', 'reviewer', 'inspector', 'monitor', 'enforcer'] as const) {
      const body = role === 'admin' ? { name: '监管管理员', role } : { name: `广东${role}`, role, region: '44' };
      principals.set(role, (await api(server, 'POST', '/v1/principals', server.adminKey, body)).id);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** signIn activates `page`'s device as the principal of `role` from a fresh activation link and waits for home. */
  async function signIn(page: Page, role: Role): Promise<void> {
    const { activationUrl } = await api(server, 'POST', '/v1/activations', server.adminKey, { principalId: principals.get(role) });
    await page.goto(activationUrl);
    await page.getByTestId('principal-name').waitFor();
  }

  /** sentAnswer: the answer of the last sent write of the device's outbox to `path`. */
  async function sentAnswer(page: Page, path: string | RegExp): Promise<any> {
    const stored = JSON.parse(await page.evaluate(() => (globalThis as any).localStorage.getItem('suyuan.outbox')));
    const sent = stored.filter(
      (write: any) => write.state === 'sent' && (typeof path === 'string' ? write.path === path : path.test(write.path)),
    );
    expect(sent.length, `a sent write to ${path}`).toBeGreaterThan(0);
    return sent.at(-1).answer;
  }

  /** loggedTypes: the types of the events a write's receipt names, read back from the log. */
  async function loggedEvents(answer: any): Promise<{ type: string; data: any }[]> {
    const positions: number[] = answer.ledger.events.map((event: { position: number }) => event.position);
    const first = Math.min(...positions);
    const page = await api(server, 'GET', `/v1/log/events?after=${first - 1}&limit=${positions.length}`, server.adminKey);
    return page.events.filter((event: { position: number }) => positions.includes(event.position));
  }

  async function expectAccessible(page: Page): Promise<void> {
    const violations = blocking(await axeViolations(page));
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  it('lets a reviewer approve a pending registration of the region', async () => {
    const filed = await api(server, 'POST', '/v1/operators', undefined, {
      name: '番禺绿源蔬菜有限公司',
      kind: 'enterprise',
      uscc: usccFor('440113', 'MA5LY0R1'),
      roles: ['producer'],
      region: '440113',
      address: '广东省广州市番禺区石楼镇',
      contact: { name: '陈先生', phone: '13800138000' },
    });
    expect(filed.status).toBe('pending');
    const context = await newContext(browser, NARROW_PHONE);
    const page = await context.newPage();
    await signIn(page, 'reviewer');
    await page.getByTestId('tile-review').click();
    const card = page.locator(`[data-testid="review-item"][data-operator-id="${filed.operatorId}"]`);
    await card.waitFor();
    await card.getByLabel('审核意见（驳回时必填）').fill('材料齐全，予以通过');
    await card.getByRole('button', { name: '通过', exact: true }).click();
    await card.locator('[data-testid="write-status"][data-state="sent"]').waitFor();
    expect(await card.getByTestId('review-result').textContent()).toBe('已通过');
    const operator = await api(server, 'GET', `/v1/operators/${filed.operatorId}`, server.adminKey);
    expect(operator.status).toBe('approved');
    expect(operator.history.at(-1)).toMatchObject({ action: 'approved', reason: '材料齐全，予以通过' });
    const events = await loggedEvents(await sentAnswer(page, `/v1/operators/${filed.operatorId}/review`));
    expect(events.map((event) => event.type)).toEqual(['operator.approved']);
    await expectAccessible(page);

    await page.getByRole('link', { name: /返回首页/ }).click();
    await page.getByTestId('tile-directory').click();
    await page.getByLabel('搜索（名称、编号或地址）').fill('番禺绿源');
    const row = page.locator(`[data-testid="directory-row"][data-operator-id="${filed.operatorId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('approved');
    expect(await row.getByRole('link').getAttribute('href')).toBe(`/o/${filed.operatorId}`);
    await expectAccessible(page);
    await context.close();
  });

  it("starts an inspection by scanning an operator's identity QR, and closes the rectification it ordered", async () => {
    const farm = server.demo.operators.farm;
    const { name } = await api(server, 'GET', `/v1/operators/${farm}`);
    const card = Buffer.from(await (await fetch(`${server.base}/v1/operators/${farm}/identity.png`)).arrayBuffer());
    const camera = await launchWithCamera(card);
    let context: BrowserContext | undefined;
    try {
      context = await newContext(camera.browser, NARROW_PHONE);
      const page = await context.newPage();
      await signIn(page, 'inspector');
      await page.getByTestId('tile-inspect').click();
      await page.getByTestId('inspect-operator-scan').click();
      await page.getByTestId('inspect-operator-scanned').waitFor({ timeout: 20_000 });
      expect(await page.locator('#inspect-operator').inputValue()).toBe(farm);
      expect(await page.getByTestId('inspect-operator-name').textContent()).toContain(name);
      await page.getByLabel('检查类型').selectOption('inspection');
      await page.getByLabel('检查结果').selectOption('rectify');
      await page.getByLabel('生产记录').check();
      await page.getByLabel('投入品使用').check();
      await page.getByLabel('检查情况').fill('农药使用记录不全');
      await page.getByRole('button', { name: '提交检查记录' }).click();
      const inspectionId = await page.getByTestId('inspection-id').textContent();
      expect(inspectionId).toMatch(/^INS/);

      const inspection = await api(server, 'GET', `/v1/inspections/${inspectionId}`, server.adminKey);
      expect(inspection).toMatchObject({ operatorId: farm, kind: 'inspection', result: 'rectify', findings: '农药使用记录不全' });
      expect(inspection.items).toEqual(['生产记录', '投入品使用']);
      expect(inspection.rectifyBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const answer = await sentAnswer(page, '/v1/inspections');
      const [recorded] = await loggedEvents(answer);
      expect(recorded).toMatchObject({ type: 'inspection.recorded', data: { inspectionId, operatorId: farm } });
      expect(inspection.position).toBe(answer.ledger.events[0].position);

      const due = page.locator(`[data-testid="rectification"][data-inspection-id="${inspectionId}"]`);
      await due.waitFor();
      await expectAccessible(page);
      await due.getByLabel('整改情况说明').fill('已补齐农药使用记录');
      await due.getByRole('button', { name: '确认整改完成' }).click();
      // Once the write is answered the list reloads and the closed rectification leaves it, which
      // may happen before its "sent" status is ever seen: wait for it to leave, then ask the server.
      await due.waitFor({ state: 'detached' });
      expect(await page.locator('[data-testid="write-status"][data-state="refused"]').count()).toBe(0);
      const closed = await api(server, 'GET', `/v1/inspections/${inspectionId}`, server.adminKey);
      expect(closed.rectified).toMatchObject({ note: '已补齐农药使用记录' });
    } finally {
      await context?.close();
      await camera.close();
    }
  });

  it('lets a monitor record a failing result and shows exactly the lots the recall froze', async () => {
    const farm = server.demo.operators.farm;
    const { held } = await api(server, 'GET', `/v1/operators/${farm}/holdings`, server.adminKey);
    const candidates = await Promise.all(
      held.map(async (lot: { code: string }) => ({
        lot,
        lineage: await api(server, 'GET', `/v1/codes/${lot.code}/trace?direction=forward`, server.adminKey),
      })),
    );
    // The lot with the most descendants, so the recall reaches beyond it.
    const { lot, lineage } = candidates.sort((a, b) => b.lineage.nodes.length - a.lineage.nodes.length)[0]!;
    expect(lineage.truncated).toBe(false);
    const affected: string[] = lineage.nodes.filter((node: any) => !GONE.has(node.status)).map((node: any) => node.code);
    expect(affected).toContain(lot.code);
    expect(affected.length, 'a lot whose recall reaches its descendants').toBeGreaterThan(1);
    const { product } = await api(server, 'GET', `/v1/codes/${lot.code}`, server.adminKey);

    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await signIn(page, 'monitor');
    await page.getByTestId('tile-monitor').click();
    await page.getByTestId('tasks-table').waitFor();

    await page.locator('[data-testid="new-task"] summary').click();
    await page.getByLabel('任务名称（选填）').fill('禽蛋专项监测');
    await page.getByLabel('任务类型').selectOption('special');
    await page.locator(`#task-category-${product.category}`).check();
    await page.getByLabel('检测项目（用逗号分隔）').fill('恩诺沙星，氟苯尼考');
    await page.getByRole('button', { name: '创建任务' }).click();
    const taskId = (await page.getByTestId('task-id').textContent())!;
    await page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`).waitFor();

    await page.locator('#sample-task').selectOption(taskId);
    await page.locator('#sample-lot').fill(lot.code);
    await page.getByRole('button', { name: '登记抽样' }).click();
    const sampleId = (await page.getByTestId('sample-id').textContent())!;
    await expect.poll(() => page.getByLabel('样品编号（本设备抽取的样品可从列表选择）').inputValue()).toBe(sampleId);
    await page.getByTestId('test-item').first().waitFor();
    expect(await page.getByTestId('test-item').count()).toBe(2);
    const first = page.getByTestId('test-item').first();
    await first.getByLabel('检测值').fill('0.35');
    await first.getByLabel('限量（选填）').fill('0.1');
    expect(await first.getByLabel('判定').inputValue()).toBe('fail');
    await page.getByTestId('test-item').nth(1).getByLabel('检测值').fill('0');
    expect(await page.getByTestId('overall-verdict').getAttribute('data-verdict')).toBe('fail');
    await expectAccessible(page);
    await page.getByRole('button', { name: '提交检测结果' }).click();

    await page.getByTestId('frozen-lots').waitFor();
    const shown = await page.getByTestId('frozen-lot').allTextContents();
    const answer = await sentAnswer(page, `/v1/samples/${sampleId}/results`);
    expect(answer.verdict).toBe('fail');
    expect(shown).toEqual(answer.frozen);
    expect([...shown].sort()).toEqual([...affected].sort());
    const alertId = await page.getByTestId('alert-id').textContent();
    const alert = await api(server, 'GET', `/v1/alerts/${alertId}`, server.adminKey);
    expect(alert).toMatchObject({ sampleId, lotCode: lot.code, status: 'open' });
    expect(alert.frozen).toEqual(shown);
    const raised = (await loggedEvents(answer)).find((event) => event.type === 'alert.raised');
    expect(raised?.data.frozen).toEqual(shown);
    for (const code of shown) expect((await api(server, 'GET', `/v1/codes/${code}`, server.adminKey)).status).toBe('frozen');
    await expectAccessible(page);
    await context.close();
  });

  it('lets an enforcer open a case, add a record and a fine, and close it', async () => {
    const farm = server.demo.operators.farm;
    const context = await newContext(browser, NARROW_PHONE);
    const page = await context.newPage();
    await signIn(page, 'enforcer');
    await page.getByTestId('tile-cases').click();
    await page.getByTestId('cases-table').waitFor();
    await page.locator('[data-testid="open-case"] summary').click();
    await page.locator('#case-operator').fill(farm);
    await page.getByLabel('立案依据').fill('群众投诉：鸡蛋标签信息不实');
    await page.getByRole('button', { name: '立案', exact: true }).click();
    const caseId = (await page.getByTestId('case-id').textContent())!;
    expect((await loggedEvents(await sentAnswer(page, '/v1/cases'))).map((event) => event.type)).toEqual(['case.opened']);
    await page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`).waitFor();
    await page.getByRole('link', { name: '办理此案件' }).click();
    await page.locator(`[data-testid="case-file"][data-case-id="${caseId}"]`).waitFor();
    expect(new URL(page.url()).searchParams.get('case')).toBe(caseId);
    await page.getByLabel('内容').fill('现场检查仓库，封存剩余产品');
    await page.getByRole('button', { name: '添加记录' }).click();
    await page.getByTestId('case-records').getByText('现场检查仓库，封存剩余产品').waitFor();
    await page.getByLabel('处罚种类').selectOption('fine');
    await page.getByLabel('法律依据').fill('《中华人民共和国农产品质量安全法》第七十一条');
    await page.getByRole('button', { name: '作出处罚' }).click();
    await expect.poll(() => page.getByTestId('form-missing').count()).toBe(1);
    await page.getByLabel('罚款金额（元）').fill('5000');
    await page.getByRole('button', { name: '作出处罚' }).click();
    await page.getByTestId('case-penalties').getByText('¥5000').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: '结案', exact: true }).click();
    await page.locator(`[data-testid="case-file"][data-status="closed"]`).waitFor();
    const closed = await api(server, 'GET', `/v1/cases/${caseId}`, server.adminKey);
    expect(closed).toMatchObject({ operatorId: farm, basis: '群众投诉：鸡蛋标签信息不实', status: 'closed' });
    expect(closed.penalties.at(-1)).toMatchObject({ penalty: 'fine', amount: 5000 });
    expect(closed.records.at(-1)).toMatchObject({ kind: 'inspection', note: '现场检查仓库，封存剩余产品' });
    await context.close();
  });

  it("shows the region's alerts with their frozen lots, and releases one", async () => {
    const alertId = server.demo.alertId!;
    const before = await api(server, 'GET', `/v1/alerts/${alertId}`, server.adminKey);
    const context = await newContext(browser, NARROW_PHONE);
    const page = await context.newPage();
    await signIn(page, 'monitor');
    await page.getByTestId('tile-alerts').click();
    const card = page.locator(`[data-testid="alert"][data-alert-id="${alertId}"]`);
    await card.waitFor();
    expect(await card.getByTestId('alert-frozen-lot').allTextContents()).toEqual(before.frozen);
    await card.getByLabel('解除理由').fill('复检合格，解除冻结');
    await card.getByRole('button', { name: '解除冻结' }).click();
    await page.locator(`[data-testid="alert"][data-alert-id="${alertId}"][data-status="released"]`).waitFor();
    const after = await api(server, 'GET', `/v1/alerts/${alertId}`, server.adminKey);
    expect(after.released).toMatchObject({ reason: '复检合格，解除冻结' });
    await expectAccessible(page);
    await context.close();
  });

  /** The screens and states axe checks: each screen, the inspection form filled in, a case's file and a tested sample. */
  const SCREENS: readonly { name: string; path: string; ready: string; prepare?: (page: Page) => Promise<void> }[] = [
    { name: 'review', path: '/app/review', ready: '[data-testid="review-queue"]' },
    { name: 'directory', path: '/app/directory', ready: '[data-testid="directory-table"]' },
    {
      name: 'inspect',
      path: `/app/inspect`,
      ready: '[data-testid="inspections-table"]',
      prepare: async (page) => {
        await page.locator('#inspect-operator').fill(server.demo.operators.farm);
        await page.getByTestId('inspect-operator-name').waitFor();
        await page.locator('#inspect-result').selectOption('rectify');
        await page.getByRole('button', { name: '提交检查记录' }).click();
        await page.getByTestId('form-missing').waitFor();
      },
    },
    {
      name: 'monitor',
      path: '/app/monitor',
      ready: '[data-testid="tasks-table"]',
      prepare: async (page) => {
        await page.locator('[data-testid="new-task"] summary').click();
        const alert = await api(server, 'GET', `/v1/alerts/${server.demo.alertId}`, server.adminKey);
        await page.locator('#result-sample').fill(alert.sampleId);
        await page.getByTestId('frozen-lots').waitFor();
      },
    },
    {
      name: 'cases',
      path: '/app/cases',
      ready: '[data-testid="cases-table"]',
      prepare: async (page) => {
        await page.locator('[data-testid="open-case"] summary').click();
      },
    },
    { name: 'case file', path: '/app/cases?case=CAS-DEMO1-1', ready: '[data-testid="case-file"]' },
    { name: 'alerts', path: '/app/alerts', ready: '[data-testid="alert"]' },
  ];

  for (const viewport of [NARROW_PHONE, DESKTOP]) {
    it(`has no serious or critical axe violation on any regulator screen (${viewport.name}, ${viewport.width} px)`, async () => {
      const context = await newContext(browser, viewport);
      const page = await context.newPage();
      await signIn(page, 'admin');
      for (const screen of SCREENS) {
        await page.goto(`${server.base}${screen.path}`);
        await page.locator(screen.ready).first().waitFor();
        await screen.prepare?.(page);
        expect(await page.locator('h1').count(), screen.name).toBe(1);
        const violations = blocking(await axeViolations(page));
        expect(violations, `${screen.name}: ${describeViolations(violations)}`).toEqual([]);
        const overflow = await page.evaluate(() => {
          const root = (globalThis as any).document.documentElement;
          return root.scrollWidth - root.clientWidth;
        });
        expect(overflow, `${screen.name} is wider than the screen`).toBe(0);
      }
      await context.close();
    });
  }
});

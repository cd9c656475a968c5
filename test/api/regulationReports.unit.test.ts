/**
 * Reads for regulators and the public: inspections lists, risks, the coverage
 * and activity reports (JSON and CSV with the same figures), the trace hook,
 * the identity card and the operator's public page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccFor } from '../support/scenario.js';
import { FARM, PANYU, lotBody, ok, registration, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';
import { AHEAD, regulators, type RegulatorKeys } from './support/regulators.js';

let h: Harness;
let keys: Keys;
let reg: RegulatorKeys;
const TRICKY = usccFor(PANYU, 'MA5TRKY9');
const TRICKY_NAME = '绿野<农场> & "Co" \'s';
beforeAll(async () => {
  h = await harness({ pages: { publicUrl: 'https://trace.example.cn/' } });
  keys = await setUp(h);
  reg = await regulators(h);
  await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(100) }));
  await ok(h.call('POST', '/v1/operators', { body: registration(TRICKY, TRICKY_NAME, PANYU) }));
  await ok(h.call('POST', `/v1/operators/${TRICKY}/review`, { key: keys.reviewerGd, body: { decision: 'approve' } }));
  await ok(
    h.call('POST', '/v1/inspections', {
      key: reg.inspectorGz,
      body: { operatorId: FARM, kind: 'inspection', result: 'rectify', rectifyBy: AHEAD, findings: '台账缺失' },
    }),
  );
});
afterAll(() => h.close());

/** parseCsv: RFC 4180 fields of each CRLF line (quoted fields may hold commas and doubled quotes). */
function parseCsv(text: string): string[][] {
  return text
    .replace(/\r\n$/, '')
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, field]) => field!.replace(/^"|"$/g, '').replace(/""/g, '"')),
    );
}

describe('GET /v1/inspections', () => {
  it('lists the region inspections for authorities and auditors, and refuses other regions and roles', async () => {
    const listed = await ok(h.call('GET', `/v1/inspections?operatorId=${FARM}`, { key: reg.inspectorGz }));
    expect(listed.inspections).toHaveLength(1);
    expect(listed.inspections[0]).toMatchObject({ operatorId: FARM, result: 'rectify', overdue: false });
    const id = listed.inspections[0].inspectionId;
    expect(await ok(h.call('GET', `/v1/inspections/${id}`, { key: keys.auditor }))).toMatchObject({ inspectionId: id });
    expect((await ok(h.call('GET', '/v1/inspections?overdue=true', { key: reg.inspectorGz }))).inspections).toEqual([]);
    expect((await ok(h.call('GET', '/v1/inspections?region=43', { key: reg.inspectorHn }))).inspections).toEqual([]);
    await expectRefused(h, () => h.call('GET', `/v1/inspections/${id}`, { key: reg.inspectorHn }), 403, 'OutOfRegion', 'inspectionId');
    await expectRefused(
      h,
      () => h.call('GET', '/v1/inspections/INSNONE', { key: reg.inspectorGz }),
      404,
      'UnknownInspection',
      'inspectionId',
    );
    await expectRefused(h, () => h.call('GET', '/v1/inspections?region=43', { key: reg.inspectorGz }), 403, 'OutOfRegion', 'region');
    await expectRefused(
      h,
      () => h.call('GET', '/v1/inspections?overdue=perhaps', { key: reg.inspectorGz }),
      400,
      'ValidationFailed',
      'overdue',
    );
    await expectRefused(h, () => h.call('GET', '/v1/inspections', { key: keys.farm }), 403, 'RoleForbidden');
    await expectRefused(h, () => h.call('GET', '/v1/inspections'), 401, 'Unauthorized');
  });
});

describe('GET /v1/risks', () => {
  it('lists findings in the region, by rule', async () => {
    const risks = await ok(h.call('GET', '/v1/risks?rule=overdue-rectification', { key: reg.inspectorGz }));
    expect(Array.isArray(risks.findings)).toBe(true);
    await expectRefused(h, () => h.call('GET', '/v1/risks?region=43', { key: reg.inspectorGz }), 403, 'OutOfRegion', 'region');
    await expectRefused(h, () => h.call('GET', '/v1/risks?rule=astrology', { key: reg.inspectorGz }), 400, 'ValidationFailed', 'rule');
    await expectRefused(h, () => h.call('GET', '/v1/risks', { key: keys.subscriber }), 403, 'RoleForbidden');
  });
});

describe('GET /v1/reports/coverage and /activity', () => {
  it('answers the coverage report as JSON and as CSV with the same figures', async () => {
    const json = await ok(h.call('GET', '/v1/reports/coverage?region=44', { key: keys.reviewerGd }));
    expect(json.rows.length).toBeGreaterThan(0);
    const guangzhou = json.rows.find((row: { region: string }) => row.region.startsWith('4401'));
    expect(guangzhou.operatorsApproved).toBeGreaterThanOrEqual(4);

    const response = await h.call('GET', '/v1/reports/coverage?region=44', { key: keys.reviewerGd, headers: { accept: 'text/csv' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="coverage-44-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = parseCsv(response.body.replace(/^\ufeff/, ''));
    expect(header!.slice(0, 6)).toEqual(['地区', '地区名称', '已登记经营主体', '已审核经营主体', '认证产品', '已纳入追溯认证产品']);
    expect(rows).toHaveLength(json.rows.length + 1);
    const column = (name: string) => header!.indexOf(name);
    json.rows.forEach((row: Record<string, unknown>, index: number) => {
      expect(rows[index]![column('地区')]).toBe(row.region);
      expect(rows[index]![column('地区名称')]).toBe(row.regionName ?? '');
      expect(Number(rows[index]![column('已审核经营主体')])).toBe(row.operatorsApproved);
      expect(Number(rows[index]![column('认证产品')])).toBe(row.certifiedProducts);
      expect(Number(rows[index]![column('已纳入追溯认证产品')])).toBe(row.certifiedProductsUnderTrace);
    });
    const total = rows.at(-1)!;
    expect(total[column('地区名称')]).toMatch(/^合计/);
    expect(Number(total[column('已审核经营主体')])).toBe(json.total.operatorsApproved);
  });

  it('answers the activity report as JSON and as CSV with the same figures', async () => {
    const query = '/v1/reports/activity?region=4401&from=2020-01-01&to=2099-12-31';
    const json = await ok(h.call('GET', query, { key: reg.inspectorGz }));
    expect(json.total.lots).toBeGreaterThanOrEqual(1);
    expect(json.total.inspections).toBe(1);
    const response = await h.call('GET', query, { key: reg.inspectorGz, headers: { accept: 'text/csv, application/json;q=0.5' } });
    expect(response.headers['content-disposition']).toBe('attachment; filename="activity-4401-2020-01-01-2099-12-31.csv"');
    expect(response.body.startsWith('\ufeff地区,地区名称,生产批次,交易传递,监管检查,抽样,不合格样品,立案,行政处罚\r\n')).toBe(true);
    const [, ...rows] = parseCsv(response.body.replace(/^\ufeff/, ''));
    const counts = ['lots', 'handOffs', 'inspections', 'samples', 'failedSamples', 'cases', 'penalties'];
    const expected = [...json.rows, json.total] as Record<string, number>[];
    expect(rows).toHaveLength(expected.length);
    for (const [index, row] of expected.entries()) {
      expect(rows[index]!.slice(2).map(Number)).toEqual(counts.map((count) => row[count]));
    }
  });

  it('refuses another region, the public and operators', async () => {
    await expectRefused(h, () => h.call('GET', '/v1/reports/coverage?region=43', { key: reg.inspectorGz }), 403, 'OutOfRegion', 'region');
    await expectRefused(h, () => h.call('GET', '/v1/reports/activity?region=43', { key: reg.monitorGz }), 403, 'OutOfRegion', 'region');
    await expectRefused(h, () => h.call('GET', '/v1/reports/coverage', { key: keys.farm }), 403, 'RoleForbidden');
    await expectRefused(h, () => h.call('GET', '/v1/reports/coverage'), 401, 'Unauthorized');
    await expectRefused(
      h,
      () => h.call('GET', '/v1/reports/activity?from=last+week', { key: reg.inspectorGz }),
      400,
      'ValidationFailed',
      'from',
    );
  });
});

describe('GET /v1/operators/{id}/trace-status', () => {
  it('says an approved operator with lots in the window is under trace, to anyone', async () => {
    const status = await ok(h.call('GET', `/v1/operators/${FARM}/trace-status`));
    expect(status).toMatchObject({ operatorId: FARM, underTrace: true, windowDays: 180 });
    expect(status.lotsInWindow).toBeGreaterThanOrEqual(1);
    expect(typeof status.handOffsInWindow).toBe('number');
    const tricky = await ok(h.call('GET', `/v1/operators/${TRICKY}/trace-status?windowDays=30`));
    expect(tricky).toMatchObject({ underTrace: false, lotsInWindow: 0, windowDays: 30 });
    await expectRefused(h, () => h.call('GET', '/v1/operators/NOBODY/trace-status'), 404, 'UnknownOperator', 'id');
    await expectRefused(h, () => h.call('GET', `/v1/operators/${FARM}/trace-status?windowDays=0`), 400, 'ValidationFailed', 'windowDays');
  });
});

describe('the identity card and the public page', () => {
  it('prints an SVG card whose QR payload is the public page, with the name escaped', async () => {
    const response = await h.call('GET', `/v1/operators/${TRICKY}/identity.svg`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = response.body;
    const url = `https://trace.example.cn/o/${TRICKY}`;
    expect(svg).toContain(`<desc>${url}</desc>`);
    expect(svg).toContain(`data-url="${url}"`);
    expect(svg).toContain('绿野&lt;农场&gt; &amp; &quot;Co&quot; &#39;s');
    expect(svg).not.toContain('<农场>');
    expect(svg).toContain('已审核');
    expectWellFormed(svg);
  });

  it('prints the QR code as a PNG, and 404s an unknown operator', async () => {
    const png = await h.call('GET', `/v1/operators/${FARM}/identity.png`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    await expectRefused(h, () => h.call('GET', '/v1/operators/NOBODY/identity.svg'), 404, 'UnknownOperator', 'id');
    await expectRefused(h, () => h.call('GET', '/v1/operators/NOBODY/identity.png'), 404, 'UnknownOperator', 'id');
  });

  it('serves /o/{id}: name, region, status and trace status, without personal data', async () => {
    const response = await h.call('GET', `/o/${FARM}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const page = response.body;
    expect(page).toContain('lang="zh-CN"');
    expect(page).toContain('番禺绿野农场有限公司');
    expect(page).toContain('番禺');
    expect(page).toContain('已审核');
    expect(page).toMatch(/是否纳入追溯管理<\/dt><dd>是/);
    expect(page).not.toContain('13800138000');
    expect(page).not.toContain('王五');
    const tricky = (await h.call('GET', `/o/${TRICKY}`)).body;
    expect(tricky).toContain('绿野&lt;农场&gt;');
    expect(tricky).toMatch(/是否纳入追溯管理<\/dt><dd>否/);
    const missing = await h.call('GET', '/o/NOBODY');
    expect(missing.statusCode).toBe(404);
  });
});

/** expectWellFormed: an XML-ish check — one root, every tag closed in order, no raw & outside entities. */
function expectWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  expect(body).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
  const stack: string[] = [];
  for (const [, closing, name, selfClosing] of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)(?:\s+[\w:.-]+="[^"<]*")*\s*(\/?)>/g)) {
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name!);
  }
  expect(stack).toEqual([]);
  expect(body.trimStart().startsWith('<svg')).toBe(true);
}

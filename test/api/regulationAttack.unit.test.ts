/**
 * The regulators' API (issue 12) attacked as a careless client, a curious
 * member of the public and an insider: every bad input is a 4xx problem
 * naming its field with nothing appended; reads stay inside the caller's
 * region; public answers carry no personal data; hostile text is escaped in
 * pages, cards and CSV; the router's own refusals are problems too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField } from '../../src/api/csv.js';
import { citizenIdCheckCharacter } from '../../src/domain/index.js';
import { usccFor } from '../support/scenario.js';
import { FARM, PANYU, lotBody, ok, principal, registration, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';
import { AHEAD, regulators, type RegulatorKeys } from './support/regulators.js';

let h: Harness;
let keys: Keys;
let reg: RegulatorKeys;
/** Records of Guangzhou (4401) made once: an inspection ordering rectification, a task, a failed sample and its alert, an open case. */
let gz: { lot: string; inspectionId: string; taskId: string; sampleId: string; alertId: string; caseId: string };

beforeAll(async () => {
  h = await harness({ pages: { examples: () => ['alert-SMP-DEMO1-3', '14401130301256941614'] } });
  keys = await setUp(h);
  reg = await regulators(h);
  const lot = await newLot();
  const inspectionId = (
    await ok(
      h.call('POST', '/v1/inspections', {
        key: reg.inspectorGz,
        body: { operatorId: FARM, kind: 'patrol', result: 'rectify', findings: '台账缺失 FINDINGS-GZ', rectifyBy: AHEAD },
      }),
    )
  ).inspectionId;
  const taskId = (await ok(h.call('POST', '/v1/sampling-tasks', { key: reg.monitorGz, body: TASK }))).taskId;
  const sampleId = await newSample(taskId);
  const failed = await ok(
    h.call('POST', `/v1/samples/${sampleId}/results`, {
      key: reg.monitorGz,
      body: { verdict: 'fail', items: [{ item: '毒死蜱', value: 0.5, unit: 'mg/kg', limit: 0.02, verdict: 'fail' }] },
    }),
  );
  const caseId = (await ok(h.call('POST', '/v1/cases', { key: reg.enforcerGz, body: { operatorId: FARM, basis: '投诉 BASIS-GZ' } })))
    .caseId;
  gz = { lot, inspectionId, taskId, sampleId, alertId: failed.alertId, caseId };
});
afterAll(() => h.close());

const TASK = { kind: 'routine', region: '4401', categories: ['vegetable'], items: ['毒死蜱'], dueBy: '2099-12-31' };
const LONE = 'ab\ud800cd';
const newLot = async (): Promise<string> => (await ok(h.call('POST', '/v1/lots', { key: keys.farm, body: lotBody(100) }))).code;
const newSample = async (taskId = gz.taskId): Promise<string> =>
  (await ok(h.call('POST', '/v1/samples', { key: reg.monitorGz, body: { taskId, lotCode: await newLot() } }))).sampleId;
const passing = (extra: Record<string, unknown> = {}) => ({
  verdict: 'pass',
  items: [{ item: '毒死蜱', value: 0.01, unit: 'mg/kg', limit: 0.02, verdict: 'pass', ...extra }],
});

describe('text holding a lone surrogate', () => {
  it('is a 400 naming the field on every regulator write, with nothing appended', async () => {
    const cases: [string, string, string, unknown, string][] = [
      [reg.inspectorGz, '/v1/inspections', 'findings', { operatorId: FARM, kind: 'patrol', result: 'pass', findings: LONE }, 'findings'],
      [
        reg.inspectorGz,
        '/v1/inspections',
        'items',
        { operatorId: FARM, kind: 'patrol', result: 'pass', findings: 'x', items: ['ok', LONE] },
        'items.1',
      ],
      [reg.inspectorGz, `/v1/inspections/${gz.inspectionId}/rectification`, 'note', { note: LONE }, 'note'],
      [reg.monitorGz, '/v1/sampling-tasks', 'title', { ...TASK, title: LONE }, 'title'],
      [reg.monitorGz, '/v1/sampling-tasks', 'items', { ...TASK, items: [LONE] }, 'items.0'],
      [reg.monitorGz, `/v1/samples/${await newSample()}/results`, 'lab', { ...passing(), lab: LONE }, 'lab'],
      [reg.monitorGz, `/v1/samples/${await newSample()}/results`, 'item', passing({ item: LONE }), 'items.0.item'],
      [reg.monitorGz, `/v1/samples/${await newSample()}/results`, 'method', passing({ method: LONE }), 'items.0.method'],
      [reg.monitorGz, `/v1/alerts/${gz.alertId}/release`, 'reason', { reason: LONE }, 'reason'],
      [reg.enforcerGz, '/v1/cases', 'basis', { operatorId: FARM, basis: LONE }, 'basis'],
      [reg.enforcerGz, `/v1/cases/${gz.caseId}/records`, 'note', { kind: 'evidence', note: LONE }, 'note'],
      [reg.enforcerGz, `/v1/cases/${gz.caseId}/penalties`, 'legalBasis', { type: 'warning', legalBasis: LONE }, 'legalBasis'],
      [reg.enforcerGz, `/v1/cases/${gz.caseId}/penalties`, 'note', { type: 'warning', legalBasis: 'x', note: LONE }, 'note'],
      [reg.enforcerGz, `/v1/cases/${gz.caseId}/close`, 'note', { note: LONE }, 'note'],
    ];
    for (const [key, url, what, body, field] of cases) {
      const problem = await expectRefused(h, () => h.call('POST', url, { key, body }), 400, 'ValidationFailed', field);
      expect(problem.detail, `${url} ${what}`).toMatch(/lone surrogate/);
    }
    // The well-formed neighbours of those characters pass: an emoji, a right-to-left mark (not an override), a 4,000-character finding.
    const fine = { operatorId: FARM, kind: 'patrol', result: 'pass', findings: `😀\u200f${'检'.repeat(3990)}` };
    expect((await h.call('POST', '/v1/inspections', { key: reg.inspectorGz, body: fine })).statusCode).toBe(201);
  });
});

describe('bad input on the regulator writes', () => {
  it('is a 400 naming the field: types, sizes, numbers, dates, extra fields, scanned URLs of the wrong kind', async () => {
    const post = (key: string, url: string, body: unknown) => () => h.call('POST', url, { key, body });
    const inspection = { operatorId: FARM, kind: 'patrol', result: 'pass', findings: 'x' };
    for (const [operatorId, why] of [
      [`https://trace.example.cn/c/${gz.lot}`, 'a label URL is not an identity card'],
      [`javascript:/o/${FARM}`, 'not http(s)'],
      [`/o/${FARM}/extra`, 'a deeper path'],
      [`/o/..%2F${FARM}`, 'encoded traversal'],
      ['x'.repeat(10_000), 'too long'],
      [42, 'not a string'],
    ] as const) {
      const problem = await expectRefused(
        h,
        post(reg.inspectorGz, '/v1/inspections', { ...inspection, operatorId }),
        400,
        'ValidationFailed',
      );
      expect(problem.field, why).toBe('operatorId');
    }
    await expectRefused(
      h,
      post(reg.inspectorGz, '/v1/inspections', { ...inspection, findings: 'x'.repeat(10_000) }),
      400,
      'ValidationFailed',
      'findings',
    );
    await expectRefused(h, post(reg.inspectorGz, '/v1/inspections', { ...inspection, extra: true }), 400, 'ValidationFailed', 'body');
    await expectRefused(
      h,
      post(reg.inspectorGz, '/v1/inspections', { ...inspection, lots: Array.from({ length: 201 }, () => gz.lot) }),
      400,
      'ValidationFailed',
      'lots',
    );
    for (const date of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-1-1', '']) {
      await expectRefused(
        h,
        post(reg.inspectorGz, '/v1/inspections', { ...inspection, result: 'rectify', rectifyBy: date }),
        400,
        'ValidationFailed',
        'rectifyBy',
      );
      await expectRefused(h, post(reg.monitorGz, '/v1/sampling-tasks', { ...TASK, dueBy: date }), 400, 'ValidationFailed', 'dueBy');
    }
    for (const region of ['', '00', '4400', '999999', '44x']) {
      await expectRefused(h, post(reg.monitorGz, '/v1/sampling-tasks', { ...TASK, region }), 400, 'ValidationFailed', 'region');
    }
    const sampleId = await newSample();
    for (const value of ['0.5', null, [], Number.POSITIVE_INFINITY]) {
      await expectRefused(
        h,
        post(reg.monitorGz, `/v1/samples/${sampleId}/results`, passing({ value })),
        400,
        'ValidationFailed',
        'items.0.value',
      );
    }
    // 1e309 is Infinity to JSON.parse: sent as raw text, it is still a 400 naming the value.
    const before = h.ledger.size;
    const infinite = await h.app.inject({
      method: 'POST',
      url: `/v1/samples/${sampleId}/results`,
      headers: { authorization: `Bearer ${reg.monitorGz}`, 'content-type': 'application/json' },
      payload: JSON.stringify(passing()).replace('0.01', '1e309'),
    });
    expect(infinite.statusCode).toBe(400);
    expect(infinite.json()).toMatchObject({ field: 'items.0.value' });
    expect(h.ledger.size).toBe(before);
    await expectRefused(
      h,
      post(reg.monitorGz, `/v1/samples/${sampleId}/results`, {
        ...passing(),
        items: Array.from({ length: 201 }, (_, i) => ({ ...passing().items[0], item: `i${i}` })),
      }),
      400,
      'ValidationFailed',
      'items',
    );
    for (const lotCode of [`https://h/o/${FARM}`, `javascript:/c/${gz.lot}`, `https://h/c/${gz.lot}/../x`, `${gz.lot}\u0000`]) {
      await expectRefused(h, post(reg.monitorGz, '/v1/samples', { taskId: gz.taskId, lotCode }), 400, 'ValidationFailed', 'lotCode');
    }
    for (const amount of [100.123, 0, -5, 1e308, '100']) {
      await expectRefused(
        h,
        post(reg.enforcerGz, `/v1/cases/${gz.caseId}/penalties`, { type: 'fine', amount, legalBasis: 'x' }),
        400,
        'ValidationFailed',
        'amount',
      );
    }
  });

  it('path parameters with junk are problems: bad ids 400, bad percent-encoding 400, overlong segments 414', async () => {
    for (const [url, status, code] of [
      ['/v1/inspections/%F0', 400, 'MalformedUrl'],
      ['/v1/alerts/%ud800', 400, 'MalformedUrl'],
      ['/v1/operators/%E0%A4%A/trace-status', 400, 'MalformedUrl'],
      [`/v1/cases/${'x'.repeat(300)}`, 414, 'UriTooLong'],
      [`/o/${'x'.repeat(300)}`, 414, 'UriTooLong'],
      ['/v1/samples/%E2%80%AE', 400, 'ValidationFailed'],
      ['/v1/sampling-tasks/%00', 400, 'ValidationFailed'],
    ] as const) {
      const response = await h.call('GET', url, { key: reg.monitorGz });
      expect(response.statusCode, url).toBe(status);
      expect(response.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(response.json(), url).toMatchObject({ status, code });
    }
    await expectRefused(
      h,
      () => h.call('POST', `/v1/inspections/${'y'.repeat(300)}/rectification`, { key: reg.inspectorGz, body: { note: 'n' } }),
      414,
      'UriTooLong',
    );
  });
});

describe('region and period arguments of the reads', () => {
  const LISTS = [
    '/v1/inspections',
    '/v1/sampling-tasks',
    '/v1/alerts',
    '/v1/cases',
    '/v1/risks',
    '/v1/reports/coverage',
    '/v1/reports/activity',
  ];

  it('refuses a region no GB/T 2260 code has (400 naming region) rather than answering an empty report', async () => {
    for (const url of LISTS) {
      for (const region of ['00', '4400', '999999', '4', '44%00']) {
        await expectRefused(h, () => h.call('GET', `${url}?region=${region}`, { key: keys.auditor }), 400, 'ValidationFailed', 'region');
      }
      expect((await h.call('GET', `${url}?region=`, { key: keys.auditor })).statusCode, url).toBe(200);
      await expectRefused(h, () => h.call('GET', `${url}?region=`, { key: reg.monitorGz }), 403, 'OutOfRegion', 'region');
    }
    const province = await ok(h.call('GET', '/v1/reports/coverage?region=44', { key: keys.auditor }));
    const padded = await ok(h.call('GET', '/v1/reports/coverage?region=440000', { key: keys.auditor }));
    expect(padded.rows).toEqual(province.rows);
  });

  it('refuses a period that ends before it starts, naming from', async () => {
    await expectRefused(
      h,
      () => h.call('GET', '/v1/reports/activity?from=2027-01-01&to=2026-01-01', { key: keys.auditor }),
      400,
      'InvalidQuery',
      'from',
    );
    await expectRefused(h, () => h.call('GET', '/v1/reports/activity?from=2999-01-01', { key: keys.auditor }), 400, 'InvalidQuery', 'from');
    await expectRefused(
      h,
      () => h.call('GET', '/v1/reports/activity?from=2026-02-30', { key: keys.auditor }),
      400,
      'ValidationFailed',
      'from',
    );
    await expectRefused(h, () => h.call('GET', '/v1/reports/activity?to=2026-13-01', { key: keys.auditor }), 400, 'ValidationFailed', 'to');
    expect((await h.call('GET', '/v1/reports/activity?from=2026-01-01&to=2026-01-01', { key: keys.auditor })).statusCode).toBe(200);
  });
});

describe('scoping of every regulator read', () => {
  const records = () => [
    `/v1/inspections/${gz.inspectionId}`,
    `/v1/sampling-tasks/${gz.taskId}`,
    `/v1/samples/${gz.sampleId}`,
    `/v1/alerts/${gz.alertId}`,
    `/v1/cases/${gz.caseId}`,
  ];
  const lists = [
    '/v1/inspections',
    '/v1/sampling-tasks',
    '/v1/alerts',
    '/v1/cases',
    '/v1/risks',
    '/v1/reports/coverage',
    '/v1/reports/activity',
  ];
  /** What a Guangzhou record says that its id does not: nobody outside may see it. */
  const SECRETS = ['FINDINGS-GZ', 'BASIS-GZ', '毒死蜱', FARM];

  it('answers 403 with none of the record to authorities and auditors of another region, and to operators and subscribers', async () => {
    const hunanAuditor = await principal(h, { name: '湖南审计', role: 'auditor', region: '43' });
    const outsiders = [reg.inspectorHn, reg.monitorHn, reg.enforcerHn, keys.reviewerHn, hunanAuditor];
    for (const key of outsiders) {
      for (const url of records()) {
        const problem = await expectRefused(h, () => h.call('GET', url, { key }), 403, 'OutOfRegion');
        for (const secret of SECRETS) expect(JSON.stringify(problem), url).not.toContain(secret);
      }
      for (const url of lists) {
        await expectRefused(h, () => h.call('GET', `${url}?region=4401`, { key }), 403, 'OutOfRegion', 'region');
        const own = await h.call('GET', url, { key });
        expect(own.statusCode, url).toBe(200);
        for (const secret of SECRETS) expect(own.body, `${url} as an outsider`).not.toContain(secret);
      }
    }
    for (const key of [keys.farm, keys.subscriber]) {
      for (const url of [...records(), ...lists]) await expectRefused(h, () => h.call('GET', url, { key }), 403, 'RoleForbidden');
    }
    for (const url of [...records(), ...lists]) await expectRefused(h, () => h.call('GET', url), 401, 'Unauthorized');
  });

  it('shows a scoped auditor its own region in full', async () => {
    const guangdongAuditor = await principal(h, { name: '广东审计', role: 'auditor', region: '44' });
    for (const url of records()) expect((await h.call('GET', url, { key: guangdongAuditor })).statusCode, url).toBe(200);
    const inspections = await ok(h.call('GET', '/v1/inspections', { key: guangdongAuditor }));
    expect(inspections.inspections.map((i: { inspectionId: string }) => i.inspectionId)).toContain(gz.inspectionId);
  });
});

describe('public answers', () => {
  it('never carry an individual operator’s name, phone, address, citizen ID or its digest', async () => {
    const citizenId = `44011319880808123${citizenIdCheckCharacter('44011319880808123')}`;
    const person = {
      name: '欧阳蔚然',
      kind: 'individual',
      roles: ['producer'],
      region: PANYU,
      address: '番禺区石楼镇大岭村八十八号',
      contact: { name: '欧阳蔚然', phone: '13712345678' },
      citizenId,
    };
    const { operatorId, ledger } = await ok(h.call('POST', '/v1/operators', { body: person }));
    await ok(h.call('POST', `/v1/operators/${operatorId}/review`, { key: keys.reviewerGd, body: { decision: 'approve' } }));
    const [registered] = await h.store.readFrom(ledger.events[0].position, 1);
    const digest = (registered!.data as { citizenIdDigest: string }).citizenIdDigest;
    const forbidden = ['欧阳蔚然', '蔚然', '阳蔚', '13712345678', '5678', '大岭村', citizenId, digest];
    for (const url of [`/o/${operatorId}`, `/v1/operators/${operatorId}/identity.svg`, `/v1/operators/${operatorId}/trace-status`]) {
      const response = await h.call('GET', url);
      expect(response.statusCode, url).toBe(200);
      for (const text of forbidden) expect(response.body, `${url} shows ${text}`).not.toContain(text);
    }
    const png = await h.call('GET', `/v1/operators/${operatorId}/identity.png`);
    expect(png.headers['content-type']).toBe('image/png');
    for (const text of forbidden) expect(png.rawPayload.includes(Buffer.from(text))).toBe(false);
    // What the page does show: the masked name the log holds.
    expect((await h.call('GET', `/o/${operatorId}`)).body).toContain('欧***');
  });

  it('escape hostile operator names and certification text in /o/{id} and the identity card', async () => {
    const id = usccFor(PANYU, 'MA5XQ0E9');
    const hostile = `<script>alert(1)</script>]]>"'&amp;<img src=x onerror=alert(2)>`;
    await ok(h.call('POST', '/v1/operators', { body: registration(id, hostile, PANYU) }));
    await ok(h.call('POST', `/v1/operators/${id}/review`, { key: keys.reviewerGd, body: { decision: 'approve' } }));
    const operatorKey = await principal(h, { name: 'hostile app', role: 'operator', operatorId: id });
    const certification = {
      type: 'green',
      number: 'LB-<b>&"1',
      product: `<script>x</script>]]>&"'`,
      validFrom: '2026-01-01',
      validTo: '2099-12-31',
    };
    await ok(h.call('POST', `/v1/operators/${id}/certifications`, { key: operatorKey, body: certification }));
    for (const url of [`/o/${id}`, `/v1/operators/${id}/identity.svg`]) {
      const { body } = await h.call('GET', url);
      for (const raw of ['<script', '<img', '<b>', ']]>', '"\'&amp;<']) expect(body, `${url} has ${raw} raw`).not.toContain(raw);
      expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    expect((await h.call('GET', `/o/${id}`)).body).toContain('LB-&lt;b&gt;&amp;&quot;1');
  });

  it('cut a long name on the identity card between code points, never inside an emoji', async () => {
    const id = usccFor(PANYU, 'MA5XQ0F7');
    await ok(h.call('POST', '/v1/operators', { body: registration(id, `${'农'.repeat(21)}🍅🍅🍅`, PANYU) }));
    const { body } = await h.call('GET', `/v1/operators/${id}/identity.svg`);
    expect(body).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(body).toContain(`${'农'.repeat(11)}</text>`);
    expect(body).toContain(`${'农'.repeat(10)}…</text>`);
  });

  it('offer only trace codes as examples on the start page', async () => {
    const { body } = await h.call('GET', '/');
    expect(body).not.toContain('alert-SMP-DEMO1-3');
    expect(body).toContain('/c/14401130301256941614');
  });
});

describe('CSV cells', () => {
  it('neutralise text a spreadsheet would run as a formula, and leave numbers alone', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const text of ['+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvField(text).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField(-1)).toBe('-1');
    expect(csvField('广州市')).toBe('广州市');
  });

  it('in the real reports start with none of = + - @', async () => {
    for (const url of ['/v1/reports/coverage', '/v1/reports/activity']) {
      const csv = (await h.call('GET', url, { key: keys.auditor, headers: { accept: 'text/csv' } })).body.replace(/^\ufeff/, '');
      for (const cell of csv.split(/\r\n|,/)) expect(cell, url).not.toMatch(/^[=+\-@]/);
    }
  });
});

describe('the API contract of issue 12 and its OpenAPI document', () => {
  it('answers with the names the issue fixes', async () => {
    const alert = await ok(h.call('GET', `/v1/alerts/${gz.alertId}`, { key: reg.monitorGz }));
    const sample = await ok(h.call('GET', `/v1/samples/${gz.sampleId}`, { key: reg.monitorGz }));
    expect(alert).toMatchObject({ sampleId: gz.sampleId, lotCode: sample.lotCode, frozen: expect.arrayContaining([sample.lotCode]) });
    expect(alert.holders).toContainEqual({ operatorId: FARM, region: PANYU });
    const status = await ok(h.call('GET', `/v1/operators/${FARM}/trace-status`));
    expect(status).toMatchObject({
      underTrace: expect.any(Boolean),
      lotsInWindow: expect.any(Number),
      handOffsInWindow: expect.any(Number),
    });
    const coverage = await ok(h.call('GET', '/v1/reports/coverage', { key: keys.auditor }));
    expect(Object.keys(coverage.rows[0])).toEqual(
      expect.arrayContaining(['region', 'operatorsApproved', 'certifiedProducts', 'certifiedProductsUnderTrace']),
    );
  });

  it('documents every new route with its request body and its 4xx problems', async () => {
    const doc = await ok(h.call('GET', '/docs/json'));
    const routes: [string, string, boolean][] = [
      ['post', '/v1/inspections', true],
      ['post', '/v1/inspections/{inspectionId}/rectification', true],
      ['post', '/v1/sampling-tasks', true],
      ['post', '/v1/samples', true],
      ['post', '/v1/samples/{sampleId}/results', true],
      ['post', '/v1/alerts/{alertId}/release', true],
      ['post', '/v1/cases', true],
      ['post', '/v1/cases/{caseId}/records', true],
      ['post', '/v1/cases/{caseId}/penalties', true],
      ['post', '/v1/cases/{caseId}/close', true],
      ['get', '/v1/inspections', false],
      ['get', '/v1/inspections/{inspectionId}', false],
      ['get', '/v1/sampling-tasks', false],
      ['get', '/v1/sampling-tasks/{taskId}', false],
      ['get', '/v1/samples/{sampleId}', false],
      ['get', '/v1/alerts', false],
      ['get', '/v1/alerts/{alertId}', false],
      ['get', '/v1/cases', false],
      ['get', '/v1/cases/{caseId}', false],
      ['get', '/v1/risks', false],
      ['get', '/v1/reports/coverage', false],
      ['get', '/v1/reports/activity', false],
      ['get', '/v1/operators/{id}/trace-status', false],
      ['get', '/v1/operators/{id}/identity.svg', false],
      ['get', '/v1/operators/{id}/identity.png', false],
    ];
    for (const [method, path, hasBody] of routes) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      const statuses = Object.keys(operation.responses);
      expect(statuses, `${method} ${path}`).toContain('400');
      expect(
        statuses.some((status) => /^2/.test(status)),
        `${method} ${path}`,
      ).toBe(true);
      if (hasBody) expect(operation.requestBody, `${method} ${path}`).toBeDefined();
    }
    const result = doc.paths['/v1/samples/{sampleId}/results'].post;
    const answer = JSON.stringify(result.responses['201']);
    expect(answer).toContain('alertId');
    expect(answer).toContain('frozen');
  });
});

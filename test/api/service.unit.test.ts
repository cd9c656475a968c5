import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTraceCode } from '../../src/domain/index.js';
import { usccFor } from '../support/scenario.js';
import { PANYU, farmToCoop, ok, registration, setUp, type Keys } from './support/chain.js';
import { harness, type Harness } from './support/harness.js';
import { expectRefused } from './support/refused.js';

let h: Harness;
let keys: Keys;
let farmLot: string;
let coopLot: string;
let ready = true;
beforeAll(async () => {
  h = await harness({ isReady: () => ready, pages: { examples: () => [coopLot], publicUrl: 'https://trace.example.cn' } });
  keys = await setUp(h);
  ({ farmLot, coopLot } = await farmToCoop(h, keys));
});
afterAll(() => h.close());

describe('health and metrics', () => {
  it('is live, and ready only once started and caught up', async () => {
    expect(JSON.parse((await h.call('GET', '/health/live')).body)).toEqual({ status: 'live' });
    expect(JSON.parse((await h.call('GET', '/health/ready')).body)).toMatchObject({ status: 'ready', size: h.ledger.size, lag: 0 });
    ready = false;
    await expectRefused(h, () => h.call('GET', '/health/ready'), 503, 'NotReady');
    ready = true;
  });

  it('exports request, write, batch, log and lag metrics', async () => {
    const text = (await h.call('GET', '/metrics')).body;
    for (const name of [
      'http_request_duration_seconds_count',
      'http_request_duration_seconds_bucket',
      'suyuan_writes_total',
      'suyuan_batch_events_bucket',
      'suyuan_log_size',
      'suyuan_projection_lag',
      'suyuan_sse_clients',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toMatch(/suyuan_writes_total\{command="lot.commission",outcome="accepted"\} \d+/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/v1\/lots",status="201"\} \d+/);
  });
});

describe('OpenAPI and errors', () => {
  it('documents every API route with its schemas at /docs/json, and serves Swagger UI at /docs', async () => {
    const doc = JSON.parse((await h.call('GET', '/docs/json')).body);
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/v1/principals',
      '/v1/operators',
      '/v1/operators/{id}/review',
      '/v1/lots',
      '/v1/lots/{code}/shipments',
      '/v1/processing',
      '/v1/codes/{code}',
      '/v1/codes/{code}/trace',
      '/v1/codes/{code}/proof',
      '/v1/log/key',
      '/v1/log/checkpoint',
      '/v1/log/proof/inclusion',
      '/v1/log/proof/consistency',
      '/v1/log/events',
      '/v1/log/stream',
      '/health/ready',
      '/metrics',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/v1/lots'].post.requestBody).toBeDefined();
    expect(doc.components.schemas.Problem).toBeDefined();
    expect(doc.components.securitySchemes.bearer).toBeDefined();
    expect((await h.call('GET', '/docs/')).statusCode).toBe(200);
  });

  it('answers unknown routes, bad JSON, wrong media types and large bodies with problems', async () => {
    await expectRefused(h, () => h.call('GET', '/v1/nothing'), 404, 'NotFound');
    await expectRefused(
      h,
      () => h.call('POST', '/v1/operators', { body: '{"name":', headers: { 'content-type': 'application/json' } }),
      400,
      'MalformedBody',
    );
    await expectRefused(
      h,
      () => h.call('POST', '/v1/operators', { body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'UnsupportedMediaType',
    );
    await expectRefused(
      h,
      () =>
        h.call('POST', '/v1/operators', {
          body: JSON.stringify({ name: 'x'.repeat(300_000) }),
          headers: { 'content-type': 'application/json' },
        }),
      413,
      'PayloadTooLarge',
    );
    await expectRefused(
      h,
      () => h.call('POST', '/v1/operators', { body: '{"__proto__":{"x":1}}', headers: { 'content-type': 'application/json' } }),
      400,
      'MalformedBody',
    );
    const response = await h.call('GET', '/v1/nothing');
    expect(response.headers['x-request-id']).toBe(JSON.parse(response.body).requestId);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('lets browsers on other origins call the API (Bearer keys, no cookies)', async () => {
    const preflight = await h.call('OPTIONS', `/v1/codes/${coopLot}`, {
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
    expect((await h.call('GET', `/v1/codes/${coopLot}`)).headers['access-control-allow-origin']).toBe('*');
  });

  it('describes each problem type at its type URI', async () => {
    const page = await h.call('GET', '/problems/InsufficientQuantity');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('more than the lot has available');
    expect((await h.call('GET', '/problems/NoSuchThing')).statusCode).toBe(404);
  });
});

describe('pages', () => {
  it('offers the lookup form with example codes, and redirects a typed code', async () => {
    const home = await h.call('GET', '/');
    expect(home.headers['content-type']).toMatch(/^text\/html/);
    expect(home.body).toContain('lang="zh-CN"');
    expect(home.body).toContain(`/c/${coopLot}`);
    const typed = coopLot.replace(/(\d{4})(?=\d)/g, '$1 ');
    const redirect = await h.call('GET', `/c?code=${encodeURIComponent(typed)}`);
    expect(redirect.statusCode).toBe(303);
    expect(redirect.headers.location).toBe(`/c/${coopLot}`);
    const wrong = await h.call('GET', '/c?code=1234');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('追溯码有误');
  });

  it('renders the trace page: product, origin, certificate, one step back, lineage and a verified proof', async () => {
    const page = await h.call('GET', `/c/${coopLot}`);
    expect(page.statusCode).toBe(200);
    for (const text of ['菜心', '广东省广州市番禺区', '承诺达标合格证', '向前一步', '全程追溯', '已验证', `/c/${farmLot}`, '139****9000']) {
      expect(page.body, text).toContain(text);
    }
    expect(page.body).not.toContain('13900139000');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('escapes whatever operators typed', async () => {
    const id = usccFor(PANYU, 'MA5X0001');
    await ok(h.call('POST', '/v1/operators', { body: { ...registration(id, '<script>alert(1)</script>', PANYU) } }));
    await ok(h.call('POST', `/v1/operators/${id}/review`, { key: keys.reviewerGd, body: { decision: 'approve' } }));
    const key = (await ok(h.call('POST', '/v1/principals', { key: h.adminKey, body: { name: 'x', role: 'operator', operatorId: id } })))
      .key;
    const body = {
      product: { name: '"><img src=x onerror=alert(1)>', category: 'fruit' },
      quantity: { amount: 1, unit: 'kg' },
      producedAt: '2026-06-01',
      origin: { region: PANYU },
    };
    const code = (await ok(h.call('POST', '/v1/lots', { key, body }))).code;
    const page = (await h.call('GET', `/c/${code}`)).body;
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;');
    const svg = (await h.call('GET', `/c/${code}/label.svg`)).body;
    expect(svg).not.toContain('<img');
  });

  it('prints a label whose QR code links to the trace page', async () => {
    const svg = await h.call('GET', `/c/${coopLot}/label.svg`);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const url = `https://trace.example.cn/c/${coopLot}`;
    const qr = await QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
    const path = /<path stroke[^>]*>/.exec(qr)![0];
    expect(svg.body).toContain(path);
    expect(svg.body).toContain(coopLot.replace(/(\d{4})(?=\d)/g, '$1 '));
    const png = await h.call('GET', `/c/${coopLot}/label.png`);
    expect(png.headers['content-type']).toBe('image/png');
    const bytes = png.rawPayload;
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    const modules = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules.size;
    // The PNG is the whole 60 × 40 mm label at 8 dots a millimetre, wider than its QR code alone.
    expect(bytes.readUInt32BE(16), 'IHDR width: 60 mm at 8 px/mm').toBe(480);
    expect(bytes.readUInt32BE(16)).toBeGreaterThan((modules + 4) * 8);
  });

  it('shows an HTML error for an unknown code, and a problem to API clients', async () => {
    const unknown = generateTraceCode({ kind: 1, region: PANYU, serial: '00000000099' });
    const page = await h.call('GET', `/c/${unknown}`);
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('未找到');
    await expectRefused(h, () => h.call('GET', `/c/${unknown}`, { headers: { accept: 'application/json' } }), 404, 'UnknownLot', 'code');
    expect((await h.call('GET', '/c/1234')).statusCode).toBe(400);
    expect((await h.call('GET', `/c/${unknown}/label.svg`)).statusCode).toBe(404);
  });
});

describe('rate limiting of public routes', () => {
  it('limits the public per IP with a 429 problem, and not callers with keys', async () => {
    const limited = await harness({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
    try {
      const code = generateTraceCode({ kind: 1, region: PANYU, serial: '00000000005' });
      for (let i = 0; i < 3; i++) expect((await limited.call('GET', `/v1/codes/${code}`)).statusCode).toBe(404);
      const over = await limited.call('GET', `/v1/codes/${code}`);
      expect(over.statusCode).toBe(429);
      expect(JSON.parse(over.body)).toMatchObject({ code: 'RateLimited', status: 429 });
      expect(over.headers['retry-after']).toBeDefined();
      expect((await limited.call('GET', `/v1/codes/${code}`, { key: limited.adminKey })).statusCode).toBe(404);
    } finally {
      await limited.close();
    }
  });
});

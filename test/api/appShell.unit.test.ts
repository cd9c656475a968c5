/** /app/: the field app's shell, manifest and worker as files, with the headers an installable app needs. */
import { readFileSync, readdirSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandlers } from '../../src/api/errorHandler.js';
import { APP_DIST, APP_SCREENS, appShellRoutes } from '../../src/api/routes/app.js';
import { SCREENS } from '../../app/src/screens.js';
import { harness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

describe('the app shell at /app/', () => {
  it('redirects /app to /app/ (the service worker scope), keeping the query', async () => {
    for (const [from, to] of [
      ['/app', '/app/'],
      ['/app?lang=en', '/app/?lang=en'],
    ]) {
      const response = await h.call('GET', from!);
      expect(response.statusCode).toBe(301);
      expect(response.headers.location).toBe(to);
    }
  });

  it("serves the shell at every screen's own address, as the app's screen list names them", () => {
    const inApp = Object.values(SCREENS)
      .map((screen) => screen.path)
      .filter((path) => path !== '/app/');
    expect([...APP_SCREENS].sort()).toEqual(inApp.sort());
  });

  it('serves the shell at /app/ and each screen under a CSP that runs only its own scripts', async () => {
    for (const url of ['/app/', ...APP_SCREENS, '/app/reports?lang=en']) {
      const response = await h.call('GET', url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.body).toMatch(/<script type="module" crossorigin src="\/app\/assets\/[^"]+\.js">/);
      expect(response.body).toContain('<link rel="manifest" href="/app/manifest.webmanifest"');
    }
  });

  it('sends the Brotli or gzip copy to a browser that accepts it, and the plain file to one that does not', async () => {
    const script = readdirSync(join(APP_DIST, 'assets')).find((file) => file.endsWith('.js'))!;
    const plain = readFileSync(join(APP_DIST, 'assets', script));
    for (const [accept, encoding] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const answer = await h.app.inject({ method: 'GET', url: `/app/assets/${script}`, headers: { 'accept-encoding': accept } });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-encoding']).toBe(encoding);
      const body = answer.rawPayload;
      expect(encoding === 'br' ? brotliDecompressSync(body) : gunzipSync(body)).toEqual(plain);
      expect(body.length).toBeLessThan(plain.length / 2);
    }
    const identity = await h.app.inject({ method: 'GET', url: `/app/assets/${script}`, headers: { 'accept-encoding': 'identity' } });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.rawPayload).toEqual(plain);
  });

  it('caches hashed assets for a year and revalidates the worker', async () => {
    const script = readdirSync(join(APP_DIST, 'assets')).find((file) => file.endsWith('.js'))!;
    const asset = await h.call('GET', `/app/assets/${script}`);
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const worker = await h.call('GET', '/app/sw.js');
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['content-type']).toMatch(/javascript/);
    expect(worker.headers['cache-control']).toBe('no-cache');
    expect(worker.body).toContain(`/app/assets/${script}`);
    expect((await h.call('GET', '/app/missing.js')).statusCode).toBe(404);
  });

  it('serves an installable web manifest with 192 and 512 px PNG icons', async () => {
    const response = await h.call('GET', '/app/manifest.webmanifest');
    expect(response.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = JSON.parse(response.body);
    expect(manifest).toMatchObject({
      name: '溯源',
      short_name: '溯源',
      display: 'standalone',
      start_url: '/app/',
      scope: '/app/',
      lang: 'zh-CN',
    });
    expect(manifest.icons.map((icon: { sizes: string }) => icon.sizes)).toEqual(['192x192', '512x512']);
    for (const icon of manifest.icons) {
      const png = await h.call('GET', icon.src);
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.rawPayload.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.rawPayload.readUInt32BE(16)).toBe(Number(icon.sizes.split('x')[0]));
    }
  });

  it("keeps the first screen's JavaScript within the 150 KB (gzip) budget of issue 14", () => {
    const html = readFileSync(join(APP_DIST, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\/app\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(APP_DIST, file)), { level: 9 }).length, 0);
    console.info(`first screen: ${scripts.length} script(s), ${(gzipped / 1024).toFixed(1)} KB gzipped`);
    expect(gzipped).toBeLessThanOrEqual(150 * 1024);
  });

  it('answers 503 AppNotBuilt, naming the command, when app/dist is missing', async () => {
    const app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
    installErrorHandlers(app);
    await app.register(appShellRoutes, { distDir: '/nonexistent/app/dist' });
    for (const url of ['/app/', '/app/activate', '/app/sw.js']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.body)).toMatchObject({ code: 'AppNotBuilt', status: 503 });
      expect(response.body).toContain('npm run build:app');
    }
    expect((await app.inject({ method: 'GET', url: '/app' })).statusCode).toBe(301);
    await app.close();
  });
});

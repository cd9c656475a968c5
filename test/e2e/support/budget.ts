/**
 * The field app's budget (issue 14, Build 6): at most 150 KB of gzip-compressed JavaScript for the
 * first screen, usable within 2 s on a throttled mid-range phone. Shared by test/e2e/appBudget and
 * benchmarks/appBudget.
 *
 * A load is measured in a fresh context (cold HTTP cache, service workers blocked) under CDP
 * throttling: the network of Lighthouse's mobile "Slow 4G" (150 ms RTT, 1.6 Mbps down, 750 kbps up)
 * and a CPU 4× slower. "Usable" is the first frame painted after every `ready` selector is in the
 * page and the first one is hit-testable at its centre (not covered, on screen), timed from
 * navigation start (performance.now() in the page; a frame's check adds at most one frame). Compressed size is each fetched script's file
 * in the dist directory the server serves, gzipped at the default level (the server itself sends
 * them uncompressed, so the throttled load is the harder case).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import type { Viewport } from './browser.js';

export const BUDGET = { firstScreenJsGzipBytes: 150 * 1024, usableMs: 2000 } as const;

/** A CDP network profile (Network.emulateNetworkConditions): latency in ms, throughput in bytes per second. */
export interface NetworkProfile {
  readonly name: string;
  readonly latency: number;
  readonly downloadThroughput: number;
  readonly uploadThroughput: number;
}

const kbps = (kilobits: number): number => (kilobits * 1024) / 8;

/** Lighthouse's mobile "Slow 4G": 150 ms RTT, 1.6 Mbps down, 750 kbps up. */
export const SLOW_4G: NetworkProfile = { name: 'slow-4g', latency: 150, downloadThroughput: kbps(1.6 * 1024), uploadThroughput: kbps(750) };

/**
 * The same profile as Lighthouse applies it through DevTools (its "applied" throttling): request
 * latency 150 × 3.75 ms and 90% of the throughput, to stand for what packet-level throttling costs.
 */
export const SLOW_4G_DEVTOOLS: NetworkProfile = {
  name: 'slow-4g-devtools',
  latency: 150 * 3.75,
  downloadThroughput: kbps(1.6 * 1024 * 0.9),
  uploadThroughput: kbps(750 * 0.9),
};

/** The CPU slowdown of Lighthouse's mobile profile. */
export const CPU_SLOWDOWN = 4;

/** The dist directory the server serves (SUYUAN_APP_DIST, as src/api/routes/app.ts reads it). */
export const appDist = (): string => process.env.SUYUAN_APP_DIST || resolve(import.meta.dirname, '../../../app/dist');

/** A string chart.js's bundled code always holds (the property it tags canvases and arrays with). */
const CHART_JS_MARK = '_chartjs';

export interface ScriptSize {
  /** The path under /app/, e.g. assets/index-abc.js. */
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** The file holds chart.js. */
  readonly chartJs: boolean;
}

/** scriptSize: the size of one built script of `dist`, raw and gzipped. */
export function scriptSize(dist: string, file: string): ScriptSize {
  const content = readFileSync(join(dist, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content).length, chartJs: content.includes(CHART_JS_MARK) };
}

export interface FirstScreenLoad {
  /** Navigation start to the first frame in which the screen is usable, in ms. */
  readonly usableMs: number;
  readonly scripts: readonly ScriptSize[];
  readonly jsGzipBytes: number;
}

export interface LoadOptions {
  /** Where to go, e.g. http://127.0.0.1:4000/app/. */
  readonly url: string;
  readonly viewport: Viewport;
  /** Selectors that must all be in the page; the first must also be hit-testable. */
  readonly ready: readonly string[];
  /** A signed-in device's storage (BrowserContext.storageState of an activated context). */
  readonly storageState?: BrowserContextOptions['storageState'];
  /** Throttle the network and CPU; unthrottled when undefined. */
  readonly network?: NetworkProfile;
  readonly timeoutMs?: number;
}

/**
 * The page's watcher, run before its scripts with the `ready` selectors: checks every frame whether
 * the screen is usable (layout can make it so without a DOM change, e.g. a style sheet arriving) and
 * marks `__usableAt` at the next frame, the first painted with it. Plain JavaScript text, since a
 * compiled function may call helpers the page does not have (tsx's __name).
 */
const WATCH_USABLE = `(ready) => {
  const usable = () => {
    const found = ready.map((selector) => document.querySelector(selector));
    if (found.some((element) => element === null)) return false;
    const box = found[0].getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && found[0].contains(hit);
  };
  const check = () => {
    if (usable()) requestAnimationFrame(() => (window.__usableAt = performance.now()));
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}`;

/**
 * loadFirstScreen opens `url` in a fresh context (cold cache, no service worker), throttled when
 * asked, and reports when it was usable and the scripts it fetched (until the network was idle).
 */
export async function loadFirstScreen(browser: Browser, options: LoadOptions): Promise<FirstScreenLoad> {
  const { viewport } = options;
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    deviceScaleFactor: viewport.deviceScaleFactor,
    isMobile: viewport.name === 'phone',
    hasTouch: viewport.name === 'phone',
    locale: 'zh-CN',
    serviceWorkers: 'block',
    ...(options.storageState === undefined ? {} : { storageState: options.storageState }),
  });
  try {
    const page = await context.newPage();
    const origin = new URL(options.url).origin;
    const scripts = new Set<string>();
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin === origin && response.request().resourceType() === 'script') scripts.add(url.pathname);
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (options.network) {
      const { latency, downloadThroughput, uploadThroughput } = options.network;
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput, uploadThroughput });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    await page.addInitScript({ content: `(${WATCH_USABLE})(${JSON.stringify(options.ready)});` });
    const timeout = options.timeoutMs ?? 30_000;
    await page.goto(options.url, { waitUntil: 'commit', timeout });
    await page.waitForFunction(() => (globalThis as any).__usableAt !== undefined, null, { timeout });
    const usableMs = await page.evaluate(() => (globalThis as any).__usableAt as number);
    await page.waitForLoadState('networkidle', { timeout });
    const dist = appDist();
    const sizes = [...scripts].sort().map((path) => scriptSize(dist, path.replace(/^\/app\//, '')));
    return { usableMs, scripts: sizes, jsGzipBytes: sizes.reduce((sum, script) => sum + script.gzipBytes, 0) };
  } finally {
    await context.close();
  }
}

/** median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

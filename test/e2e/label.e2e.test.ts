/**
 * Printed labels scan back to their page: the QR code in `/c/{code}/label.png`
 * (decoded with jsqr over the whole image, however much else the label
 * carries) and in `label.svg` as Chromium renders it is the page URL,
 * `<base>/c/{code}`. SUYUAN_PUBLIC_URL is unset, so the server prints the
 * request's own host.
 */
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL_SIZES, sheetGrid } from '../../src/api/pages/label/index.js';
import { describeWithBrowser, launchBrowser } from './support/browser.js';
import { decodeQr } from './support/qr.js';
import { startServer, type RunningServer } from './support/server.js';

const DOTS = 8;
const A4_DOTS = { width: 210 * DOTS, height: 297 * DOTS };

let server: RunningServer;
/** One demo code of each kind the demo prints (1 farm, 2 trade, 3 market entry). */
let codes: string[];

beforeAll(async () => {
  server = await startServer();
  const byKind = new Map<string, string>();
  for (const code of server.demo.codes) if (!byKind.has(code[0]!)) byKind.set(code[0]!, code);
  codes = [...byKind.values()];
}, 90_000);

afterAll(() => server?.stop());

describe('label.png', () => {
  it('is a PNG whose QR code is the page URL, for a code of each kind', async () => {
    expect(codes.map((code) => code[0]).sort()).toEqual(['1', '2', '3']);
    for (const code of codes) {
      const response = await fetch(`${server.base}/c/${code}/label.png`);
      expect(response.status, code).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await response.arrayBuffer());
      const { width, height } = PNG.sync.read(png);
      expect(decodeQr(png), `the QR in label.png of ${code} (${width}×${height})`).toBe(`${server.base}/c/${code}`);
    }
  });
});

describe('label.png?copies=N', () => {
  it('is A4 sheets whose every label placed carries the QR code of the page URL', async () => {
    const code = codes[0]!;
    for (const size of ['60x40', '100x70'] as const) {
      const response = await fetch(`${server.base}/c/${code}/label.png?size=${size}&copies=3`);
      expect(response.status, size).toBe(200);
      const sheet = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
      expect(sheet.width, `${size}: an A4 sheet at 8 dots a millimetre`).toBe(A4_DOTS.width);
      expect(sheet.height, size).toBe(A4_DOTS.height);
      const grid = sheetGrid(size);
      const { width, height } = LABEL_SIZES[size];
      for (let copy = 0; copy < 3; copy++) {
        const x = (grid.left + (copy % grid.columns) * grid.pitchX) * DOTS;
        const y = (grid.top + Math.floor(copy / grid.columns) * grid.pitchY) * DOTS;
        const label = new PNG({ width: width * DOTS, height: height * DOTS });
        PNG.bitblt(sheet, label, Math.round(x), Math.round(y), width * DOTS, height * DOTS, 0, 0);
        expect(decodeQr(PNG.sync.write(label)), `${size}, copy ${copy + 1}`).toBe(`${server.base}/c/${code}`);
      }
    }
  });
});

describeWithBrowser('label.svg in Chromium', () => {
  it('renders a QR code that is the page URL', async () => {
    const browser = await launchBrowser();
    try {
      // Labels are 60 × 40 mm (about 227 × 151 CSS px): render at 4× so the modules are several pixels wide.
      const context = await browser.newContext({ viewport: { width: 800, height: 800 }, deviceScaleFactor: 4 });
      const page = await context.newPage();
      for (const code of codes) {
        const response = await page.goto(`${server.base}/c/${code}/label.svg`);
        expect(response?.status(), code).toBe(200);
        const png = await page.locator('svg').first().screenshot();
        expect(decodeQr(png), `the QR in label.svg of ${code}`).toBe(`${server.base}/c/${code}`);
      }
    } finally {
      await browser.close();
    }
  });
});

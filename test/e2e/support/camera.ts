/**
 * A camera for the browser suites: Chromium's fake capture device playing a Y4M file
 * (`--use-file-for-fake-video-capture`), made here from a PNG (a label, an identity card) so the
 * app's scanner reads a real QR code off a real video track. The device opens the file each time
 * a capture starts, so a suite points the camera at another code by rewriting the file between
 * scans (`Camera.show`); the app releases the camera after every scan.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.js';

/** The frame the camera sends: a phone camera's 640×480, the code centred on white. */
const WIDTH = 640;
const HEIGHT = 480;

/**
 * y4mOf: a one-frame 4:2:0 Y4M of `png` scaled to fit 640×480 on white (BT.601 full range, the
 * "C420jpeg" colour space Chromium's reader accepts). Chromium loops the file as its frame source.
 */
export function y4mOf(png: Buffer): Buffer {
  const image = PNG.sync.read(png);
  const scale = Math.min((WIDTH - 40) / image.width, (HEIGHT - 40) / image.height);
  const width = Math.floor(image.width * scale);
  const height = Math.floor(image.height * scale);
  const left = Math.floor((WIDTH - width) / 2);
  const top = Math.floor((HEIGHT - height) / 2);
  const rgb = (x: number, y: number): [number, number, number] => {
    const inside = x >= left && x < left + width && y >= top && y < top + height;
    if (!inside) return [255, 255, 255];
    // Nearest neighbour keeps the QR modules' edges sharp.
    const sx = Math.min(image.width - 1, Math.floor((x - left) / scale));
    const sy = Math.min(image.height - 1, Math.floor((y - top) / scale));
    const at = (sy * image.width + sx) * 4;
    const alpha = image.data[at + 3]! / 255;
    const blend = (value: number): number => Math.round(value * alpha + 255 * (1 - alpha));
    return [blend(image.data[at]!), blend(image.data[at + 1]!), blend(image.data[at + 2]!)];
  };
  const luma = Buffer.alloc(WIDTH * HEIGHT);
  const cb = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2));
  const cr = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2));
  const clamp = (value: number): number => Math.max(0, Math.min(255, Math.round(value)));
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const [r, g, b] = rgb(x, y);
      luma[y * WIDTH + x] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
      if (x % 2 === 0 && y % 2 === 0) {
        const at = (y / 2) * (WIDTH / 2) + x / 2;
        cb[at] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
        cr[at] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
      }
    }
  }
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F15:1 Ip A1:1 C420jpeg\n`, 'ascii');
  return Buffer.concat([header, Buffer.from('FRAME\n', 'ascii'), luma, cb, cr]);
}

export interface Camera {
  /** The browser whose fake camera plays this camera's file. */
  readonly browser: Browser;
  /** show points the camera at `png` (takes effect at the next capture the page starts). */
  show(png: Buffer): void;
  close(): Promise<void>;
}

/** launchWithCamera starts Chromium with a fake camera, first showing `png`, and camera permission granted. */
export async function launchWithCamera(png: Buffer): Promise<Camera> {
  const dir = mkdtempSync(join(tmpdir(), 'suyuan-camera-'));
  const file = join(dir, 'camera.y4m');
  writeFileSync(file, y4mOf(png));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${file}`,
    ],
  });
  return {
    browser,
    show: (next) => writeFileSync(file, y4mOf(next)),
    close: async () => {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Reading QR codes back from PNGs, as a phone's scanner would: jsqr over the whole image. */
import J from 'jsqr';
import { PNG } from 'pngjs';

const jsQR = J.default;

/** decodeQr finds and decodes a QR code anywhere in `png`; undefined when there is none. */
export function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return jsQR(pixels, image.width, image.height)?.data;
}

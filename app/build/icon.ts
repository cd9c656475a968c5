/** The app's icon: drawn once as SVG and rendered to PNG at each size the manifest names (no binary in git). */
import { Resvg } from '@resvg/resvg-js';

/** ICON_SIZES: what Chromium asks of an installable app (192) and its splash screen (512). */
export const ICON_SIZES = [192, 512] as const;

const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="96" fill="#2f6b3a"/>
  <path d="M256 96c-70 60-112 128-112 196a112 112 0 0 0 224 0c0-68-42-136-112-196z" fill="#e8f2e0"/>
  <path d="M256 176v236M256 300l-56-48M256 352l64-56" stroke="#2f6b3a" stroke-width="22" stroke-linecap="round" fill="none"/>
</svg>`;

/** iconPng renders the icon as a square PNG of `size` pixels. */
export function iconPng(size: number): Uint8Array {
  return new Resvg(ICON_SVG, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

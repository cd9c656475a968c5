/** The web manifest (W3C Web Application Manifest) that lets a phone install the app to its home screen. */
import { ICON_SIZES } from './icon.js';

export const MANIFEST_FILE = 'manifest.webmanifest';

/** iconFile names the PNG of one icon size, beside index.html. */
export const iconFile = (size: number): string => `icon-${size}.png`;

export function webManifest(): string {
  return JSON.stringify(
    {
      name: '溯源',
      short_name: '溯源',
      description: '农产品质量安全追溯：经营主体与监管人员的现场应用',
      lang: 'zh-CN',
      dir: 'ltr',
      start_url: '/app/',
      scope: '/app/',
      display: 'standalone',
      background_color: '#f6f8f4',
      theme_color: '#2f6b3a',
      icons: ICON_SIZES.map((size) => ({ src: `/app/${iconFile(size)}`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' })),
    },
    null,
    2,
  );
}

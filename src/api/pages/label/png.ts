/** The label as a PNG, for label printers that take images: the same SVG, rendered with resvg. */
import { Resvg } from '@resvg/resvg-js';

/** 8 dots a millimetre: a 203 dpi thermal printer's own resolution, so no dot is resampled. */
export const DOTS_PER_MM = 8;

/**
 * svgToPng renders `svg` (`widthMm` wide) at DOTS_PER_MM. The text needs a CJK font on the machine
 * (Noto Sans CJK, Debian's fonts-noto-cjk): without one resvg still renders the QR code, the boxes
 * and the lines, but draws the Chinese text without glyphs — the PNG is then a QR label with blanks.
 */
export function svgToPng(svg: string, widthMm: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(widthMm * DOTS_PER_MM) },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC', monospaceFamily: 'Noto Sans Mono CJK SC' },
  });
  return resvg.render().asPng();
}

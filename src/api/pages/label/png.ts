/** The label as a PNG, for label printers that take images: the same SVG, rendered with resvg. */
import { renderAsync } from '@resvg/resvg-js';

/** 8 dots a millimetre: a 203 dpi thermal printer's own resolution, so no dot is resampled. */
export const DOTS_PER_MM = 8;

const FONTS = { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC', monospaceFamily: 'Noto Sans Mono CJK SC' };

/**
 * svgToPng renders `svg` (`widthMm` wide) at DOTS_PER_MM, off the event loop (resvg's thread pool): a
 * label's text takes resvg about 0.4 s to lay out, which would otherwise stall every other request.
 * The text needs a CJK font on the machine (Noto Sans CJK, Debian's fonts-noto-cjk): without one resvg
 * still renders the QR code, the boxes and the lines, but draws the Chinese text without glyphs — the PNG
 * is then a QR label with blanks. `text: false` skips loading fonts, for an SVG with no text (a sheet of
 * label images).
 */
export async function svgToPng(svg: string, widthMm: number, { text = true }: { readonly text?: boolean } = {}): Promise<Buffer> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: Math.round(widthMm * DOTS_PER_MM) },
    background: '#ffffff',
    font: text ? FONTS : { loadSystemFonts: false },
  });
  return image.asPng();
}

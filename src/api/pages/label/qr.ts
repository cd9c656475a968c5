/** The QR code of a label as an SVG fragment: the page URL, exactly as every printed label carries it. */
import QRCode from 'qrcode';

export interface QrFragment {
  /** The code's paths, in a 0 … modules coordinate system. */
  readonly paths: string;
  readonly modules: number;
}

/** qrFragment encodes `url` (error correction M, no quiet zone: the label leaves white around it). */
export async function qrFragment(url: string): Promise<QrFragment> {
  const svg = await QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  const modules = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1] ?? 25);
  return { paths: svg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, ''), modules };
}

/** qrAt places the code as a square of `size` at (x, y). */
export function qrAt(qr: QrFragment, x: number, y: number, size: number): string {
  return `<svg x="${x}" y="${y}" width="${size}" height="${size}" viewBox="0 0 ${qr.modules} ${qr.modules}" shape-rendering="crispEdges">${qr.paths}</svg>`;
}

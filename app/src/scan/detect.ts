/**
 * Reading a QR code off the camera: the browser's BarcodeDetector where it exists and knows QR codes
 * (Chrome on Android and macOS, not desktop Linux), otherwise jsQR (a well-kept pure-JS decoder,
 * loaded only when a scan first needs it, so it costs the first screen nothing).
 */

/** A detector reads the QR code in the video's current frame, or answers undefined. */
export type Detect = (video: HTMLVideoElement) => Promise<string | undefined>;

interface NativeDetector {
  detect(source: CanvasImageSource): Promise<readonly { rawValue: string }[]>;
}
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
}

/** The longest side a frame is scaled to before jsQR reads it: enough for a label held at arm's length. */
const MAX_SIDE = 800;

async function native(): Promise<Detect | undefined> {
  const Native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (!Native) return undefined;
  try {
    if (!(await Native.getSupportedFormats()).includes('qr_code')) return undefined;
    const detector = new Native({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue;
  } catch {
    return undefined;
  }
}

async function fallback(): Promise<Detect> {
  const jsQR = (await import('jsqr')).default;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d canvas');
  return async (video) => {
    const { videoWidth: width, videoHeight: height } = video;
    if (width === 0 || height === 0) return undefined;
    const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data;
  };
}

/** which: 'native' or 'jsqr', the detector this browser gets (the screen says so, tests check it). */
export async function makeDetector(): Promise<{ detect: Detect; which: 'native' | 'jsqr' }> {
  const detect = await native();
  return detect ? { detect, which: 'native' } : { detect: await fallback(), which: 'jsqr' };
}

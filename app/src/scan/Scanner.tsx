/**
 * The camera view that reads one QR code: it opens the back camera, reads frames until a code is
 * found, hands its text over and releases the camera (so a second scan opens it afresh). A camera
 * that cannot be opened is said plainly; typing is always possible beside it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { uiWords } from '../ui/words.js';
import { makeDetector } from './detect.js';

/** How often a frame is read, in ms: fast enough to feel instant, light on a phone's battery. */
const INTERVAL = 120;

export function Scanner({ onText, onClose }: { onText: (text: string) => void; onClose: () => void }) {
  const t = uiWords();
  const video = useRef<HTMLVideoElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [which, setWhich] = useState<string>('');
  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const stop = (): void => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
    (async () => {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
      if (stopped) return stop();
      const element = video.current!;
      element.srcObject = stream;
      await element.play();
      const detector = await makeDetector();
      setWhich(detector.which);
      const tick = async (): Promise<void> => {
        if (stopped) return;
        const text = await detector.detect(element).catch(() => undefined);
        if (stopped) return;
        if (text) {
          stop();
          onText(text);
          return;
        }
        timer = setTimeout(tick, INTERVAL);
      };
      void tick();
    })().catch((error: unknown) => {
      stop();
      setFailure(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    });
    return stop;
  }, []);
  return (
    <div class="scanner" data-testid="scanner" data-detector={which}>
      {failure ? (
        <p role="alert" class="problem">
          {t.cameraFailed}（{failure}）
        </p>
      ) : (
        <>
          <p role="status" class="hint">
            {t.scanning}
          </p>
          <video ref={video} muted playsInline aria-label={t.scanning} />
        </>
      )}
      <button type="button" class="secondary" onClick={onClose}>
        {t.cancelScan}
      </button>
    </div>
  );
}

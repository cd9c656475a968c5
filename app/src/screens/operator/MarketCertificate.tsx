/**
 * The market-entry certificate (入市追溯凭证) of a hand-off to an unregistered buyer: its page
 * (GET /v1/lots/{code}/certificate) needs the device's key, so it is fetched and shown in an
 * in-app print view (a frame holding the page, inheriting the app's CSP, so nothing in it runs),
 * printed with the frame's own print. Each fetch is recorded as a read of the buyer's data, so it
 * is fetched only when asked for.
 */
import { useRef, useState } from 'preact/hooks';
import type { Session } from '../../session.js';
import { operatorWords } from './words.js';

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'shown'; html: string } | { kind: 'failed'; reason: string };

/** certificatePage fetches the page with the device's key; a refusal gives the server's reason. */
async function certificatePage(session: Session, code: string): Promise<string> {
  const response = await fetch(`/v1/lots/${encodeURIComponent(code)}/certificate`, {
    headers: { accept: 'text/html', authorization: `Bearer ${session.key}` },
  });
  const text = await response.text();
  if (response.ok) return text;
  let reason = `HTTP ${response.status}`;
  try {
    const problem = JSON.parse(text) as { detail?: string; title?: string; code?: string };
    reason = [problem.detail ?? problem.title, problem.code].filter(Boolean).join(' · ') || reason;
  } catch {}
  throw new Error(reason);
}

export function MarketCertificate({ session, code }: { session: Session; code: string }) {
  const t = operatorWords();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const frame = useRef<HTMLIFrameElement>(null);
  const open = (): void => {
    setState({ kind: 'loading' });
    certificatePage(session, code).then(
      (html) => setState({ kind: 'shown', html }),
      (error: unknown) => setState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    );
  };
  return (
    <div class="certificate-print">
      {state.kind === 'shown' ? (
        <>
          <button type="button" class="primary" data-testid="certificate-print" onClick={() => frame.current?.contentWindow?.print()}>
            {t.printCertificate}
          </button>
          <iframe
            ref={frame}
            class="certificate-frame"
            title={`${t.certificateTitle} ${code}`}
            srcdoc={state.html}
            data-testid="certificate-frame"
          />
        </>
      ) : (
        <button type="button" class="primary" data-testid="certificate-open" disabled={state.kind === 'loading'} onClick={open}>
          {t.openCertificate}
        </button>
      )}
      {state.kind === 'loading' ? <p role="status">{t.certificateLoading}</p> : null}
      {state.kind === 'failed' ? (
        <p role="alert" class="problem" data-testid="certificate-problem">
          {state.reason}
        </p>
      ) : null}
    </div>
  );
}

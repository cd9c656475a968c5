/**
 * CsvDownload: a report as the API's CSV (Accept: text/csv), saved under the name the server gives.
 * A plain link cannot carry the Bearer key, so the CSV is fetched and handed to the browser as a Blob.
 */
import { useState } from 'preact/hooks';
import type { Session } from '../../session.js';
import { downloadName } from './reportData.js';
import { reportWords } from './words.js';

// The Blob's address outlives the click long enough for the browser to start saving it.
const REVOKE_AFTER_MS = 30_000;

async function fetchCsv(session: Session, path: string): Promise<{ blob: Blob; name: string }> {
  const response = await fetch(path, { headers: { accept: 'text/csv', authorization: `Bearer ${session.key}` } });
  if (!response.ok) {
    const text = await response.text();
    let reason = `HTTP ${response.status}`;
    try {
      const problem = JSON.parse(text) as { detail?: string; title?: string };
      reason = problem.detail ?? problem.title ?? reason;
    } catch {}
    throw new Error(reason);
  }
  return { blob: await response.blob(), name: downloadName(response.headers.get('content-disposition'), 'report.csv') };
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

export function CsvDownload({ session, path, label, testId }: { session: Session; path: string; label: string; testId: string }) {
  const t = reportWords();
  const [state, setState] = useState<{ kind: 'idle' | 'busy' } | { kind: 'failed'; reason: string }>({ kind: 'idle' });
  const download = (): void => {
    setState({ kind: 'busy' });
    fetchCsv(session, path).then(
      ({ blob, name }) => {
        save(blob, name);
        setState({ kind: 'idle' });
      },
      (error: unknown) => setState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    );
  };
  return (
    <div class="csv">
      <button type="button" class="secondary" aria-label={label} data-testid={testId} disabled={state.kind === 'busy'} onClick={download}>
        {state.kind === 'busy' ? t.downloading : t.downloadCsv}
      </button>
      {state.kind === 'failed' ? (
        <p role="alert" class="problem">
          {t.downloadFailed}: {state.reason}
        </p>
      ) : null}
    </div>
  );
}

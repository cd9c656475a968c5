/** Loaded: renders a read's value, or says it is loading, or why it failed (with a retry). */
import type { ComponentChildren } from 'preact';
import type { Load } from './useLoad.js';
import { uiWords } from './words.js';

export function Loaded<T>({ load, children }: { load: Load<T> & { reload: () => void }; children: (value: T) => ComponentChildren }) {
  const t = uiWords();
  if (load.kind === 'loading') return <p role="status">{t.loading}</p>;
  if (load.kind === 'failed')
    return (
      <div role="alert" class="problem">
        <p>
          {t.loadFailed}: {load.message}
        </p>
        <button type="button" class="secondary" onClick={load.reload}>
          {t.retry}
        </button>
      </div>
    );
  return <>{children(load.value)}</>;
}

/**
 * Reports: the coverage and activity reports of the regulator's region as charts and tables. The
 * screen's body (ReportsBody.tsx, its CSS and words) is fetched when the screen opens, and chart.js
 * once a chart is drawn, so that neither weighs on the first screen.
 */
import { useEffect, useState } from 'preact/hooks';
import { screenTitles } from '../../screenWords.js';
import type { Session } from '../../session.js';
import { Screen } from '../../ui/Screen.js';
import { uiWords } from '../../ui/words.js';

type Body = typeof import('./ReportsBody.js');

export function Reports({ session }: { session: Session }) {
  const t = uiWords();
  const [body, setBody] = useState<Body | 'loading' | 'failed'>('loading');
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    import('./ReportsBody.js').then(
      (loaded) => current && setBody(loaded),
      () => current && setBody('failed'),
    );
    return () => {
      current = false;
    };
  }, [round]);
  return (
    <Screen title={screenTitles().reports.title} testId="reports-title">
      {body === 'loading' ? (
        <p role="status">{t.loading}</p>
      ) : body === 'failed' ? (
        <div role="alert" class="problem">
          <p>{t.loadFailed}</p>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setBody('loading');
              setRound((n) => n + 1);
            }}
          >
            {t.retry}
          </button>
        </div>
      ) : (
        <body.ReportsBody session={session} />
      )}
    </Screen>
  );
}

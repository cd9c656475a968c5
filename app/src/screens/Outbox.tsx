/** The outbox: each queued write with its state — pending, sent, or refused with the server's reason. */
import { words } from '../i18n.js';
import { outbox, sync, writes } from '../outbox.js';
import type { QueuedWrite } from '../queue.js';
import { screenTitles } from '../screenWords.js';
import type { Session } from '../session.js';
import { Screen } from '../ui/Screen.js';
import { useSignal } from '../signal.js';

export function Outbox(_props: { session: Session }) {
  const t = words();
  const list = useSignal(writes);
  return (
    <section class="card" aria-labelledby="outbox">
      <h2 id="outbox">
        {t.outbox}（{list.filter((write) => write.state === 'pending').length} {t.states.pending}）
      </h2>
      <p class="hint">{t.outboxHelp}</p>
      {list.length === 0 ? (
        <p class="hint">{t.none}</p>
      ) : (
        <ul class="lots" aria-labelledby="outbox" data-testid="outbox">
          {[...list].reverse().map((write) => (
            <Entry key={write.id} write={write} />
          ))}
        </ul>
      )}
      <button type="button" class="secondary" onClick={() => void sync()}>
        {t.syncNow}
      </button>
    </section>
  );
}

function Entry({ write }: { write: QueuedWrite }) {
  const t = words();
  const { problem } = write;
  const reason = problem
    ? problem.status === 0
      ? t.noConnection
      : [problem.detail ?? problem.title, problem.code].filter(Boolean).join(' · ')
    : '';
  const newCode = (write.answer as { code?: unknown } | undefined)?.code;
  return (
    <li data-state={write.state} data-testid="outbox-entry">
      <span class="product">{write.label}</span>
      <span class={`state state-${write.state}`}>{t.states[write.state]}</span>
      {write.state === 'refused' ? (
        <span class="reason" data-testid="refusal">
          {reason}
        </span>
      ) : null}
      {write.state === 'pending' && problem ? (
        <span class="qty">
          {t.lastAttempt}: {reason}
        </span>
      ) : null}
      {write.state === 'sent' && typeof newCode === 'string' && newCode !== '' ? (
        <span class="code">
          {t.newCode} {newCode}
        </span>
      ) : null}
      {write.state === 'pending' ? null : (
        <button type="button" class="secondary" aria-label={`${t.dismiss} ${write.label}`} onClick={() => outbox.dismiss(write.id)}>
          {t.dismiss}
        </button>
      )}
    </li>
  );
}

/** OutboxScreen: the outbox at its own address (/app/outbox), with the screen's title. */
export function OutboxScreen({ session }: { session: Session }) {
  return (
    <Screen title={screenTitles().outbox.title}>
      <Outbox session={session} />
    </Screen>
  );
}

/**
 * Registration review (在线审核): the operators of the reviewer's region awaiting review, each
 * approved or rejected with a reason. The decision is a queued write (sent now when online); the
 * queue is read again once the server has answered, and the answer stays shown on its card.
 */
import { useState } from 'preact/hooks';
import { get } from '../../api.js';
import { queueWrite } from '../../outbox.js';
import { screenTitles } from '../../screenWords.js';
import type { Session } from '../../session.js';
import { Loaded } from '../../ui/Loaded.js';
import { Screen } from '../../ui/Screen.js';
import { useLoad } from '../../ui/useLoad.js';
import { useQueuedWrite, WriteStatus } from '../../ui/WriteStatus.js';
import { type Review as ReviewDecision, reviewBody } from './forms.js';
import { labels } from './labels.js';
import { chinaTime, identityPage, type OperatorPage, type OperatorView } from './lists.js';
import { Missing, useAnswered } from './parts.js';
import { regulatorWords } from './words.js';

export function Review({ session }: { session: Session }) {
  const t = regulatorWords();
  const answered = useAnswered('/v1/operators/');
  const load = useLoad(() => get<OperatorPage>(session, '/v1/operators?status=pending&limit=200'), [session.key, answered]);
  // A card stays while its decision is on its way, so the answer can be shown on it.
  const [decided, setDecided] = useState<readonly OperatorView[]>([]);
  return (
    <Screen title={screenTitles().review.title}>
      <Loaded load={load}>
        {(page) => {
          const waiting = [...decided.filter((shown) => !page.operators.some((pending) => pending.id === shown.id)), ...page.operators];
          return (
            <section aria-labelledby="review-queue-title" data-testid="review-queue">
              <div class="section-head">
                <h2 id="review-queue-title">
                  {t.queue}（{page.operators.length}）
                </h2>
                <button type="button" class="secondary" onClick={load.reload}>
                  {t.refresh}
                </button>
              </div>
              {waiting.length === 0 ? <p class="hint">{t.queueEmpty}</p> : null}
              {waiting.map((operator) => (
                <ReviewCard
                  key={operator.id}
                  operator={operator}
                  onDecided={() => setDecided((list) => (list.some((shown) => shown.id === operator.id) ? list : [...list, operator]))}
                />
              ))}
            </section>
          );
        }}
      </Loaded>
    </Screen>
  );
}

function ReviewCard({ operator, onDecided }: { operator: OperatorView; onDecided: () => void }) {
  const t = regulatorWords();
  const names = labels();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<readonly string[] | null>(null);
  const [writeId, setWriteId] = useState<string | null>(null);
  const write = useQueuedWrite(writeId);
  const headingId = `review-${operator.id}`;
  const decide = (decision: ReviewDecision['decision']): void => {
    const built = reviewBody(decision, reason);
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing(null);
    const label = t.reviewLabel(decision === 'approve' ? t.approve : t.reject, operator.name);
    const queued = queueWrite(`/v1/operators/${encodeURIComponent(operator.id)}/review`, built.body, label);
    if (queued) {
      setWriteId(queued.id);
      onDecided();
    }
  };
  const busy = write !== undefined && write.state !== 'refused';
  return (
    <article class="card" aria-labelledby={headingId} data-testid="review-item" data-operator-id={operator.id}>
      <h3 id={headingId}>{operator.name}</h3>
      <dl class="facts">
        <dt>{t.operatorId}</dt>
        <dd class="code">{operator.id}</dd>
        <dt>{t.kind}</dt>
        <dd>{names.operatorKinds[operator.kind]}</dd>
        <dt>{t.roles}</dt>
        <dd>{operator.roles.map((role) => names.operatorRoles[role]).join('、')}</dd>
        <dt>{t.region}</dt>
        <dd>{operator.regionName ?? operator.region}</dd>
        {operator.address ? (
          <>
            <dt>{t.address}</dt>
            <dd>{operator.address}</dd>
          </>
        ) : null}
        <dt>{t.registeredAt}</dt>
        <dd>{chinaTime(operator.registeredAt)}</dd>
      </dl>
      <p>
        <a href={identityPage(operator.id)}>
          {t.publicPage}
          <span class="visually-hidden"> {operator.name}</span>
        </a>
      </p>
      <form class="form" onSubmit={(event) => event.preventDefault()}>
        <label for={`${headingId}-reason`}>{t.reviewReason}</label>
        <textarea id={`${headingId}-reason`} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
        <Missing missing={missing} names={{ reason: t.reviewReason }} />
        <div class="actions">
          <button type="button" class="primary" disabled={busy} onClick={() => decide('approve')}>
            {t.approve}
          </button>
          <button type="button" class="secondary danger" disabled={busy} onClick={() => decide('reject')}>
            {t.reject}
          </button>
        </div>
      </form>
      <WriteStatus write={write}>
        {(answer) => (
          <p>
            {t.reviewed}：
            <span data-testid="review-result">{names.operatorStatuses[(answer as { status: OperatorView['status'] }).status]}</span>
          </p>
        )}
      </WriteStatus>
    </article>
  );
}

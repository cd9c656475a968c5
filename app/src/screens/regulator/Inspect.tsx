/**
 * Supervision (监督检查): scan an operator's identity card to record an inspection, follow up the
 * rectifications of the region still due (closing one with a note), and the region's inspections.
 * The lists are read again each time the server answers one of this screen's writes.
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
import { reasonBody } from './forms.js';
import { InspectionForm } from './InspectionForm.js';
import { labels } from './labels.js';
import { chinaTime, type InspectionView, identityPage, rectificationsDue } from './lists.js';
import { Missing, useAnswered } from './parts.js';
import { regulatorWords } from './words.js';

export function Inspect({ session }: { session: Session }) {
  const answered = useAnswered('/v1/inspections');
  const load = useLoad(() => get<{ inspections: InspectionView[] }>(session, '/v1/inspections?limit=200'), [session.key, answered]);
  return (
    <Screen title={screenTitles().inspect.title}>
      <InspectionForm session={session} />
      <Loaded load={load}>
        {({ inspections }) => (
          <>
            <RectificationsDue inspections={rectificationsDue(inspections)} />
            <Inspections inspections={inspections} />
          </>
        )}
      </Loaded>
    </Screen>
  );
}

function RectificationsDue({ inspections }: { inspections: readonly InspectionView[] }) {
  const t = regulatorWords();
  return (
    <section class="card" aria-labelledby="rectifications-due" data-testid="rectifications-due">
      <h2 id="rectifications-due">
        {t.due}（{inspections.length}）
      </h2>
      {inspections.length === 0 ? <p class="hint">{t.dueEmpty}</p> : null}
      {inspections.map((inspection) => (
        <RectificationFollowUp key={inspection.inspectionId} inspection={inspection} />
      ))}
    </section>
  );
}

/** RectificationFollowUp: one rectification due, and closing it with what was rectified. */
function RectificationFollowUp({ inspection }: { inspection: InspectionView }) {
  const t = regulatorWords();
  const names = labels();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<readonly string[] | null>(null);
  const [writeId, setWriteId] = useState<string | null>(null);
  const write = useQueuedWrite(writeId);
  const id = `rectify-${inspection.inspectionId}`;
  const submit = (event: Event): void => {
    event.preventDefault();
    const built = reasonBody('note', note);
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing(null);
    const path = `/v1/inspections/${encodeURIComponent(inspection.inspectionId)}/rectification`;
    const queued = queueWrite(path, built.body, t.rectificationLabel(inspection.inspectionId));
    if (queued) setWriteId(queued.id);
  };
  return (
    <article class="follow-up" aria-labelledby={`${id}-title`} data-testid="rectification" data-inspection-id={inspection.inspectionId}>
      <h3 id={`${id}-title`}>
        <a href={identityPage(inspection.operatorId)}>{inspection.operatorId}</a> · {names.inspectionKinds[inspection.kind]}
      </h3>
      <dl class="facts">
        <dt>{t.inspectionId}</dt>
        <dd class="code">{inspection.inspectionId}</dd>
        <dt>{t.findings}</dt>
        <dd>{inspection.findings}</dd>
        <dt>{t.deadline}</dt>
        <dd>
          {inspection.rectifyBy ? chinaTime(inspection.rectifyBy) : '—'}
          {inspection.overdue ? <span class="badge badge-overdue"> {t.overdue}</span> : null}
        </dd>
      </dl>
      <form class="form" onSubmit={submit} noValidate>
        <label for={`${id}-note`}>{t.rectificationNote}</label>
        <textarea id={`${id}-note`} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
        <Missing missing={missing} names={{ note: t.rectificationNote }} />
        <button type="submit" class="primary" disabled={write !== undefined && write.state !== 'refused'}>
          {t.closeRectification}
        </button>
      </form>
      <WriteStatus write={write} />
    </article>
  );
}

function Inspections({ inspections }: { inspections: readonly InspectionView[] }) {
  const t = regulatorWords();
  const names = labels();
  return (
    <section class="card" aria-labelledby="recent-inspections">
      <h2 id="recent-inspections">{t.recentInspections}</h2>
      {inspections.length === 0 ? (
        <p class="hint">{t.none}</p>
      ) : (
        <div class="table-scroll">
          <table data-testid="inspections-table">
            <caption class="visually-hidden">{t.recentInspections}</caption>
            <thead>
              <tr>
                <th scope="col">{t.time}</th>
                <th scope="col">{t.operator}</th>
                <th scope="col">{t.inspectionKind}</th>
                <th scope="col">{t.inspectionResult}</th>
                <th scope="col">{t.deadline}</th>
              </tr>
            </thead>
            <tbody>
              {inspections.map((inspection) => (
                <tr key={inspection.inspectionId} data-testid="inspection-row" data-inspection-id={inspection.inspectionId}>
                  <th scope="row">{chinaTime(inspection.at)}</th>
                  <td class="code">{inspection.operatorId}</td>
                  <td>{names.inspectionKinds[inspection.kind]}</td>
                  <td>{names.inspectionResults[inspection.result]}</td>
                  <td>
                    {inspection.rectified
                      ? `${t.rectified} ${chinaTime(inspection.rectified.at)}`
                      : inspection.rectifyBy
                        ? `${chinaTime(inspection.rectifyBy)}${inspection.overdue ? ` · ${t.overdue}` : ''}`
                        : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

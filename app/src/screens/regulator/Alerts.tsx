/**
 * Alerts and risks (预警与风险) of the regulator's region: each alert with the lots it froze and the
 * holders concerned, released with a reason by those who may (the server decides; the form is
 * offered only to a releasing role covering the alert's region), and the open risk findings.
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
import { mayRelease } from './access.js';
import { reasonBody } from './forms.js';
import { labels } from './labels.js';
import { type AlertView, chinaTime, identityPage, type RiskFinding } from './lists.js';
import { Codes, Missing, useAnswered } from './parts.js';
import { regulatorWords } from './words.js';

type StatusFilter = '' | AlertView['status'];

export function Alerts({ session }: { session: Session }) {
  return (
    <Screen title={screenTitles().alerts.title}>
      <AlertList session={session} />
      <Risks session={session} />
    </Screen>
  );
}

function AlertList({ session }: { session: Session }) {
  const t = regulatorWords();
  const names = labels();
  const [status, setStatus] = useState<StatusFilter>('');
  const answered = useAnswered('/v1/alerts/');
  const load = useLoad(
    () => get<{ alerts: AlertView[] }>(session, `/v1/alerts?limit=200${status === '' ? '' : `&status=${status}`}`),
    [session.key, status, answered],
  );
  return (
    <section aria-labelledby="alerts-title" data-testid="alerts">
      <div class="section-head">
        <h2 id="alerts-title">{t.alerts}</h2>
        <div class="inline-field">
          <label for="alerts-status">{t.status}</label>
          <select id="alerts-status" value={status} onChange={(event) => setStatus(event.currentTarget.value as StatusFilter)}>
            <option value="">{t.all}</option>
            <option value="open">{names.alertStatuses.open}</option>
            <option value="released">{names.alertStatuses.released}</option>
          </select>
        </div>
      </div>
      <Loaded load={load}>
        {({ alerts }) =>
          alerts.length === 0 ? (
            <p class="hint">{t.alertsEmpty}</p>
          ) : (
            alerts.map((alert) => <AlertCard key={alert.alertId} alert={alert} releasable={mayRelease(session.principal, alert)} />)
          )
        }
      </Loaded>
    </section>
  );
}

function AlertCard({ alert, releasable }: { alert: AlertView; releasable: boolean }) {
  const t = regulatorWords();
  const names = labels();
  const id = `alert-${alert.alertId}`;
  return (
    <article class="card" aria-labelledby={`${id}-title`} data-testid="alert" data-alert-id={alert.alertId} data-status={alert.status}>
      <h3 id={`${id}-title`}>
        <span class={`badge badge-alert-${alert.status}`}>{names.alertStatuses[alert.status]}</span> {alert.reason}
      </h3>
      <dl class="facts">
        <dt>{t.sampledLot}</dt>
        <dd class="code">{alert.lotCode}</dd>
        <dt>{t.sample}</dt>
        <dd class="code">{alert.sampleId}</dd>
        <dt>{t.raisedAt}</dt>
        <dd>{chinaTime(alert.raisedAt)}</dd>
        <dt>{t.frozenLots}</dt>
        <dd>
          <Codes codes={alert.frozen} label={t.frozenLots} testId="alert-frozen-lots" itemTestId="alert-frozen-lot" />
        </dd>
        <dt>{t.holders}</dt>
        <dd>
          {alert.holders.length === 0 ? (
            t.none
          ) : (
            <ul class="codes">
              {alert.holders.map((holder) => (
                <li key={holder.operatorId}>
                  <a href={identityPage(holder.operatorId)}>{holder.operatorId}</a> · {holder.region}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {alert.released ? (
          <>
            <dt>{t.releasedAt}</dt>
            <dd>
              {chinaTime(alert.released.at)} · {alert.released.reason}
            </dd>
          </>
        ) : null}
      </dl>
      {releasable ? <ReleaseForm alert={alert} /> : null}
    </article>
  );
}

function ReleaseForm({ alert }: { alert: AlertView }) {
  const t = regulatorWords();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<readonly string[] | null>(null);
  const [writeId, setWriteId] = useState<string | null>(null);
  const write = useQueuedWrite(writeId);
  const id = `release-${alert.alertId}`;
  const submit = (event: Event): void => {
    event.preventDefault();
    const built = reasonBody('reason', reason);
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing(null);
    const queued = queueWrite(`/v1/alerts/${encodeURIComponent(alert.alertId)}/release`, built.body, t.releaseLabel(alert.alertId));
    if (queued) setWriteId(queued.id);
  };
  return (
    <>
      <form class="form" onSubmit={submit} noValidate>
        <label for={`${id}-reason`}>{t.releaseReason}</label>
        <textarea id={`${id}-reason`} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
        <Missing missing={missing} names={{ reason: t.releaseReason }} />
        <button type="submit" class="primary" disabled={write !== undefined && write.state !== 'refused'}>
          {t.release}
        </button>
      </form>
      <WriteStatus write={write}>{(answer) => <p>{t.releasedLots((answer as { released: string[] }).released.length)}</p>}</WriteStatus>
    </>
  );
}

function Risks({ session }: { session: Session }) {
  const t = regulatorWords();
  const names = labels();
  const load = useLoad(() => get<{ findings: RiskFinding[] }>(session, '/v1/risks?limit=200'), [session.key]);
  return (
    <section class="card" aria-labelledby="risks-title">
      <h2 id="risks-title">{t.risks}</h2>
      <Loaded load={load}>
        {({ findings }) =>
          findings.length === 0 ? (
            <p class="hint">{t.risksEmpty}</p>
          ) : (
            <div class="table-scroll">
              <table data-testid="risks-table">
                <caption class="visually-hidden">{t.risks}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.rule}</th>
                    <th scope="col">{t.summary}</th>
                    <th scope="col">{t.operator}</th>
                    <th scope="col">{t.code}</th>
                    <th scope="col">{t.time}</th>
                  </tr>
                </thead>
                <tbody>
                  {findings.map((finding) => (
                    <tr key={finding.findingId} data-testid="risk-row" data-rule={finding.rule}>
                      <th scope="row">{names.riskRules[finding.rule]}</th>
                      <td>{finding.summary}</td>
                      <td>
                        <a href={identityPage(finding.operatorId)}>{finding.operatorId}</a>
                      </td>
                      <td class="code">{finding.lotCode ?? '—'}</td>
                      <td>{chinaTime(finding.at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}

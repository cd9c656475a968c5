/**
 * Enforcement (执法办案): the region's cases (filtered by status), a new case against a scanned
 * operator, and one case's file (?case=ID): its records and penalties, with forms to add a record,
 * decide a penalty and close it while it is open. Lists are read again once a write is answered.
 */
import { useState } from 'preact/hooks';
import { get } from '../../api.js';
import { queueWrite } from '../../outbox.js';
import { Link, param } from '../../router.js';
import { ScanField } from '../../scan/ScanField.js';
import { screenTitles } from '../../screenWords.js';
import type { Session } from '../../session.js';
import { Loaded } from '../../ui/Loaded.js';
import { Screen } from '../../ui/Screen.js';
import { useLoad } from '../../ui/useLoad.js';
import { useQueuedWrite, WriteStatus } from '../../ui/WriteStatus.js';
import { CaseFile } from './CaseFile.js';
import { caseBody } from './forms.js';
import { labels } from './labels.js';
import { type CaseView, chinaTime } from './lists.js';
import { LotsField, Missing, useAnswered } from './parts.js';
import { regulatorWords } from './words.js';

type StatusFilter = '' | CaseView['status'];

/** casePath: a case's own address on this screen. */
const casePath = (caseId: string): string => `/app/cases?case=${encodeURIComponent(caseId)}`;

export function Cases({ session }: { session: Session }) {
  const t = regulatorWords();
  const shownCase = param('case');
  return (
    <Screen title={screenTitles().cases.title}>
      {shownCase ? (
        <>
          <p>
            <Link href="/app/cases">← {t.backToCases}</Link>
          </p>
          <CaseFile key={shownCase} session={session} caseId={shownCase} />
        </>
      ) : (
        <>
          <OpenCaseForm />
          <CaseList session={session} />
        </>
      )}
    </Screen>
  );
}

function OpenCaseForm() {
  const t = regulatorWords();
  const [operator, setOperator] = useState('');
  const [basis, setBasis] = useState('');
  const [lots, setLots] = useState<string[]>([]);
  const [missing, setMissing] = useState<readonly string[] | null>(null);
  const [writeId, setWriteId] = useState<string | null>(null);
  const write = useQueuedWrite(writeId);
  const submit = (event: Event): void => {
    event.preventDefault();
    const built = caseBody(operator, basis, lots);
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing(null);
    const queued = queueWrite('/v1/cases', built.body, t.caseLabel(built.body.operatorId));
    if (queued) setWriteId(queued.id);
  };
  return (
    <details class="card" data-testid="open-case">
      <summary class="summary-title">{t.openCase}</summary>
      <form class="form" onSubmit={submit} noValidate>
        <ScanField id="case-operator" label={t.caseOperator} want="operator" value={operator} onValue={setOperator} />
        <label for="case-basis">{t.basis}</label>
        <textarea id="case-basis" value={basis} onInput={(event) => setBasis(event.currentTarget.value)} />
        <LotsField id="case-lot" label={t.caseLots} lots={lots} onLots={setLots} />
        <Missing missing={missing} names={{ operatorId: t.caseOperator, basis: t.basis }} />
        <button type="submit" class="primary" disabled={write?.state === 'pending'}>
          {t.submitCase}
        </button>
      </form>
      <WriteStatus write={write}>
        {(answer) => {
          const { caseId } = answer as { caseId: string };
          return (
            <p>
              {t.caseId}：<span data-testid="case-id">{caseId}</span> · <Link href={casePath(caseId)}>{t.handle}</Link>
            </p>
          );
        }}
      </WriteStatus>
    </details>
  );
}

function CaseList({ session }: { session: Session }) {
  const t = regulatorWords();
  const names = labels();
  const [status, setStatus] = useState<StatusFilter>('');
  const answered = useAnswered('/v1/cases');
  const load = useLoad(
    () => get<{ cases: CaseView[] }>(session, `/v1/cases?limit=200${status === '' ? '' : `&status=${status}`}`),
    [session.key, status, answered],
  );
  return (
    <section class="card" aria-labelledby="cases-title">
      <div class="section-head">
        <h2 id="cases-title">{t.cases}</h2>
        <div class="inline-field">
          <label for="cases-status">{t.status}</label>
          <select id="cases-status" value={status} onChange={(event) => setStatus(event.currentTarget.value as StatusFilter)}>
            <option value="">{t.all}</option>
            <option value="open">{names.caseStatuses.open}</option>
            <option value="closed">{names.caseStatuses.closed}</option>
          </select>
        </div>
      </div>
      <Loaded load={load}>
        {({ cases }) =>
          cases.length === 0 ? (
            <p class="hint">{t.casesEmpty}</p>
          ) : (
            <div class="table-scroll">
              <table data-testid="cases-table">
                <caption class="visually-hidden">{t.cases}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.caseId}</th>
                    <th scope="col">{t.operator}</th>
                    <th scope="col">{t.openedAt}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col" class="num">
                      {t.counts}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {cases.map((found) => (
                    <tr key={found.caseId} data-testid="case-row" data-case-id={found.caseId} data-status={found.status}>
                      <th scope="row">
                        <Link href={casePath(found.caseId)} class="code">
                          {found.caseId}
                        </Link>
                      </th>
                      <td class="code">{found.operatorId}</td>
                      <td>{chinaTime(found.openedAt)}</td>
                      <td>{names.caseStatuses[found.status]}</td>
                      <td class="num">
                        {found.records.length} / {found.penalties.length}
                      </td>
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

/**
 * One case's file: its grounds, lots, records and penalties as the server tells them, and while it
 * is open the forms that add a record, decide a penalty (a fine with its amount) and close it.
 * The file is read again once the server has answered one of its writes.
 */
import { useState } from 'preact/hooks';
import { get } from '../../api.js';
import type { CaseRecordKind, OperatorStatus, PenaltyType } from '../../../../src/domain/index.js';
import { queueWrite } from '../../outbox.js';
import type { Session } from '../../session.js';
import { Loaded } from '../../ui/Loaded.js';
import { useLoad } from '../../ui/useLoad.js';
import { useQueuedWrite, WriteStatus } from '../../ui/WriteStatus.js';
import { caseRecordBody, closeBody, penaltyBody } from './forms.js';
import { keysOf, labels } from './labels.js';
import { type CaseView, chinaTime, identityPage } from './lists.js';
import { Codes, LotsField, Missing, useAnswered } from './parts.js';
import { regulatorWords } from './words.js';

export function CaseFile({ session, caseId }: { session: Session; caseId: string }) {
  const path = `/v1/cases/${encodeURIComponent(caseId)}`;
  const answered = useAnswered(`${path}/`);
  const load = useLoad(() => get<CaseView>(session, path), [session.key, caseId, answered]);
  return <Loaded load={load}>{(found) => <CaseShown found={found} path={path} />}</Loaded>;
}

function CaseShown({ found, path }: { found: CaseView; path: string }) {
  const t = regulatorWords();
  const names = labels();
  return (
    <>
      <section class="card" aria-labelledby="case-title" data-testid="case-file" data-case-id={found.caseId} data-status={found.status}>
        <h2 id="case-title">
          {t.caseDetail} <span class="code">{found.caseId}</span>
        </h2>
        <dl class="facts">
          <dt>{t.operator}</dt>
          <dd>
            <a href={identityPage(found.operatorId)}>{found.operatorId}</a>
          </dd>
          <dt>{t.status}</dt>
          <dd data-testid="case-status">{names.caseStatuses[found.status]}</dd>
          <dt>{t.basis}</dt>
          <dd>{found.basis}</dd>
          <dt>{t.openedAt}</dt>
          <dd>{chinaTime(found.openedAt)}</dd>
          <dt>{t.lots}</dt>
          <dd>
            <Codes codes={found.lots} label={t.caseLots} />
          </dd>
          {found.closedAt ? (
            <>
              <dt>{t.closedAt}</dt>
              <dd>
                {chinaTime(found.closedAt)}
                {found.closingNote ? ` · ${found.closingNote}` : ''}
              </dd>
            </>
          ) : null}
        </dl>
        <h3>{t.records}</h3>
        {found.records.length === 0 ? (
          <p class="hint">{t.none}</p>
        ) : (
          <ol class="entries" data-testid="case-records">
            {found.records.map((record) => (
              <li key={`${record.at}-${record.note}`}>
                <strong>{names.caseRecordKinds[record.kind]}</strong> · {chinaTime(record.at)}
                <p>{record.note}</p>
                {record.lots.length > 0 ? <Codes codes={record.lots} label={t.recordLots} /> : null}
              </li>
            ))}
          </ol>
        )}
        <h3>{t.penalties}</h3>
        {found.penalties.length === 0 ? (
          <p class="hint">{t.none}</p>
        ) : (
          <ol class="entries" data-testid="case-penalties">
            {found.penalties.map((penalty) => (
              <li key={`${penalty.at}-${penalty.penalty}`}>
                <strong>{names.penaltyTypes[penalty.penalty]}</strong>
                {penalty.amount === undefined ? '' : ` ¥${penalty.amount}`} · {chinaTime(penalty.at)}
                <p>{penalty.legalBasis}</p>
                {penalty.note ? <p>{penalty.note}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      {found.status === 'open' ? (
        <>
          <RecordForm caseId={found.caseId} path={path} />
          <PenaltyForm caseId={found.caseId} path={path} />
          <CloseForm caseId={found.caseId} path={path} />
        </>
      ) : null}
    </>
  );
}

function RecordForm({ caseId, path }: { caseId: string; path: string }) {
  const t = regulatorWords();
  const names = labels();
  const [kind, setKind] = useState<CaseRecordKind>('inspection');
  const [note, setNote] = useState('');
  const [lots, setLots] = useState<string[]>([]);
  const [missing, setMissing] = useState<readonly string[] | null>(null);
  const [writeId, setWriteId] = useState<string | null>(null);
  const write = useQueuedWrite(writeId);
  const submit = (event: Event): void => {
    event.preventDefault();
    const built = caseRecordBody(kind, note, lots);
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing(null);
    const queued = queueWrite(`${path}/records`, built.body, t.recordLabel(caseId));
    if (queued) {
      setWriteId(queued.id);
      setNote('');
      setLots([]);
    }
  };
  return (
    <section class="card" aria-labelledby="add-record">
      <h2 id="add-record">{t.addRecord}</h2>
      <form class="form" onSubmit={submit} noValidate>
        <label for="record-kind">{t.recordKind}</label>
        <select id="record-kind" value={kind} onChange={(event) => setKind(event.currentTarget.value as CaseRecordKind)}>
          {keysOf(names.caseRecordKinds).map((key) => (
            <option key={key} value={key}>
              {names.caseRecordKinds[key]}
            </option>
          ))}
        </select>
        <label for="record-note">{t.note}</label>
        <textarea id="record-note" value={note} onInput={(event) => setNote(event.currentTarget.value)} />
        <LotsField id="record-lot" label={t.recordLots} lots={lots} onLots={setLots} />
        <Missing missing={missing} names={{ note: t.note }} />
        <button type="submit" class="primary">
          {t.submitRecord}
        </button>
      </form>
      <WriteStatus write={write} />
    </section>
  );
}

function PenaltyForm({ caseId, path }: { caseId: string; path: string }) {
  const t = regulatorWords();
  const names = labels();
  const [type, setType] = useState<PenaltyType>('warning');
  const [amount, setAmount] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<readonly string[] | null>(null);
  const [writeId, setWriteId] = useState<string | null>(null);
  const write = useQueuedWrite(writeId);
  const submit = (event: Event): void => {
    event.preventDefault();
    const built = penaltyBody({ type, amount, legalBasis, note });
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing(null);
    const queued = queueWrite(`${path}/penalties`, built.body, t.penaltyLabel(caseId, names.penaltyTypes[type]));
    if (queued) setWriteId(queued.id);
  };
  return (
    <section class="card" aria-labelledby="decide-penalty">
      <h2 id="decide-penalty">{t.decidePenalty}</h2>
      <form class="form" onSubmit={submit} noValidate>
        <label for="penalty-type">{t.penaltyType}</label>
        <select id="penalty-type" value={type} onChange={(event) => setType(event.currentTarget.value as PenaltyType)}>
          {keysOf(names.penaltyTypes).map((key) => (
            <option key={key} value={key}>
              {names.penaltyTypes[key]}
            </option>
          ))}
        </select>
        {type === 'fine' ? (
          <>
            <label for="penalty-amount">{t.amount}</label>
            <input
              id="penalty-amount"
              type="number"
              min="0.01"
              step="0.01"
              inputMode="decimal"
              value={amount}
              onInput={(event) => setAmount(event.currentTarget.value)}
            />
          </>
        ) : null}
        <label for="penalty-basis">{t.legalBasis}</label>
        <textarea id="penalty-basis" value={legalBasis} onInput={(event) => setLegalBasis(event.currentTarget.value)} />
        <label for="penalty-note">{t.penaltyNote}</label>
        <textarea id="penalty-note" value={note} onInput={(event) => setNote(event.currentTarget.value)} />
        <Missing missing={missing} names={{ amount: t.amount, legalBasis: t.legalBasis }} />
        <button type="submit" class="primary">
          {t.submitPenalty}
        </button>
      </form>
      <WriteStatus write={write}>
        {(answer) => {
          const changed = (answer as { operatorStatus?: OperatorStatus }).operatorStatus;
          return changed ? (
            <p>
              {t.operatorStatusNow} {names.operatorStatuses[changed]}
            </p>
          ) : null;
        }}
      </WriteStatus>
    </section>
  );
}

function CloseForm({ caseId, path }: { caseId: string; path: string }) {
  const t = regulatorWords();
  const [note, setNote] = useState('');
  const [writeId, setWriteId] = useState<string | null>(null);
  const write = useQueuedWrite(writeId);
  const submit = (event: Event): void => {
    event.preventDefault();
    const queued = queueWrite(`${path}/close`, closeBody(note), t.closeLabel(caseId));
    if (queued) setWriteId(queued.id);
  };
  return (
    <section class="card" aria-labelledby="close-case">
      <h2 id="close-case">{t.closeCase}</h2>
      <form class="form" onSubmit={submit} noValidate>
        <label for="close-note">{t.closingNote}</label>
        <textarea id="close-note" value={note} onInput={(event) => setNote(event.currentTarget.value)} />
        <button type="submit" class="primary" disabled={write?.state === 'pending'}>
          {t.submitClose}
        </button>
      </form>
      <WriteStatus write={write} />
    </section>
  );
}

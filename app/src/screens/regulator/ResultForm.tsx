/**
 * The lab result of a sample (检测结果): the sample picked (those taken on this device are
 * offered) and read with its task, one row per test item of the task, the overall verdict
 * following the items. A failed result's answer names the lots its recall froze; a sample tested
 * already shows its verdict and, when it failed, the lots its alert froze.
 */
import { useState } from 'preact/hooks';
import { get } from '../../api.js';
import type { Verdict } from '../../../../src/domain/index.js';
import { queueWrite, writes } from '../../outbox.js';
import type { Session } from '../../session.js';
import { useSignal } from '../../signal.js';
import { Link } from '../../router.js';
import { useLoad } from '../../ui/useLoad.js';
import { useQueuedWrite, WriteStatus } from '../../ui/WriteStatus.js';
import { type ItemRow, overallVerdict, resultBody, suggestedVerdict } from './forms.js';
import { keysOf, labels } from './labels.js';
import { type AlertView, chinaTime, type SampleView, type TaskView } from './lists.js';
import { Codes, Missing } from './parts.js';
import { regulatorWords } from './words.js';

const RECORD_ID = /^[0-9A-Za-z][0-9A-Za-z._-]{0,47}$/;

/** The unit a residue is measured in, unless the lab says otherwise. */
const DEFAULT_UNIT = 'mg/kg';

interface ResultAnswer {
  readonly verdict: Verdict;
  readonly alertId?: string;
  readonly frozen: readonly string[];
}

export function ResultForm({ session, sampleId, onSampleId }: { session: Session; sampleId: string; onSampleId: (id: string) => void }) {
  const t = regulatorWords();
  const list = useSignal(writes);
  const taken = list
    .filter((write) => write.path === '/v1/samples' && write.state === 'sent')
    .map((write) => (write.answer as { sampleId: string }).sampleId);
  const id = sampleId.trim();
  return (
    <section class="card" aria-labelledby="result-title" data-testid="result">
      <h2 id="result-title">{t.result}</h2>
      <div class="form">
        <label for="result-sample">{t.resultSample}</label>
        <input
          id="result-sample"
          list="result-samples"
          autocomplete="off"
          value={sampleId}
          onInput={(event) => onSampleId(event.currentTarget.value)}
        />
        <datalist id="result-samples">
          {taken.map((taken) => (
            <option key={taken} value={taken} />
          ))}
        </datalist>
      </div>
      {RECORD_ID.test(id) ? <SampleResult key={id} session={session} sampleId={id} /> : null}
    </section>
  );
}

/** SampleResult: the sample and its task read, then its result entered (or the one recorded shown). */
function SampleResult({ session, sampleId }: { session: Session; sampleId: string }) {
  const t = regulatorWords();
  const names = labels();
  const load = useLoad(async () => {
    const sample = await get<SampleView>(session, `/v1/samples/${encodeURIComponent(sampleId)}`);
    const task = await get<TaskView>(session, `/v1/sampling-tasks/${encodeURIComponent(sample.taskId)}`);
    return { sample, task };
  }, [session.key, sampleId]);
  if (load.kind === 'loading') return null;
  if (load.kind === 'failed') return <p class="hint">{t.sampleUnknown}</p>;
  const { sample, task } = load.value;
  return (
    <>
      <dl class="facts" data-testid="result-sample-facts">
        <dt>{t.code}</dt>
        <dd class="code">{sample.lotCode}</dd>
        <dt>{t.product}</dt>
        <dd>
          {sample.product.name}（{names.categories[sample.product.category as keyof typeof names.categories] ?? sample.product.category}）
        </dd>
        <dt>{t.operator}</dt>
        <dd class="code">{sample.operatorId}</dd>
        <dt>{t.task}</dt>
        <dd>{task.title ?? task.taskId}</dd>
        <dt>{t.takenAt}</dt>
        <dd>{chinaTime(sample.takenAt)}</dd>
      </dl>
      {sample.verdict === undefined ? (
        <ResultEntry sampleId={sampleId} items={task.items} />
      ) : (
        <>
          <p data-testid="sample-verdict">
            {t.tested}：{names.verdicts[sample.verdict]}
            {sample.testedAt ? `（${chinaTime(sample.testedAt)}）` : ''}
          </p>
          {sample.alertId ? <AlertFrozen session={session} alertId={sample.alertId} /> : null}
        </>
      )}
    </>
  );
}

function ResultEntry({ sampleId, items }: { sampleId: string; items: readonly string[] }) {
  const t = regulatorWords();
  const names = labels();
  const [rows, setRows] = useState<readonly ItemRow[]>(() =>
    items.map((item) => ({ item, value: '', unit: DEFAULT_UNIT, limit: '', method: '', verdict: 'pass' as Verdict })),
  );
  const [lab, setLab] = useState('');
  const [reportNumber, setReportNumber] = useState('');
  const [missing, setMissing] = useState<readonly string[] | null>(null);
  const [writeId, setWriteId] = useState<string | null>(null);
  const write = useQueuedWrite(writeId);
  const change = (index: number, field: keyof ItemRow, text: string): void =>
    setRows((list) =>
      list.map((row, at) => {
        if (at !== index) return row;
        const next = { ...row, [field]: text };
        return field === 'value' || field === 'limit' ? { ...next, verdict: suggestedVerdict(next.value, next.limit, row.verdict) } : next;
      }),
    );
  const verdict = overallVerdict(rows.filter((row) => row.value.trim() !== ''));
  const submit = (event: Event): void => {
    event.preventDefault();
    const built = resultBody(rows, lab, reportNumber);
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing(null);
    const queued = queueWrite(
      `/v1/samples/${encodeURIComponent(sampleId)}/results`,
      built.body,
      t.resultLabel(sampleId, names.verdicts[built.body.verdict]),
    );
    if (queued) setWriteId(queued.id);
  };
  return (
    <>
      <form class="form" onSubmit={submit} noValidate aria-describedby="result-item-help">
        <p id="result-item-help" class="hint">
          {t.itemHelp}
        </p>
        {rows.map((row, index) => {
          const id = `result-item-${index}`;
          return (
            <fieldset key={row.item} class="test-item" data-testid="test-item">
              <legend>{row.item}</legend>
              <div class="row even">
                <div>
                  <label for={`${id}-value`}>{t.value}</label>
                  <input
                    id={`${id}-value`}
                    type="number"
                    step="any"
                    inputMode="decimal"
                    value={row.value}
                    onInput={(event) => change(index, 'value', event.currentTarget.value)}
                  />
                </div>
                <div>
                  <label for={`${id}-unit`}>{t.unit}</label>
                  <input
                    id={`${id}-unit`}
                    autocomplete="off"
                    value={row.unit}
                    onInput={(event) => change(index, 'unit', event.currentTarget.value)}
                  />
                </div>
                <div>
                  <label for={`${id}-limit`}>{t.limit}</label>
                  <input
                    id={`${id}-limit`}
                    type="number"
                    step="any"
                    inputMode="decimal"
                    value={row.limit}
                    onInput={(event) => change(index, 'limit', event.currentTarget.value)}
                  />
                </div>
                <div>
                  <label for={`${id}-verdict`}>{t.verdict}</label>
                  <select
                    id={`${id}-verdict`}
                    value={row.verdict}
                    onChange={(event) => change(index, 'verdict', event.currentTarget.value)}
                  >
                    {keysOf(names.verdicts).map((key) => (
                      <option key={key} value={key}>
                        {names.verdicts[key]}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <label for={`${id}-method`}>{t.method}</label>
              <input
                id={`${id}-method`}
                autocomplete="off"
                value={row.method}
                onInput={(event) => change(index, 'method', event.currentTarget.value)}
              />
            </fieldset>
          );
        })}
        <div class="row even">
          <div>
            <label for="result-lab">{t.lab}</label>
            <input id="result-lab" autocomplete="off" value={lab} onInput={(event) => setLab(event.currentTarget.value)} />
          </div>
          <div>
            <label for="result-report">{t.reportNumber}</label>
            <input
              id="result-report"
              autocomplete="off"
              value={reportNumber}
              onInput={(event) => setReportNumber(event.currentTarget.value)}
            />
          </div>
        </div>
        <p class={`overall overall-${verdict}`} data-testid="overall-verdict" data-verdict={verdict}>
          {t.overall}：{names.verdicts[verdict]}
        </p>
        <Missing missing={missing} names={{ items: t.value }} />
        <button type="submit" class="primary" disabled={write !== undefined && write.state !== 'refused'}>
          {t.submitResult}
        </button>
      </form>
      <WriteStatus write={write}>{(answer) => <Recall answer={answer as ResultAnswer} />}</WriteStatus>
    </>
  );
}

/** Recall: what a recorded result did: nothing for a pass, the frozen lots and the alert for a failure. */
function Recall({ answer }: { answer: ResultAnswer }) {
  const t = regulatorWords();
  if (answer.verdict === 'pass') return <p data-testid="result-passed">{t.passed}</p>;
  return (
    <div class="recall" data-testid="recall">
      <p>{t.recall}</p>
      <Codes codes={answer.frozen} label={t.frozenLots} testId="frozen-lots" itemTestId="frozen-lot" />
      {answer.alertId ? (
        <p>
          {t.recallAlert}：<span data-testid="alert-id">{answer.alertId}</span> · <Link href="/app/alerts">{t.toAlerts}</Link>
        </p>
      ) : null}
    </div>
  );
}

/** AlertFrozen: the lots the alert of a failed sample froze, as the server tells them now. */
function AlertFrozen({ session, alertId }: { session: Session; alertId: string }) {
  const load = useLoad(() => get<AlertView>(session, `/v1/alerts/${encodeURIComponent(alertId)}`), [session.key, alertId]);
  if (load.kind !== 'loaded') return null;
  return <Recall answer={{ verdict: 'fail', alertId, frozen: load.value.frozen }} />;
}

/**
 * Production records (生产记录) on a held lot: input use (pesticide, fertiliser or veterinary drug,
 * with its registration number, dose and pre-harvest interval), a field operation, an environment
 * reading or a processing step. The write waits in the outbox while offline.
 */
import { useState } from 'preact/hooks';
import { queueWrite } from '../../outbox.js';
import { param } from '../../router.js';
import { screenTitles } from '../../screenWords.js';
import type { Session } from '../../session.js';
import { Screen } from '../../ui/Screen.js';
import { useQueuedWrite, WriteStatus } from '../../ui/WriteStatus.js';
import { FormProblem } from './FormProblem.js';
import { chinaToday, type RecordForm, type RecordKind, recordBody } from './forms.js';
import { LotField } from './LotField.js';
import { useHoldings } from './useOperatorData.js';
import { keysOf, type OperatorWords, operatorWords } from './words.js';
import './operator.css';

/** What the record's main field and its date are called, by kind. */
const fieldNames = (t: OperatorWords, form: RecordForm): { what: string; date: string } => {
  switch (form.kind) {
    case 'input':
      return { what: t.inputName, date: t.appliedAt };
    case 'operation':
      return { what: t.operation, date: t.performedAt };
    case 'environment':
      return { what: t.parameter, date: t.measuredAt };
    case 'processing':
      return { what: t.step, date: t.performedAt };
  }
};

export function Records({ session }: { session: Session }) {
  const t = operatorWords();
  const { held, load } = useHoldings(session);
  const [form, setForm] = useState<RecordForm>(() => ({
    code: param('code') ?? '',
    kind: 'input',
    input: 'pesticide',
    what: '',
    registrationNumber: '',
    dose: '',
    preHarvestDays: '',
    description: '',
    value: '',
    valueUnit: '',
    date: chinaToday(new Date()),
  }));
  const [missing, setMissing] = useState<readonly string[]>([]);
  const [queuedId, setQueuedId] = useState<string | null>(null);
  const write = useQueuedWrite(queuedId);
  const set = (change: Partial<RecordForm>): void => setForm({ ...form, ...change });
  const invalid = (id: string): true | undefined => (missing.includes(id) ? true : undefined);
  const names = fieldNames(t, form);

  const submit = (event: Event): void => {
    event.preventDefault();
    const built = recordBody(form);
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing([]);
    const { path, body } = built.body;
    const queued = queueWrite(path, body, `${t.recordLabel} ${form.code.trim()} · ${t.names.recordKinds[form.kind]} ${form.what.trim()}`);
    setQueuedId(queued?.id ?? null);
    set({ what: '', registrationNumber: '', dose: '', preHarvestDays: '', description: '', value: '', valueUnit: '' });
  };

  const labels: Record<string, string> = {
    'records-code': t.code,
    'records-what': names.what,
    'records-date': names.date,
    'records-dose': t.dose,
    'records-pre-harvest': t.preHarvest,
    'records-value': t.value,
  };

  return (
    <Screen title={screenTitles().records.title}>
      <form class="card form" onSubmit={submit} noValidate aria-label={screenTitles().records.title}>
        <LotField id="records-code" label={t.code} lots={held} value={form.code} onValue={(code) => set({ code })} />
        {load.kind === 'failed' ? <p class="hint">{t.heldUnavailable}</p> : null}
        <label for="records-kind">{t.recordKind}</label>
        <select id="records-kind" value={form.kind} onChange={(event) => set({ kind: event.currentTarget.value as RecordKind })}>
          {keysOf(t.names.recordKinds).map((kind) => (
            <option key={kind} value={kind}>
              {t.names.recordKinds[kind]}
            </option>
          ))}
        </select>
        {form.kind === 'input' ? (
          <>
            <label for="records-input">{t.inputKind}</label>
            <select
              id="records-input"
              value={form.input}
              onChange={(event) => set({ input: event.currentTarget.value as RecordForm['input'] })}
            >
              {keysOf(t.names.inputs).map((input) => (
                <option key={input} value={input}>
                  {t.names.inputs[input]}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <label for="records-what">{names.what}</label>
        <input
          id="records-what"
          autocomplete="off"
          value={form.what}
          aria-invalid={invalid('records-what')}
          onInput={(event) => set({ what: event.currentTarget.value })}
        />
        {form.kind === 'input' ? (
          <>
            <label for="records-registration">{t.registrationNumber}</label>
            <input
              id="records-registration"
              autocomplete="off"
              value={form.registrationNumber}
              onInput={(event) => set({ registrationNumber: event.currentTarget.value })}
            />
            <label for="records-dose">{t.dose}</label>
            <input
              id="records-dose"
              autocomplete="off"
              value={form.dose}
              aria-invalid={invalid('records-dose')}
              onInput={(event) => set({ dose: event.currentTarget.value })}
            />
            <label for="records-pre-harvest">{t.preHarvest}</label>
            <input
              id="records-pre-harvest"
              inputMode="numeric"
              autocomplete="off"
              value={form.preHarvestDays}
              aria-invalid={invalid('records-pre-harvest')}
              onInput={(event) => set({ preHarvestDays: event.currentTarget.value })}
            />
          </>
        ) : null}
        {form.kind === 'environment' ? (
          <div class="row">
            <div>
              <label for="records-value">{t.value}</label>
              <input
                id="records-value"
                inputMode="decimal"
                autocomplete="off"
                value={form.value}
                aria-invalid={invalid('records-value')}
                onInput={(event) => set({ value: event.currentTarget.value })}
              />
            </div>
            <div>
              <label for="records-value-unit">{t.valueUnit}</label>
              <input
                id="records-value-unit"
                autocomplete="off"
                value={form.valueUnit}
                onInput={(event) => set({ valueUnit: event.currentTarget.value })}
              />
            </div>
          </div>
        ) : null}
        {form.kind === 'operation' || form.kind === 'processing' ? (
          <>
            <label for="records-description">{t.description}</label>
            <textarea
              id="records-description"
              value={form.description}
              onInput={(event) => set({ description: event.currentTarget.value })}
            />
          </>
        ) : null}
        <label for="records-date">{names.date}</label>
        <input
          id="records-date"
          type="date"
          value={form.date}
          aria-invalid={invalid('records-date')}
          onInput={(event) => set({ date: event.currentTarget.value })}
        />
        <button type="submit" class="primary">
          {t.recordSubmit}
        </button>
        <FormProblem missing={missing} labels={labels} />
        <WriteStatus write={write} />
      </form>
    </Screen>
  );
}

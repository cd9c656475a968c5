/**
 * Taking a sample: the task it belongs to, the lot's label scanned (or its code typed), where it
 * was taken (default: the lot's holder) and how much. Once the server has answered, the sample's
 * id is shown and handed to the result form.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Unit } from '../../../../src/domain/values/index.js';
import { queueWrite } from '../../outbox.js';
import { ScanField } from '../../scan/ScanField.js';
import { useQueuedWrite, WriteStatus } from '../../ui/WriteStatus.js';
import { sampleBody } from './forms.js';
import type { TaskView } from './lists.js';
import { Missing } from './parts.js';
import { regulatorWords } from './words.js';

/** The units a sample's amount is given in (the domain's units; a Record so none is forgotten). */
const UNITS: Record<Unit, true> = {
  kg: true,
  g: true,
  t: true,
  jin: true,
  L: true,
  mL: true,
  head: true,
  piece: true,
  box: true,
  bag: true,
  crate: true,
  tray: true,
  bundle: true,
  dozen: true,
};

export function SampleForm({ tasks, onSampled }: { tasks: readonly TaskView[]; onSampled: (sampleId: string) => void }) {
  const t = regulatorWords();
  const [taskId, setTaskId] = useState(tasks.length === 1 ? tasks[0]!.taskId : '');
  const [lotCode, setLotCode] = useState('');
  const [operatorId, setOperatorId] = useState('');
  const [amount, setAmount] = useState('');
  const [unit, setUnit] = useState<Unit>('kg');
  const [missing, setMissing] = useState<readonly string[] | null>(null);
  const [writeId, setWriteId] = useState<string | null>(null);
  const write = useQueuedWrite(writeId);
  const taken = write?.state === 'sent' ? (write.answer as { sampleId: string }).sampleId : undefined;
  useEffect(() => {
    if (taken !== undefined) onSampled(taken);
  }, [taken]);
  const submit = (event: Event): void => {
    event.preventDefault();
    const built = sampleBody({ taskId, lotCode, operatorId, amount, unit });
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing(null);
    const queued = queueWrite('/v1/samples', built.body, t.sampleLabel(built.body.lotCode));
    if (queued) setWriteId(queued.id);
  };
  return (
    <section class="card" aria-labelledby="take-sample">
      <h2 id="take-sample">{t.takeSample}</h2>
      <form class="form" onSubmit={submit} noValidate>
        <label for="sample-task">{t.sampleTask}</label>
        <select id="sample-task" value={taskId} onChange={(event) => setTaskId(event.currentTarget.value)}>
          <option value="">{t.pickTask}</option>
          {tasks.map((task) => (
            <option key={task.taskId} value={task.taskId}>
              {task.title ?? task.taskId} · {task.taskId}
            </option>
          ))}
        </select>
        <ScanField id="sample-lot" label={t.sampleLot} want="lot" value={lotCode} onValue={setLotCode} />
        <label for="sample-operator">{t.sampleAt}</label>
        <input id="sample-operator" autocomplete="off" value={operatorId} onInput={(event) => setOperatorId(event.currentTarget.value)} />
        <div class="row">
          <div>
            <label for="sample-amount">{t.sampleAmount}</label>
            <input
              id="sample-amount"
              type="number"
              min="0"
              step="any"
              inputMode="decimal"
              value={amount}
              onInput={(event) => setAmount(event.currentTarget.value)}
            />
          </div>
          <div>
            <label for="sample-unit">{t.unit}</label>
            <select id="sample-unit" value={unit} onChange={(event) => setUnit(event.currentTarget.value as Unit)}>
              {(Object.keys(UNITS) as Unit[]).map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Missing missing={missing} names={{ taskId: t.sampleTask, lotCode: t.sampleLot, operatorId: t.sampleAt, amount: t.sampleAmount }} />
        <button type="submit" class="primary" disabled={write?.state === 'pending'}>
          {t.submitSample}
        </button>
      </form>
      <WriteStatus write={write}>
        {(answer) => (
          <p>
            {t.sampleId}：<span data-testid="sample-id">{(answer as { sampleId: string }).sampleId}</span>
          </p>
        )}
      </WriteStatus>
    </section>
  );
}

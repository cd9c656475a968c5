/** A new sampling task (监督抽查 / 例行监测 / 专项监测) of the monitor's region: its categories, test items and deadline. */
import { useState } from 'preact/hooks';
import type { SamplingKind } from '../../../../src/domain/index.js';
import type { ProductCategory } from '../../../../src/domain/values/index.js';
import { queueWrite } from '../../outbox.js';
import type { Session } from '../../session.js';
import { useQueuedWrite, WriteStatus } from '../../ui/WriteStatus.js';
import { taskBody } from './forms.js';
import { keysOf, labels } from './labels.js';
import { chinaDate } from './lists.js';
import { Missing } from './parts.js';
import { regulatorWords } from './words.js';

/** How long a new task runs by default, in days. */
const TASK_DAYS = 30;

export function TaskForm({ session }: { session: Session }) {
  const t = regulatorWords();
  const names = labels();
  const [kind, setKind] = useState<SamplingKind>('routine');
  const [title, setTitle] = useState('');
  const [region, setRegion] = useState(session.principal.region);
  const [categories, setCategories] = useState<readonly ProductCategory[]>([]);
  const [items, setItems] = useState('');
  const [dueBy, setDueBy] = useState(chinaDate(new Date(), TASK_DAYS));
  const [planned, setPlanned] = useState('');
  const [missing, setMissing] = useState<readonly string[] | null>(null);
  const [writeId, setWriteId] = useState<string | null>(null);
  const write = useQueuedWrite(writeId);
  const submit = (event: Event): void => {
    event.preventDefault();
    const built = taskBody({ kind, title, region, categories, items, dueBy, planned });
    if (!built.ok) {
      setMissing(built.missing);
      return;
    }
    setMissing(null);
    const queued = queueWrite('/v1/sampling-tasks', built.body, t.taskLabel(built.body.title ?? names.samplingKinds[kind]));
    if (queued) setWriteId(queued.id);
  };
  const toggle = (category: ProductCategory, on: boolean): void =>
    setCategories((list) => (on ? [...list, category] : list.filter((entry) => entry !== category)));
  return (
    <details class="card" data-testid="new-task">
      <summary class="summary-title">{t.newTask}</summary>
      <form class="form" onSubmit={submit} noValidate>
        <div class="row even">
          <div>
            <label for="task-kind">{t.samplingKind}</label>
            <select id="task-kind" value={kind} onChange={(event) => setKind(event.currentTarget.value as SamplingKind)}>
              {keysOf(names.samplingKinds).map((key) => (
                <option key={key} value={key}>
                  {names.samplingKinds[key]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="task-region">{t.taskRegion}</label>
            <input
              id="task-region"
              inputMode="numeric"
              autocomplete="off"
              value={region}
              onInput={(event) => setRegion(event.currentTarget.value)}
            />
          </div>
        </div>
        <label for="task-title">{t.title}</label>
        <input id="task-title" autocomplete="off" value={title} onInput={(event) => setTitle(event.currentTarget.value)} />
        <fieldset class="choices">
          <legend>{t.categories}</legend>
          {keysOf(names.categories).map((key) => (
            <label key={key} class="choice" for={`task-category-${key}`}>
              <input
                id={`task-category-${key}`}
                type="checkbox"
                checked={categories.includes(key)}
                onChange={(event) => toggle(key, event.currentTarget.checked)}
              />
              {names.categories[key]}
            </label>
          ))}
        </fieldset>
        <label for="task-items">{t.testItems}</label>
        <input id="task-items" autocomplete="off" value={items} onInput={(event) => setItems(event.currentTarget.value)} />
        <div class="row even">
          <div>
            <label for="task-due">{t.dueBy}</label>
            <input id="task-due" type="date" value={dueBy} onInput={(event) => setDueBy(event.currentTarget.value)} />
          </div>
          <div>
            <label for="task-planned">{t.planned}</label>
            <input
              id="task-planned"
              type="number"
              min="1"
              step="1"
              inputMode="numeric"
              value={planned}
              onInput={(event) => setPlanned(event.currentTarget.value)}
            />
          </div>
        </div>
        <Missing
          missing={missing}
          names={{ region: t.taskRegion, categories: t.categories, items: t.testItems, dueBy: t.dueBy, planned: t.planned }}
        />
        <button type="submit" class="primary">
          {t.submitTask}
        </button>
      </form>
      <WriteStatus write={write}>
        {(answer) => (
          <p>
            {t.taskId}：<span data-testid="task-id">{(answer as { taskId: string }).taskId}</span>
          </p>
        )}
      </WriteStatus>
    </details>
  );
}

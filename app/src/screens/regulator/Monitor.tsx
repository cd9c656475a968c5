/**
 * Monitoring (抽样监测): the region's sampling tasks (and a new one), a sample taken from a scanned
 * lot within a task, and the lab result entered for it; a failed result shows the lots its recall
 * froze, from the server's answer.
 */
import { useState } from 'preact/hooks';
import { get } from '../../api.js';
import { screenTitles } from '../../screenWords.js';
import type { Session } from '../../session.js';
import { Loaded } from '../../ui/Loaded.js';
import { Screen } from '../../ui/Screen.js';
import { useLoad } from '../../ui/useLoad.js';
import { labels } from './labels.js';
import type { TaskView } from './lists.js';
import { chinaTime } from './lists.js';
import { useAnswered } from './parts.js';
import { ResultForm } from './ResultForm.js';
import { SampleForm } from './SampleForm.js';
import { TaskForm } from './TaskForm.js';
import { regulatorWords } from './words.js';

export function Monitor({ session }: { session: Session }) {
  const answeredTasks = useAnswered('/v1/sampling-tasks');
  const answeredSamples = useAnswered('/v1/samples');
  const load = useLoad(
    () => get<{ tasks: TaskView[] }>(session, '/v1/sampling-tasks?limit=200'),
    [session.key, answeredTasks, answeredSamples],
  );
  const [sampleId, setSampleId] = useState('');
  return (
    <Screen title={screenTitles().monitor.title}>
      <Loaded load={load}>
        {({ tasks }) => (
          <>
            <Tasks tasks={tasks} />
            <SampleForm tasks={tasks} onSampled={setSampleId} />
          </>
        )}
      </Loaded>
      <TaskForm session={session} />
      <ResultForm session={session} sampleId={sampleId} onSampleId={setSampleId} />
    </Screen>
  );
}

function Tasks({ tasks }: { tasks: readonly TaskView[] }) {
  const t = regulatorWords();
  const names = labels();
  return (
    <section class="card" aria-labelledby="tasks-title">
      <h2 id="tasks-title">{t.tasks}</h2>
      {tasks.length === 0 ? (
        <p class="hint">{t.tasksEmpty}</p>
      ) : (
        <div class="table-scroll">
          <table data-testid="tasks-table">
            <caption class="visually-hidden">{t.tasks}</caption>
            <thead>
              <tr>
                <th scope="col">{t.task}</th>
                <th scope="col">{t.samplingKind}</th>
                <th scope="col">{t.region}</th>
                <th scope="col">{t.dueBy}</th>
                <th scope="col">{t.progress}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <tr key={task.taskId} data-testid="task-row" data-task-id={task.taskId}>
                  <th scope="row">
                    {task.title ?? task.taskId}
                    <span class="code block">{task.taskId}</span>
                  </th>
                  <td>{names.samplingKinds[task.kind]}</td>
                  <td>{task.region}</td>
                  <td>{chinaTime(task.dueBy)}</td>
                  <td>{t.progressText(task.progress.sampled, task.progress.planned, task.progress.tested, task.progress.failed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

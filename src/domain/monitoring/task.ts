/** sampling.createTask: a monitor (or admin) plans sampling in a region it covers. */
import { requireRegion } from '../access.js';
import type { CommandContext } from '../actor.js';
import { regionPrefix } from '../codes/index.js';
import { accept, reject, type Decision } from '../decision.js';
import type { StateView } from '../state.js';
import { recordTag } from '../tags.js';
import { isPast } from '../values/index.js';
import type { CreateSamplingTask } from './commands.js';
import { requireMonitor } from './guards.js';

export function decideCreateTask(command: CreateSamplingTask, { actor, time }: CommandContext, view: StateView): Decision {
  const monitor = requireMonitor(actor);
  if (!monitor.ok) return monitor;
  const region = regionPrefix(command.region);
  const outside = requireRegion(monitor.value, [region], 'region');
  if (outside) return outside;
  if (view.get(recordTag('task', command.taskId)))
    return reject('RecordExists', `sampling task ${command.taskId} exists already`, 'taskId');
  if (isPast(command.dueBy, time)) return reject('InvalidDeadline', `dueBy ${command.dueBy} has passed at ${time}`, 'dueBy');
  const { type: _type, ...task } = command;
  return accept({ type: 'sampling.taskCreated', tags: [recordTag('task', command.taskId)], data: { ...task, region } });
}

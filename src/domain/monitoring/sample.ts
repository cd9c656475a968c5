/**
 * sample.take: a monitor (or admin) takes a sample from a lot (its code
 * scanned) at a registered operator of its region, within a task whose
 * region, product categories and due date the sample fits.
 */
import { requireOperator, requireRegion } from '../access.js';
import type { CommandContext } from '../actor.js';
import { regionCovers } from '../codes/index.js';
import { accept, reject, type Decision } from '../decision.js';
import { requireLot } from '../lot/guards.js';
import type { StateView } from '../state.js';
import { operatorTag, recordTag } from '../tags.js';
import { isPast } from '../values/index.js';
import type { TakeSample } from './commands.js';
import { requireMonitor, requireTask } from './guards.js';

export function decideTakeSample(command: TakeSample, { actor, time }: CommandContext, view: StateView): Decision {
  const monitor = requireMonitor(actor);
  if (!monitor.ok) return monitor;
  const task = requireTask(view, command.taskId, 'taskId');
  if (!task.ok) return task;
  const lot = requireLot(view, command.lotCode, 'lotCode');
  if (!lot.ok) return lot;
  const at = command.operatorId ?? lot.value.holder ?? lot.value.recipient;
  if (at === undefined)
    return reject('OperatorRequired', `no operator holds lot ${command.lotCode}: name where it was sampled`, 'operatorId');
  const operator = requireOperator(view, at, 'operatorId');
  if (!operator.ok) return operator;
  const field = command.operatorId === undefined ? 'lotCode' : 'operatorId';
  const outside = requireRegion(monitor.value, [operator.value.region], field);
  if (outside) return outside;
  const { holder, recipient, product } = lot.value;
  if (holder !== undefined && holder !== at && recipient !== at) {
    return reject('NotHolder', `operator ${at} does not hold lot ${command.lotCode}`, 'operatorId');
  }
  if (view.get(recordTag('sample', command.sampleId)))
    return reject('RecordExists', `sample ${command.sampleId} exists already`, 'sampleId');
  if (!regionCovers(task.value.region, operator.value.region)) {
    return reject('OutsideTask', `operator ${at} (region ${operator.value.region}) is outside task region ${task.value.region}`, field);
  }
  if (!task.value.categories.includes(product.category)) {
    return reject('OutsideTask', `lot ${command.lotCode} is ${product.category}, not among the task's categories`, 'lotCode');
  }
  if (isPast(task.value.dueBy, time)) return reject('TaskOverdue', `task ${task.value.id} was due by ${task.value.dueBy}`, 'taskId');
  const { type: _type, ...sample } = command;
  return accept({
    type: 'sample.taken',
    tags: [recordTag('sample', command.sampleId), recordTag('task', command.taskId), operatorTag(at)],
    data: { ...sample, operatorId: at, region: operator.value.region, product },
  });
}

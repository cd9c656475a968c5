/** lot.record (生产记录): the holder records input use, an operation, the environment or a processing step. */
import { requireActingOperator } from '../access.js';
import type { CommandContext } from '../actor.js';
import { accept, reject, type Decision } from '../decision.js';
import type { StateView } from '../state.js';
import { lotTag } from '../tags.js';
import { recordDate, type RecordLot } from './commands.js';
import { futureRefusal, requireLot } from './guards.js';
import { baseStatus } from './lifecycle.js';

export function decideRecord(command: RecordLot, { actor, time }: CommandContext, view: StateView): Decision {
  const recorder = requireActingOperator(actor, view);
  if (!recorder.ok) return recorder;
  const lot = requireLot(view, command.code, 'code');
  if (!lot.ok) return lot;
  const operatorId = recorder.value.id;
  if (lot.value.holder !== operatorId) {
    return baseStatus(lot.value) === 'in-transit' && lot.value.recipient === operatorId
      ? reject('LotInTransit', `lot ${command.code} must be accepted before recording on it`, 'code')
      : reject('NotHolder', `operator ${operatorId} does not hold lot ${command.code}`, 'code');
  }
  const { field, date } = recordDate(command.record);
  const future = futureRefusal(date, time, `record.${field}`);
  if (future) return future;
  return accept({
    type: 'lot.recorded',
    tags: [lotTag(command.code)],
    data: { code: command.code, operatorId, record: command.record },
  });
}

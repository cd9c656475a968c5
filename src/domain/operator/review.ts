/** operator.review (在线审核): a reviewer or admin of the operator's region approves or rejects a pending registration. */
import { requireReviewerOf } from '../access.js';
import type { CommandContext } from '../actor.js';
import { accept, reject, type Decision } from '../decision.js';
import type { StateView } from '../state.js';
import { operatorTag } from '../tags.js';
import type { ReviewOperator } from './commands.js';

export function decideReview(command: ReviewOperator, { actor }: CommandContext, view: StateView): Decision {
  const operator = requireReviewerOf(actor, view, command.operatorId);
  if (!operator.ok) return operator;
  if (operator.value.status !== 'pending') {
    return reject('OperatorNotPending', `operator ${command.operatorId} is ${operator.value.status}`, 'operatorId');
  }
  const tags = [operatorTag(command.operatorId)];
  if (command.decision === 'approve') {
    const reason = command.reason === undefined ? {} : { reason: command.reason };
    return accept({ type: 'operator.approved', tags, data: { operatorId: command.operatorId, ...reason } });
  }
  if (command.reason === undefined) return reject('ReasonRequired', 'a rejection needs a reason', 'reason');
  return accept({ type: 'operator.rejected', tags, data: { operatorId: command.operatorId, reason: command.reason } });
}

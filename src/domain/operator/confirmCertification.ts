/**
 * operator.confirmCertification (核验): a reviewer or admin of the operator's
 * region confirms a certification the operator declared itself, so that it no
 * longer shows as self-declared (自我声明). The operator cannot confirm its own.
 */
import { requireReviewerOf } from '../access.js';
import type { CommandContext } from '../actor.js';
import { accept, reject, type Decision } from '../decision.js';
import type { StateView } from '../state.js';
import { operatorTag } from '../tags.js';
import type { ConfirmCertification } from './commands.js';
import { isCertification } from './state.js';

export function decideConfirmCertification(command: ConfirmCertification, { actor }: CommandContext, view: StateView): Decision {
  const operator = requireReviewerOf(actor, view, command.operatorId);
  if (!operator.ok) return operator;
  if (operator.value.status === 'withdrawn') {
    return reject('OperatorWithdrawn', `operator ${command.operatorId} has withdrawn`, 'operatorId');
  }
  const { type, number } = command.certification;
  const held = operator.value.certifications.find((certification) => isCertification(certification, command.certification));
  if (!held) return reject('UnknownCertification', `operator holds no ${type} certification ${number}`, 'certification');
  if (held.confirmed) return reject('AlreadyConfirmed', `certification ${number} is confirmed already`, 'certification');
  return accept({
    type: 'operator.certificationConfirmed',
    tags: [operatorTag(command.operatorId)],
    data: { operatorId: command.operatorId, certification: { type, number } },
  });
}

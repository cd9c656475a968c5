/**
 * operator.certify (带证上网): the operator itself, or a reviewer or admin of its
 * region, records a green, organic or geographical-indication certification.
 * One the operator records is self-declared (自我声明) until a reviewer
 * confirms it (operator.confirmCertification); one a reviewer records is
 * confirmed at once. Recording the same type and number again renews it (and
 * an operator's renewal needs confirming again); recording it exactly as it
 * is changes nothing and is refused, so that every event changes its entity.
 */
import { requireAuthority, requireOperator, requireRegion } from '../access.js';
import type { CommandContext } from '../actor.js';
import { accept, reject, type Decision } from '../decision.js';
import type { StateView } from '../state.js';
import { operatorTag } from '../tags.js';
import { endOf, startOf } from '../values/index.js';
import type { Certification } from '../values/index.js';
import type { CertifyOperator } from './commands.js';
import type { CertificationDeclarer } from './events.js';
import type { HeldCertification } from './state.js';

export function decideCertify(command: CertifyOperator, { actor }: CommandContext, view: StateView): Decision {
  if (actor.kind === 'public') {
    return reject('Forbidden', 'only the operator or an authority may record certifications');
  }
  if (actor.kind === 'operator' && actor.operatorId !== command.operatorId) {
    return reject('Forbidden', "an operator may not record another operator's certifications", 'operatorId');
  }
  const operator = requireOperator(view, command.operatorId, 'operatorId');
  if (!operator.ok) return operator;
  if (actor.kind === 'authority') {
    const authority = requireAuthority(actor, ['reviewer', 'admin']);
    if (!authority.ok) return authority;
    const outside = requireRegion(authority.value, [operator.value.region], 'operatorId');
    if (outside) return outside;
  }
  if (operator.value.status === 'withdrawn') {
    return reject('OperatorWithdrawn', `operator ${command.operatorId} has withdrawn`, 'operatorId');
  }
  const { validFrom, validTo } = command.certification;
  if (endOf(validTo) <= startOf(validFrom)) {
    return reject('InvalidValidity', `validTo ${validTo} is not after validFrom ${validFrom}`, 'certification.validTo');
  }
  const { certification } = command;
  const declaredBy: CertificationDeclarer = actor.kind === 'operator' ? 'operator' : 'reviewer';
  if (operator.value.certifications.some((held) => changesNothing(held, certification, declaredBy))) {
    return reject('CertificationExists', `certification ${certification.number} is recorded already`, 'certification');
  }
  return accept({
    type: 'operator.certified',
    tags: [operatorTag(command.operatorId)],
    data: { operatorId: command.operatorId, certification, declaredBy },
  });
}

/**
 * changesNothing: the same certification again, by the operator or once
 * confirmed. A reviewer recording exactly what the operator declared confirms it.
 */
function changesNothing(held: HeldCertification, certification: Certification, declaredBy: CertificationDeclarer): boolean {
  return sameCertification(held, certification) && (held.confirmed || declaredBy === 'operator');
}

function sameCertification(a: Certification, b: Certification): boolean {
  return a.type === b.type && a.number === b.number && a.product === b.product && a.validFrom === b.validFrom && a.validTo === b.validTo;
}

/**
 * operator.changeStatus (追溯审查和退出): an authority suspends or reinstates an
 * operator of its region; the operator itself or an authority withdraws it. A
 * suspended operator cannot withdraw itself out of its suspension.
 */
import { requireAuthority, requireOperator, requireRegion } from '../access.js';
import type { AuthorityRole, CommandContext } from '../actor.js';
import { accept, reject, type Decision, type Refusal } from '../decision.js';
import type { StateView } from '../state.js';
import { operatorTag } from '../tags.js';
import type { ChangeOperatorStatus } from './commands.js';
import type { OperatorState } from './state.js';

const SANCTIONING_ROLES: readonly AuthorityRole[] = ['reviewer', 'enforcer', 'admin'];

export function decideChangeStatus(command: ChangeOperatorStatus, { actor }: CommandContext, view: StateView): Decision {
  const selfWithdrawal = actor.kind === 'operator' && actor.operatorId === command.operatorId && command.action === 'withdraw';
  const authority = selfWithdrawal ? undefined : requireAuthority(actor, SANCTIONING_ROLES);
  if (authority && !authority.ok) return authority;
  const operator = requireOperator(view, command.operatorId, 'operatorId');
  if (!operator.ok) return operator;
  if (authority) {
    const outside = requireRegion(authority.value, [operator.value.region], 'operatorId');
    if (outside) return outside;
  }
  const refusal = transitionRefusal(command.action, operator.value, selfWithdrawal);
  if (refusal) return refusal;
  const data = { operatorId: command.operatorId, reason: command.reason };
  const tags = [operatorTag(command.operatorId)];
  switch (command.action) {
    case 'suspend':
      return accept({ type: 'operator.suspended', tags, data });
    case 'reinstate':
      return accept({ type: 'operator.reinstated', tags, data });
    case 'withdraw':
      return accept({ type: 'operator.withdrawn', tags, data });
  }
}

function transitionRefusal(action: ChangeOperatorStatus['action'], operator: OperatorState, selfWithdrawal: boolean): Refusal | undefined {
  const { id, status } = operator;
  if (status === 'withdrawn') return reject('OperatorWithdrawn', `operator ${id} has withdrawn`, 'operatorId');
  if (status === 'revoked') return reject('OperatorRevoked', `operator ${id} is revoked`, 'operatorId');
  switch (action) {
    case 'suspend':
      if (status === 'suspended') {
        return reject('OperatorSuspended', `operator ${id} is suspended already`, 'operatorId');
      }
      if (status !== 'approved') return reject('OperatorNotApproved', `operator ${id} is ${status}`, 'operatorId');
      return undefined;
    case 'reinstate':
      if (status !== 'suspended') return reject('OperatorNotSuspended', `operator ${id} is ${status}`, 'operatorId');
      return undefined;
    case 'withdraw':
      if (selfWithdrawal && status === 'suspended') {
        return reject('OperatorSuspended', `operator ${id} is suspended and cannot withdraw itself`, 'operatorId');
      }
      return undefined;
  }
}

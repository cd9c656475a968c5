/**
 * lot.accept and lot.reject (确认收货 / 拒收): the operator a lot was shipped to
 * confirms it (the parent's held quantity counts as shipped) or refuses it
 * (the quantity returns to the parent).
 */
import { requireActingOperator, requireOperator } from '../access.js';
import type { CommandContext } from '../actor.js';
import { accept, reject, type Checked, type Decision } from '../decision.js';
import type { StateView } from '../state.js';
import { lotTag } from '../tags.js';
import type { AcceptLot, RejectLot } from './commands.js';
import { requireLot } from './guards.js';
import type { LotState } from './state.js';

export function decideAccept(command: AcceptLot, { actor }: CommandContext, view: StateView): Decision {
  const recipient = requireActingOperator(actor, view);
  if (!recipient.ok) return recipient;
  const lot = requireIncoming(view, command.code, recipient.value.id);
  if (!lot.ok) return lot;
  return accept({ type: 'lot.accepted', tags: receiptTags(lot.value), data: receipt(lot.value, recipient.value.id) });
}

/** A recipient that has been suspended may still refuse goods it does not want. */
export function decideReject(command: RejectLot, { actor }: CommandContext, view: StateView): Decision {
  if (actor.kind !== 'operator') return reject('Forbidden', 'only the recipient operator may reject a lot');
  const recipient = requireOperator(view, actor.operatorId);
  if (!recipient.ok) return recipient;
  const lot = requireIncoming(view, command.code, recipient.value.id);
  if (!lot.ok) return lot;
  return accept({
    type: 'lot.rejected',
    tags: receiptTags(lot.value),
    data: { ...receipt(lot.value, recipient.value.id), reason: command.reason },
  });
}

function requireIncoming(view: StateView, code: string, operatorId: string): Checked<LotState> {
  const lot = requireLot(view, code, 'code');
  if (!lot.ok) return lot;
  if (lot.value.status === 'frozen') return reject('LotFrozen', `lot ${code} is frozen`, 'code');
  if (lot.value.status !== 'in-transit') return reject('NotInTransit', `lot ${code} is ${lot.value.status}`, 'code');
  if (lot.value.recipient !== operatorId) {
    return reject('NotRecipient', `lot ${code} was not shipped to operator ${operatorId}`, 'code');
  }
  return lot;
}

/** A shipped lot has exactly one parent: the lot it was split from. */
function parentCode(lot: LotState): string {
  return lot.parents[0]?.code ?? lot.code;
}

function receiptTags(lot: LotState): string[] {
  return [lotTag(lot.code), lotTag(parentCode(lot))];
}

function receipt(lot: LotState, operatorId: string) {
  const quantity = { amount: lot.quantity, unit: lot.unit };
  return { code: lot.code, parentCode: parentCode(lot), operatorId, quantity };
}

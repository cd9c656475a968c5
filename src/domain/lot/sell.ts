/** lot.sell (零售): the holder sells part or all of a lot at retail; the quantity leaves the chain. */
import { requireActingOperator } from '../access.js';
import type { CommandContext } from '../actor.js';
import { accept, type Decision } from '../decision.js';
import type { StateView } from '../state.js';
import { lotTag } from '../tags.js';
import type { SellLot } from './commands.js';
import { portionRefusal, requireMovableLot } from './guards.js';

export function decideSell(command: SellLot, { actor }: CommandContext, view: StateView): Decision {
  const seller = requireActingOperator(actor, view);
  if (!seller.ok) return seller;
  const lot = requireMovableLot(view, command.code, seller.value.id, 'code');
  if (!lot.ok) return lot;
  const portion = portionRefusal(lot.value, command.quantity, 'quantity');
  if (portion) return portion;
  return accept({
    type: 'lot.sold',
    tags: [lotTag(command.code)],
    data: { code: command.code, operatorId: seller.value.id, quantity: command.quantity },
  });
}

/**
 * lot.ship (交易, 扫码传递): the holder hands part or all of a lot on. To a
 * registered operator the child (kind 2) is in transit, its quantity held on
 * the parent, until the buyer accepts or rejects it; to an unregistered buyer
 * the child is a market-entry certificate (kind 3), delivered at once.
 */
import { requireActingOperator, requireActiveOperator } from '../access.js';
import type { CommandContext } from '../actor.js';
import { accept, reject, type Decision } from '../decision.js';
import type { StateView } from '../state.js';
import { lotTag } from '../tags.js';
import type { ShipLot } from './commands.js';
import { freshCodeRefusal, portionRefusal, requireMovableLot } from './guards.js';

export function decideShip(command: ShipLot, { actor }: CommandContext, view: StateView): Decision {
  const shipper = requireActingOperator(actor, view);
  if (!shipper.ok) return shipper;
  const lot = requireMovableLot(view, command.code, shipper.value.id, 'code');
  if (!lot.ok) return lot;
  const portion = portionRefusal(lot.value, command.quantity, 'quantity');
  if (portion) return portion;
  if ('operatorId' in command.to) {
    if (command.to.operatorId === shipper.value.id) {
      return reject('SelfHandOff', 'an operator cannot ship to itself', 'to.operatorId');
    }
    const buyer = requireActiveOperator(view, command.to.operatorId, 'to.operatorId');
    if (!buyer.ok) return buyer;
  }
  if (command.childCode === command.code) {
    return reject('CycleRefused', 'a lot cannot be shipped as its own child', 'childCode');
  }
  const childKind = 'operatorId' in command.to ? 2 : 3;
  const fresh = freshCodeRefusal(view, command.childCode, childKind, shipper.value.region, 'childCode');
  if (fresh) return fresh;
  const { product, origin, producedAt, certificate, claims } = lot.value;
  return accept({
    type: 'lot.shipped',
    tags: [lotTag(command.code), lotTag(command.childCode)],
    data: {
      code: command.code,
      childCode: command.childCode,
      operatorId: shipper.value.id,
      quantity: command.quantity,
      to: command.to,
      product,
      origin,
      producedAt,
      ...(certificate === undefined ? {} : { certificate }),
      claims: [...claims],
    },
  });
}

/**
 * lot.freeze and lot.release (冻结 / 解冻): an inspector, monitor, enforcer or
 * admin of the lot's region stops a lot from moving, or lets it move again,
 * optionally with every descendant. One event tags every lot it changes.
 */
import { requireAuthority, requireRegion } from '../access.js';
import type { AuthorityRole, CommandContext } from '../actor.js';
import { accept, reject, type Decision } from '../decision.js';
import type { StateView } from '../state.js';
import { lotTag } from '../tags.js';
import type { FreezeLot, ReleaseLot } from './commands.js';
import { requireLot } from './guards.js';
import { descendants, lotRegions } from './lineage.js';

const FREEZING_ROLES: readonly AuthorityRole[] = ['inspector', 'monitor', 'enforcer', 'admin'];

export function decideFreeze(command: FreezeLot | ReleaseLot, { actor }: CommandContext, view: StateView): Decision {
  const authority = requireAuthority(actor, FREEZING_ROLES);
  if (!authority.ok) return authority;
  const root = requireLot(view, command.code, 'code');
  if (!root.ok) return root;
  const outside = requireRegion(authority.value, lotRegions(root.value, view), 'code');
  if (outside) return outside;
  const freezing = command.type === 'lot.freeze';
  const scope = command.cascade ? [root.value, ...descendants(root.value, view)] : [root.value];
  const changing = scope.filter((lot) => (lot.status === 'frozen') !== freezing);
  if (changing.length === 0) {
    const subject = command.cascade ? `lot ${command.code} and every descendant` : `lot ${command.code}`;
    return freezing ? reject('AlreadyFrozen', `${subject}: frozen already`, 'code') : reject('NotFrozen', `${subject}: not frozen`, 'code');
  }
  for (const lot of changing) {
    const descendantOutside = requireRegion(authority.value, lotRegions(lot, view), 'code');
    if (descendantOutside) {
      return reject('OutOfRegion', `descendant lot ${lot.code}: ${descendantOutside.rejection.message}`, 'code');
    }
  }
  const codes = changing.map((lot) => lot.code);
  const data = { codes, reason: command.reason, cascade: command.cascade };
  const tags = codes.map(lotTag);
  return accept(freezing ? { type: 'lot.frozen', tags, data } : { type: 'lot.released', tags, data });
}

/**
 * lot.freeze and lot.release (冻结 / 解冻): an inspector, monitor, enforcer or
 * admin of the lot's region stops a lot from moving, or lets it move again,
 * optionally with every descendant. One event tags every lot it changes. A
 * freeze remembers the freezing authority's region, and only an authority
 * whose region covers it may release the lot: a county cannot lift what its
 * province froze; a national admin ('' region) releases anything. No lot
 * held by an open risk alert (on a sample of it or of a lot it was made
 * from) is released here: the alert's release lifts its freeze.
 */
import { requireAuthority, requireRegion } from '../access.js';
import type { AuthorityActor, AuthorityRole, CommandContext } from '../actor.js';
import { regionCovers, regionPrefix } from '../codes/index.js';
import { accept, reject, type Decision, type Refusal } from '../decision.js';
import type { StateView } from '../state.js';
import { lotTag } from '../tags.js';
import type { FreezeLot, ReleaseLot } from './commands.js';
import { RecallHolds } from '../monitoring/holds.js';
import { requireLot } from './guards.js';
import { descendants, lotRegions } from './lineage.js';
import type { LotState } from './state.js';

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
  const holds = freezing ? undefined : new RecallHolds(view);
  for (const lot of changing) {
    const refusal =
      (lot === root.value ? undefined : descendantRefusal(authority.value, lot, view)) ??
      releaseRefusal(authority.value, lot, freezing) ??
      heldRefusal(holds, lot);
    if (refusal) return refusal;
  }
  const codes = changing.map((lot) => lot.code);
  const tags = codes.map(lotTag);
  const data = { codes, reason: command.reason, cascade: command.cascade };
  return accept(
    freezing
      ? { type: 'lot.frozen', tags, data: { ...data, region: regionPrefix(authority.value.region) } }
      : { type: 'lot.released', tags, data },
  );
}

function descendantRefusal(authority: AuthorityActor, lot: LotState, view: StateView): Refusal | undefined {
  const outside = requireRegion(authority, lotRegions(lot, view), 'code');
  return outside && reject('OutOfRegion', `descendant lot ${lot.code}: ${outside.rejection.message}`, 'code');
}

/** heldRefusal: a lot an open alert holds is released with the alert (POST /v1/alerts/{id}/release), not alone. */
function heldRefusal(holds: RecallHolds | undefined, lot: LotState): Refusal | undefined {
  const alertId = holds?.holder(lot.code);
  return alertId === undefined
    ? undefined
    : reject('UnderRecall', `lot ${lot.code} is held by open alert ${alertId}: release the alert`, 'code');
}

/** releaseRefusal: a release needs an authority covering the region that froze the lot (older freezes name none). */
function releaseRefusal(authority: AuthorityActor, lot: LotState, freezing: boolean): Refusal | undefined {
  const frozenBy = lot.frozen?.region;
  if (freezing || frozenBy === undefined || regionCovers(authority.region, frozenBy)) return undefined;
  const region = frozenBy === '' ? 'the national level' : `region "${frozenBy}"`;
  return reject('OutOfRegion', `lot ${lot.code} was frozen by ${region}, outside authority region "${authority.region}"`, 'code');
}

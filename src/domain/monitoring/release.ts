/**
 * alert.release (解除): an authority whose region covers the alert's lifts the
 * freeze it made, on every lot the alert froze that is still frozen by it
 * (the freeze's time and reason are the alert's; a lot released and frozen
 * again since is left as it is) and that no other open alert holds (see
 * RecallHolds: that one's release, or an authority's after it, frees it).
 */
import { requireAuthority } from '../access.js';
import type { AuthorityRole, CommandContext } from '../actor.js';
import { regionCovers } from '../codes/index.js';
import { accept, reject, type Decision } from '../decision.js';
import type { EventDraft } from '../events.js';
import { lotIn, type StateView } from '../state.js';
import { lotTag, operatorTag, recordTag } from '../tags.js';
import type { ReleaseAlert } from './commands.js';
import { requireAlert } from './guards.js';
import { RecallHolds } from './holds.js';

const RELEASING_ROLES: readonly AuthorityRole[] = ['monitor', 'inspector', 'enforcer', 'admin'];

export function decideReleaseAlert(command: ReleaseAlert, { actor }: CommandContext, view: StateView): Decision {
  const authority = requireAuthority(actor, RELEASING_ROLES);
  if (!authority.ok) return authority;
  const alert = requireAlert(view, command.alertId, 'alertId');
  if (!alert.ok) return alert;
  const { id, region, raisedAt, reason, sampleId, operatorId, lotCode } = alert.value;
  if (!regionCovers(authority.value.region, region)) {
    const by = region === '' ? 'the national level' : `region "${region}"`;
    return reject('OutOfRegion', `alert ${id} was raised by ${by}, outside authority region "${authority.value.region}"`, 'alertId');
  }
  if (alert.value.status === 'released') return reject('AlertReleased', `alert ${id} is released already`, 'alertId');
  const holds = new RecallHolds(view);
  const codes = alert.value.frozen.filter((code) => {
    const frozen = lotIn(view, code)?.frozen;
    return frozen !== undefined && frozen.at === raisedAt && frozen.reason === reason && holds.holder(code, id) === undefined;
  });
  const released: EventDraft = {
    type: 'alert.released',
    tags: [recordTag('alert', id), recordTag('sample', sampleId), operatorTag(operatorId), recordTag('recall', lotCode)],
    data: { alertId: id, sampleId, lotCode, reason: command.reason, codes },
  };
  if (codes.length === 0) return accept(released);
  return accept(released, { type: 'lot.released', tags: codes.map(lotTag), data: { codes, reason: command.reason, cascade: false } });
}

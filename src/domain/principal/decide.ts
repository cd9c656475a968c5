/**
 * principal.create and principal.revoke: an admin issues and withdraws API
 * principals within its own region; a reviewer may also issue an operator's
 * principal (a device activation) for an operator of its region. A regional admin cannot mint nationwide
 * principals (auditors, subscribers, admins of everywhere); a nationwide
 * auditor or subscriber reads every event body, so only the bootstrap admin
 * may mint one; and nobody can take the id of a built-in caller
 * (RESERVED_PRINCIPAL_IDS).
 */
import { requireAuthority, requireOperator } from '../access.js';
import type { AuthorityActor, CommandContext } from '../actor.js';
import { isKnownProvince, isKnownRegion, regionCovers } from '../codes/index.js';
import { accept, reject, type Decision, type Refusal } from '../decision.js';
import { operatorIn, type StateView } from '../state.js';
import {
  BOOTSTRAP_ADMIN_ID,
  LOG_ROLES,
  REGIONAL_ROLES,
  isReservedPrincipalId,
  type CreatePrincipal,
  type RevokePrincipal,
} from './commands.js';
import { PRINCIPALS_TAG, principalTag, type PrincipalState } from './state.js';

export function decideCreatePrincipal(command: CreatePrincipal, { actor }: CommandContext, view: StateView): Decision {
  const admin = requireAuthority(actor, command.role === 'operator' ? ['admin', 'reviewer'] : ['admin']);
  if (!admin.ok) return admin;
  if (isReservedPrincipalId(command.id)) {
    return reject('ReservedPrincipalId', `principal id "${command.id}" is reserved for a built-in caller`, 'id');
  }
  const shape = scopeRefusal(command);
  if (shape) return shape;
  if (LOG_ROLES.includes(command.role) && (command.region ?? '') === '' && admin.value.id !== BOOTSTRAP_ADMIN_ID) {
    return reject('NationwideLogPrincipal', `only the bootstrap admin creates a nationwide ${command.role}`, 'region');
  }
  let scope = command.region ?? '';
  if (command.operatorId !== undefined) {
    const operator = requireOperator(view, command.operatorId, 'operatorId');
    if (!operator.ok) return operator;
    scope = operator.value.region;
  }
  const outside = coverRefusal(admin.value, scope, command.operatorId === undefined ? 'region' : 'operatorId');
  if (outside) return outside;
  if (principalIn(view, command.id)) return reject('PrincipalExists', `principal ${command.id} exists already`, 'id');
  const { type: _type, ...data } = command;
  return accept({ type: 'principal.created', tags: [principalTag(command.id), PRINCIPALS_TAG], data });
}

export function decideRevokePrincipal(command: RevokePrincipal, { actor }: CommandContext, view: StateView): Decision {
  const admin = requireAuthority(actor, ['admin']);
  if (!admin.ok) return admin;
  const principal = principalIn(view, command.id);
  if (!principal) return reject('UnknownPrincipal', `no principal ${command.id}`, 'id');
  const operatorRegion = principal.operatorId === undefined ? undefined : operatorIn(view, principal.operatorId)?.region;
  const outside = coverRefusal(admin.value, operatorRegion ?? principal.region ?? '', 'id');
  if (outside) return outside;
  if (principal.status === 'revoked') return reject('PrincipalRevoked', `principal ${command.id} is revoked already`, 'id');
  return accept({
    type: 'principal.revoked',
    tags: [principalTag(command.id), PRINCIPALS_TAG],
    data: { id: command.id, reason: command.reason },
  });
}

export function principalIn(view: StateView, id: string): PrincipalState | undefined {
  const state = view.get(principalTag(id));
  return state?.entity === 'principal' ? state : undefined;
}

/** A regional role names its region, an operator its operator; only admins and log roles may also carry a region. */
function scopeRefusal(command: CreatePrincipal): Refusal | undefined {
  const regional = REGIONAL_ROLES.includes(command.role);
  if (regional && command.region === undefined) {
    return reject('InvalidScope', `a ${command.role} needs a region prefix`, 'region');
  }
  const mayHaveRegion = regional || command.role === 'admin' || LOG_ROLES.includes(command.role);
  if (!mayHaveRegion && command.region !== undefined) {
    return reject('InvalidScope', `a ${command.role} has no region`, 'region');
  }
  if (command.role === 'operator' && command.operatorId === undefined) {
    return reject('InvalidScope', 'an operator principal names its operator', 'operatorId');
  }
  if (command.role !== 'operator' && command.operatorId !== undefined) {
    return reject('InvalidScope', `a ${command.role} acts for no operator`, 'operatorId');
  }
  const region = command.region ?? '';
  const known = region.length === 0 || (region.length === 6 ? isKnownRegion(region) : isKnownProvince(region.slice(0, 2)));
  return known ? undefined : reject('UnknownRegion', `region prefix ${region} is not in GB/T 2260`, 'region');
}

function coverRefusal(admin: AuthorityActor, region: string, field: string): Refusal | undefined {
  if (region === '' ? admin.region === '' : regionCovers(admin.region, region)) return undefined;
  return reject('OutOfRegion', `region "${region}" is outside admin region "${admin.region}"`, field);
}

/**
 * operator.register (用户注册): anyone may file, an operator only for itself,
 * a reviewer or admin for operators of its region. A rejected registration
 * may be filed again, but not by just anyone: by a reviewer or admin of its
 * region, by the operator itself (any of its keys), or by the public caller
 * that filed it, which proves it with the secret whose digest it was given.
 * Any other existing operator is refused.
 */
import { requireAuthority, requireRegion } from '../access.js';
import { actorId, type Actor, type CommandContext } from '../actor.js';
import { accept, reject, type Decision, type Refusal } from '../decision.js';
import { operatorIn, type StateView } from '../state.js';
import { operatorTag } from '../tags.js';
import type { RegisterOperator } from './commands.js';
import type { OperatorState } from './state.js';

export function decideRegister(command: RegisterOperator, { actor }: CommandContext, view: StateView): Decision {
  if (actor.kind === 'operator' && actor.operatorId !== command.operatorId) {
    return reject('Forbidden', 'an operator may only file its own registration', 'operatorId');
  }
  if (actor.kind === 'authority') {
    const authority = requireAuthority(actor, ['reviewer', 'admin']);
    if (!authority.ok) return authority;
    const outside = requireRegion(authority.value, [command.region], 'region');
    if (outside) return outside;
  }
  const identity = identityRefusal(command);
  if (identity) return identity;
  const existing = operatorIn(view, command.operatorId);
  if (existing && existing.status !== 'rejected') {
    return reject('OperatorExists', `operator ${command.operatorId} is already registered`, 'operatorId');
  }
  const refiling = existing && refilingRefusal(existing, command, actor);
  if (refiling) return refiling;
  const { type: _type, citizenId: _citizenId, uscc, citizenIdDigest, registrantKeyDigest, ...filed } = command;
  const keepsDigest = !identifiedByUscc(command) && citizenIdDigest !== undefined;
  const keepsKey = actor.kind === 'public' && registrantKeyDigest !== undefined;
  return accept({
    type: 'operator.registered',
    tags: [operatorTag(command.operatorId)],
    data: {
      ...filed,
      ...(uscc === undefined ? {} : { uscc }),
      ...(keepsDigest ? { citizenIdDigest } : {}),
      registrant: actorId(actor),
      ...(keepsKey ? { registrantKeyDigest } : {}),
    },
  });
}

/**
 * refilingRefusal: who may file a rejected registration again. An operator
 * actor here files for itself (checked above); an authority is a reviewer or
 * admin and must cover the region the registration was in as well as the new
 * one. That leaves the public, which must present the key of the public
 * registrant. (A non-public registrant is an operator or authority, so it
 * passes the first two rules, or no longer may file at all.)
 */
function refilingRefusal(existing: OperatorState, command: RegisterOperator, actor: Actor): Refusal | undefined {
  switch (actor.kind) {
    case 'operator':
      return undefined;
    case 'authority': {
      const outside = requireRegion(actor, [existing.region], 'operatorId');
      return outside && reject('OutOfRegion', `the rejected registration: ${outside.rejection.message}`, 'operatorId');
    }
    case 'subscriber':
      return reject('Forbidden', 'a subscriber only captures EPCIS events');
    case 'public': {
      const key = existing.registrantKeyDigest;
      if (key !== undefined && command.registrantKeyDigest === key) return undefined;
      const message = `operator ${command.operatorId}: only its registrant, the operator or a reviewer may file its registration again`;
      return reject('NotRegistrant', message, 'registrantKeyDigest');
    }
  }
}

/**
 * Organisations (enterprises, cooperatives, and family farms that have one)
 * are identified by their USCC, which is then their operator id; people by a
 * citizen ID, of which only the edge's salted digest is kept.
 */
function identityRefusal(command: RegisterOperator): Refusal | undefined {
  if (identifiedByUscc(command)) {
    if (command.uscc === undefined) return reject('IdentityRequired', `a ${command.kind} needs its USCC`, 'uscc');
    if (command.operatorId !== command.uscc) {
      return reject('OperatorIdMismatch', `operator id must be the USCC ${command.uscc}`, 'operatorId');
    }
    return undefined;
  }
  if (command.citizenId === undefined) {
    const message = `a ${command.kind} needs a citizen ID (or, for a family farm, a USCC)`;
    return reject('IdentityRequired', message, 'citizenId');
  }
  if (command.citizenIdDigest === undefined) {
    return reject('IdentityRequired', 'the salted digest of the citizen ID is missing', 'citizenIdDigest');
  }
  return undefined;
}

function identifiedByUscc(command: RegisterOperator): boolean {
  const { kind, uscc } = command;
  return kind === 'enterprise' || kind === 'cooperative' || (kind === 'family-farm' && uscc !== undefined);
}

/**
 * Who may act: authority roles and regions, and operator standing. Shared by
 * the operator and lot deciders.
 */
import type { Actor, AuthorityActor, AuthorityRole } from './actor.js';
import { regionCovers } from './codes/index.js';
import { found, reject, type Checked, type Refusal } from './decision.js';
import type { OperatorState } from './operator/state.js';
import { operatorIn, type StateView } from './state.js';

/** requireAuthority accepts an authority holding one of `roles`. */
export function requireAuthority(actor: Actor, roles: readonly AuthorityRole[]): Checked<AuthorityActor> {
  if (actor.kind !== 'authority' || !roles.includes(actor.role)) {
    return reject('Forbidden', `only an authority acting as ${roles.join(' or ')} may do this`);
  }
  return found(actor);
}

/** requireRegion refuses unless the authority's region covers at least one of `regions`. */
export function requireRegion(authority: AuthorityActor, regions: readonly string[], field?: string): Refusal | undefined {
  if (regions.some((region) => regionCovers(authority.region, region))) return undefined;
  return reject('OutOfRegion', `region ${regions.join('/')} is outside authority region "${authority.region}"`, field);
}

/** standingRefusal says why an operator may not trade, or undefined if it is approved and active. */
export function standingRefusal(operator: OperatorState, field?: string): Refusal | undefined {
  switch (operator.status) {
    case 'approved':
      return undefined;
    case 'pending':
    case 'rejected':
      return reject('OperatorNotApproved', `operator ${operator.id} is ${operator.status}, not approved`, field);
    case 'suspended':
      return reject('OperatorSuspended', `operator ${operator.id} is suspended`, field);
    case 'withdrawn':
      return reject('OperatorWithdrawn', `operator ${operator.id} has withdrawn`, field);
    case 'revoked':
      return reject('OperatorRevoked', `operator ${operator.id} is revoked`, field);
  }
}

/** requireOperator finds an operator by id. */
export function requireOperator(view: StateView, operatorId: string, field?: string): Checked<OperatorState> {
  const operator = operatorIn(view, operatorId);
  return operator ? found(operator) : reject('UnknownOperator', `no operator ${operatorId}`, field);
}

/**
 * requireReviewerOf: the actor must be a reviewer or admin whose region covers
 * the (registered) operator `operatorId`; answers that operator.
 */
export function requireReviewerOf(actor: Actor, view: StateView, operatorId: string): Checked<OperatorState> {
  const authority = requireAuthority(actor, ['reviewer', 'admin']);
  if (!authority.ok) return authority;
  const operator = requireOperator(view, operatorId, 'operatorId');
  if (!operator.ok) return operator;
  return requireRegion(authority.value, [operator.value.region], 'operatorId') ?? operator;
}

/** requireActiveOperator finds an operator that is approved and active. */
export function requireActiveOperator(view: StateView, operatorId: string, field?: string): Checked<OperatorState> {
  const operator = requireOperator(view, operatorId, field);
  if (!operator.ok) return operator;
  return standingRefusal(operator.value, field) ?? operator;
}

/** requireActingOperator: the actor must be an operator, registered, approved and active. */
export function requireActingOperator(actor: Actor, view: StateView): Checked<OperatorState> {
  if (actor.kind !== 'operator') return reject('Forbidden', 'only an operator may do this');
  return requireActiveOperator(view, actor.operatorId);
}

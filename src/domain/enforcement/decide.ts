/**
 * Enforcement deciders (执法): an enforcer (or admin) of the operator's region
 * opens a case against a registered operator, adds inspection records and
 * evidence notes, decides penalties and closes it. A suspension or
 * revocation changes the operator's status in the same decision.
 */
import { requireAuthority, requireOperator, requireRegion } from '../access.js';
import type { Actor, AuthorityActor, AuthorityRole, CommandContext } from '../actor.js';
import { accept, found, reject, type Checked, type Decision } from '../decision.js';
import type { EventDraft } from '../events.js';
import type { OperatorState } from '../operator/index.js';
import { lotIn, type StateView } from '../state.js';
import { operatorTag, recordTag } from '../tags.js';
import { clipReason } from '../values/index.js';
import type { CloseCase, OpenCase, Penalize, RecordCase } from './commands.js';
import type { CaseState } from './state.js';

const ENFORCING_ROLES: readonly AuthorityRole[] = ['enforcer', 'admin'];

export function decideOpenCase(command: OpenCase, { actor }: CommandContext, view: StateView): Decision {
  const enforcer = requireEnforcer(actor);
  if (!enforcer.ok) return enforcer;
  const operator = requireOperator(view, command.operatorId, 'operatorId');
  if (!operator.ok) return operator;
  const outside = requireRegion(enforcer.value, [operator.value.region], 'operatorId');
  if (outside) return outside;
  if (view.get(recordTag('case', command.caseId))) return reject('RecordExists', `case ${command.caseId} exists already`, 'caseId');
  const unknown = unknownLot(view, command.lots);
  if (unknown) return unknown;
  const { type: _type, ...opened } = command;
  return accept({
    type: 'case.opened',
    tags: caseTags(command.caseId, command.operatorId),
    data: { ...opened, region: operator.value.region },
  });
}

export function decideRecordCase(command: RecordCase, { actor }: CommandContext, view: StateView): Decision {
  const open = requireOpenCase(actor, view, command.caseId);
  if (!open.ok) return open;
  const unknown = unknownLot(view, command.lots);
  if (unknown) return unknown;
  const { type: _type, ...recorded } = command;
  const { operatorId } = open.value;
  return accept({ type: 'case.recorded', tags: caseTags(command.caseId, operatorId), data: { ...recorded, operatorId } });
}

export function decidePenalize(command: Penalize, { actor }: CommandContext, view: StateView): Decision {
  const open = requireOpenCase(actor, view, command.caseId);
  if (!open.ok) return open;
  if ((command.penalty === 'fine') !== (command.amount !== undefined)) {
    return command.penalty === 'fine'
      ? reject('AmountRequired', 'a fine needs its amount in yuan', 'amount')
      : reject('InvalidCommand', `a ${command.penalty} has no amount`, 'amount');
  }
  const { operatorId } = open.value;
  const { type: _type, ...decided } = command;
  const penalized: EventDraft = { type: 'case.penalized', tags: caseTags(command.caseId, operatorId), data: { ...decided, operatorId } };
  const operator = requireOperator(view, operatorId, 'caseId');
  if (!operator.ok) return operator;
  const status = statusChange(command, operator.value);
  return status ? accept(penalized, status) : accept(penalized);
}

export function decideCloseCase(command: CloseCase, { actor }: CommandContext, view: StateView): Decision {
  const open = requireOpenCase(actor, view, command.caseId);
  if (!open.ok) return open;
  const { type: _type, ...closed } = command;
  const { operatorId } = open.value;
  return accept({ type: 'case.closed', tags: caseTags(command.caseId, operatorId), data: { ...closed, operatorId } });
}

/**
 * statusChange: a suspension suspends an approved operator, a revocation
 * revokes any operator not revoked yet; an operator already in that state (or
 * not trading) only gets the penalty on record.
 */
function statusChange(command: Penalize, operator: OperatorState): EventDraft | undefined {
  const reason = clipReason(`行政处罚 case ${command.caseId}: ${command.penalty} (${command.legalBasis})`);
  const data = { operatorId: operator.id, reason };
  const tags = [operatorTag(operator.id)];
  if (command.penalty === 'suspension' && operator.status === 'approved') return { type: 'operator.suspended', tags, data };
  if (command.penalty === 'revocation' && operator.status !== 'revoked') return { type: 'operator.revoked', tags, data };
  return undefined;
}

function requireEnforcer(actor: Actor): Checked<AuthorityActor> {
  return requireAuthority(actor, ENFORCING_ROLES);
}

/** requireOpenCase: the actor enforces in the case's region, and the case is still open. */
function requireOpenCase(actor: Actor, view: StateView, caseId: string): Checked<CaseState> {
  const enforcer = requireEnforcer(actor);
  if (!enforcer.ok) return enforcer;
  const state = view.get(recordTag('case', caseId));
  if (state?.entity !== 'case') return reject('UnknownCase', `no case ${caseId}`, 'caseId');
  const outside = requireRegion(enforcer.value, [state.region], 'caseId');
  if (outside) return outside;
  return state.status === 'closed' ? reject('CaseClosed', `case ${caseId} is closed`, 'caseId') : found(state);
}

function unknownLot(view: StateView, lots: readonly string[] | undefined): ReturnType<typeof reject> | undefined {
  const index = (lots ?? []).findIndex((code) => !lotIn(view, code));
  return index < 0 ? undefined : reject('UnknownLot', `no lot ${lots![index]}`, `lots.${index}`);
}

function caseTags(caseId: string, operatorId: string): string[] {
  return [recordTag('case', caseId), operatorTag(operatorId)];
}

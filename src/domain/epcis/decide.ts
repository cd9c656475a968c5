/**
 * epcis.capture: who may attach a partner's EPCIS event to which lots. An operator (through one of
 * its keys) may attach events to lots it issued, holds or is receiving; a subscribing platform to
 * lots issued in its key's region. An event already captured is refused (its hash is its
 * identity); an error declaration (EPCIS `errorDeclaration`, same hash as the event it corrects)
 * is accepted once, from the event's own sender.
 */
import { type Actor, actorId, operatorOfActorId } from '../actor.js';
import type { CommandContext } from '../actor.js';
import { requireActingOperator } from '../access.js';
import { regionCovers } from '../codes/index.js';
import { accept, reject, type Decision, type Refusal } from '../decision.js';
import type { EventDraft } from '../events.js';
import { requireLot } from '../lot/guards.js';
import type { LotState } from '../lot/state.js';
import type { StateView } from '../state.js';
import { capturedTag, lotTag } from '../tags.js';
import { EPCIS_HASH_PATTERN, type CaptureEpcis, type CapturedEvent } from './commands.js';
import { personalDataAt } from './personal.js';
import type { CapturedState } from './state.js';

export function decideCapture(command: CaptureEpcis, { actor }: CommandContext, view: StateView): Decision {
  if (actor.kind !== 'operator' && actor.kind !== 'subscriber') {
    return reject('Forbidden', 'only an operator or a subscribing platform may capture EPCIS events');
  }
  if (actor.kind === 'operator') {
    const operator = requireActingOperator(actor, view);
    if (!operator.ok) return operator;
  }
  const sender = senderOf(actor);
  const seen = new Set<string>();
  const drafts: EventDraft[] = [];
  for (const [index, captured] of command.events.entries()) {
    const refusal = eventRefusal(captured, `events.${index}`, actor, sender, view, seen);
    if (refusal) return refusal;
    seen.add(captured.hash);
    drafts.push({
      type: 'epcis.captured',
      tags: [...captured.lots.map(lotTag), capturedTag(hexOf(captured.hash))],
      data: { ...captured, captureId: command.captureId, index },
    });
  }
  return accept(...drafts);
}

function eventRefusal(
  captured: CapturedEvent,
  field: string,
  actor: Actor,
  sender: string,
  view: StateView,
  seen: ReadonlySet<string>,
): Refusal | undefined {
  if (seen.has(captured.hash)) return reject('DuplicateEvent', `the document holds event ${captured.hash} twice`, `${field}.hash`);
  if (new Set(captured.lots).size !== captured.lots.length) return reject('DuplicateInput', 'a lot is listed twice', `${field}.lots`);
  const personal = personalDataAt(captured.event);
  if (personal) {
    const at = [`${field}.event`, ...personal.path].join('.');
    return reject('PersonalData', `${at} holds a ${personal.kind}: personal data is never kept in the log`, at);
  }
  for (const [i, code] of captured.lots.entries()) {
    const lot = requireLot(view, code, `${field}.lots.${i}`);
    if (!lot.ok) return lot;
    const outside = lotRefusal(actor, lot.value, `${field}.lots.${i}`);
    if (outside) return outside;
  }
  return repeatRefusal(captured, field, sender, view);
}

/** lotRefusal: whether the sender may attach events to `lot`. */
function lotRefusal(actor: Actor, lot: LotState, field: string): Refusal | undefined {
  if (actor.kind === 'subscriber') {
    return regionCovers(actor.region, lot.region)
      ? undefined
      : reject('OutOfRegion', `lot ${lot.code} was issued outside the subscriber's region "${actor.region}"`, field);
  }
  if (actor.kind !== 'operator') return reject('Forbidden', 'only an operator or a subscribing platform may capture EPCIS events');
  const concerned = [lot.issuer, lot.holder, lot.recipient].includes(actor.operatorId);
  return concerned
    ? undefined
    : reject('NotConcerned', `operator ${actor.operatorId} neither issued, holds nor receives lot ${lot.code}`, field);
}

/** repeatRefusal: a captured event is refused twice; its error declaration once, and only from its sender. */
function repeatRefusal(captured: CapturedEvent, field: string, sender: string, view: StateView): Refusal | undefined {
  const existing = capturedIn(view, hexOf(captured.hash));
  if (!('errorDeclaration' in captured.event)) {
    return existing ? reject('EventCaptured', `event ${captured.hash} is captured already`, `${field}.hash`) : undefined;
  }
  if (!existing)
    return reject('UnknownEvent', `no captured event has the hash ${captured.hash} this error declaration corrects`, `${field}.hash`);
  if (existing.sender !== sender)
    return reject('NotSender', `only ${existing.sender}, which sent event ${captured.hash}, may declare it erroneous`, `${field}.hash`);
  return existing.declared ? reject('EventCaptured', `event ${captured.hash} is declared erroneous already`, `${field}.hash`) : undefined;
}

/** senderOf: the party that sends, without the key it used ('op:<operator id>' or 'subscriber:<id>'). */
export const senderOf = (actor: Actor): string => senderOfActorId(actorId(actor));

/** senderOfActorId: the same, read from an event's `actor` field (an operator's devices are one sender). */
export function senderOfActorId(text: string): string {
  const operatorId = operatorOfActorId(text);
  return operatorId === undefined ? text : actorId({ kind: 'operator', operatorId });
}

export const hexOf = (hash: string): string => EPCIS_HASH_PATTERN.exec(hash)?.[1] ?? hash;

export function capturedIn(view: StateView, hex: string): CapturedState | undefined {
  const state = view.get(capturedTag(hex));
  return state?.entity === 'epcis' ? state : undefined;
}

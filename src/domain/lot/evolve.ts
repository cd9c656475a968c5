/**
 * evolveLot folds one event into the lot with trace code `code`: a new object,
 * or undefined when the event does not concern that lot. Each event carries
 * everything a lot it creates needs, so a child is built from the event alone.
 * Like evolve, it is asked only about the lots an event tags.
 */
import { traceCodeKind, traceCodeRegion } from '../codes/index.js';
import type { DomainEvent, EventOf } from '../events.js';
import { addAmounts, subtractAmounts } from '../values/index.js';
import { baseStatus, settle, withBaseStatus } from './lifecycle.js';
import { withChildren, type FrozenInfo, type LotState } from './state.js';

export function evolveLot(code: string, lot: LotState | undefined, event: DomainEvent): LotState | undefined {
  switch (event.type) {
    case 'lot.commissioned':
      return event.data.code === code ? commissioned(event) : undefined;
    case 'lot.recorded':
      return lot && event.data.code === code ? { ...lot, records: lot.records + 1 } : undefined;
    case 'lot.shipped':
      if (event.data.code === code) return lot && shippedFrom(lot, event);
      return event.data.childCode === code ? shippedTo(event) : undefined;
    case 'lot.accepted':
    case 'lot.rejected':
      return lot && answered(code, lot, event);
    case 'lot.processed':
      return processed(code, lot, event);
    case 'lot.sold':
      if (!lot || event.data.code !== code) return undefined;
      return settle(take(lot, event.data.quantity.amount, 'sold'));
    // A freeze tags exactly the lots it changes (see LotFrozenSchema), maybe 100,000 of them:
    // the tag says this lot is one, so searching data.codes for it would make an event O(n²).
    case 'lot.frozen':
      return lot && lot.status !== 'frozen' ? frozen(lot, event) : undefined;
    case 'lot.released':
      return lot?.frozen ? released(lot, lot.frozen) : undefined;
    // A partner's EPCIS event changes nothing about the lot, but joins its events (and projections list it there).
    case 'epcis.captured':
      return lot;
    default:
      return undefined;
  }
}

type NewLot = Pick<LotState, 'code' | 'madeBy' | 'product' | 'unit' | 'quantity' | 'issuer' | 'origin' | 'producedAt'> & Partial<LotState>;

function newLot(fields: NewLot, event: DomainEvent): LotState {
  return {
    entity: 'lot',
    kind: traceCodeKind(fields.code),
    region: traceCodeRegion(fields.code),
    status: 'open',
    available: fields.quantity,
    held: 0,
    shipped: 0,
    sold: 0,
    processed: 0,
    parents: [],
    childLog: [],
    childCount: 0,
    claims: [],
    records: 0,
    createdAt: event.time,
    ...fields,
  };
}

function commissioned(event: EventOf<'lot.commissioned'>): LotState {
  const { code, operatorId, product, quantity, producedAt, origin, certificate, claims } = event.data;
  return newLot(
    {
      code,
      madeBy: 'commission',
      product,
      unit: quantity.unit,
      quantity: quantity.amount,
      issuer: operatorId,
      holder: operatorId,
      origin,
      producedAt,
      claims,
      ...(certificate === undefined ? {} : { certificate }),
    },
    event,
  );
}

/** The parent: the quantity is held until the buyer answers, or gone at once to an unregistered buyer. */
function shippedFrom(parent: LotState, event: EventOf<'lot.shipped'>): LotState {
  const { amount } = event.data.quantity;
  const toOperator = 'operatorId' in event.data.to;
  const link = { code: event.data.childCode, quantity: amount, via: 'shipment' } as const;
  return settle(take(parent, amount, toOperator ? 'held' : 'shipped', withChildren(parent, [link])));
}

function shippedTo(event: EventOf<'lot.shipped'>): LotState {
  const { code, childCode, operatorId, quantity, to, product, origin, producedAt, certificate, claims } = event.data;
  return newLot(
    {
      code: childCode,
      madeBy: 'shipment',
      status: 'operatorId' in to ? 'in-transit' : 'received',
      product,
      unit: quantity.unit,
      quantity: quantity.amount,
      issuer: operatorId,
      ...('operatorId' in to ? { recipient: to.operatorId } : { buyer: to.buyer }),
      parents: [{ code, quantity: quantity.amount }],
      origin,
      producedAt,
      claims,
      ...(certificate === undefined ? {} : { certificate }),
    },
    event,
  );
}

/** The recipient's answer: the child arrives or is refused; the parent's held quantity is shipped or returns. */
function answered(code: string, lot: LotState, event: EventOf<'lot.accepted' | 'lot.rejected'>): LotState | undefined {
  const accepted = event.type === 'lot.accepted';
  if (event.data.code === code) {
    return accepted
      ? settle(withBaseStatus({ ...lot, holder: event.data.operatorId }, 'received'))
      : withBaseStatus({ ...lot, available: 0 }, 'rejected');
  }
  if (event.data.parentCode !== code) return undefined;
  return settle(moveHeld(lot, event.data.quantity.amount, accepted ? 'shipped' : 'available'));
}

function processed(code: string, lot: LotState | undefined, event: EventOf<'lot.processed'>): LotState | undefined {
  const { mode, operatorId, producedAt, inputs, outputs } = event.data;
  const input = inputs.find((portion) => portion.code === code);
  if (input) {
    if (!lot) return undefined;
    const links = outputs.map((output) => ({ code: output.code, quantity: input.quantity.amount, via: mode }));
    return settle(take(lot, input.quantity.amount, 'processed', withChildren(lot, links)), mode === 'merge' ? 'merged' : 'depleted');
  }
  const output = outputs.find((made) => made.code === code);
  if (!output) return undefined;
  return newLot(
    {
      code,
      madeBy: mode,
      product: output.product,
      unit: output.quantity.unit,
      quantity: output.quantity.amount,
      issuer: operatorId,
      holder: operatorId,
      parents: inputs.map((portion) => ({ code: portion.code, quantity: portion.quantity.amount })),
      origin: output.origin,
      producedAt,
      ...(output.certificate === undefined ? {} : { certificate: output.certificate }),
    },
    event,
  );
}

/** take moves `amount` from available into another counter (and adds the children the move made, in the same copy). */
function take(
  lot: LotState,
  amount: number,
  into: 'held' | 'shipped' | 'sold' | 'processed',
  children?: Pick<LotState, 'childLog' | 'childCount'>,
): LotState {
  const moved = { ...lot, available: subtractAmounts(lot.available, amount), [into]: addAmounts(lot[into], amount) };
  if (children) {
    moved.childLog = children.childLog;
    moved.childCount = children.childCount;
  }
  return moved;
}

/** moveHeld settles a held shipment: accepted (shipped) or returned (available). */
function moveHeld(lot: LotState, amount: number, into: 'shipped' | 'available'): LotState {
  return { ...lot, held: subtractAmounts(lot.held, amount), [into]: addAmounts(lot[into], amount) };
}

function frozen(lot: LotState, event: EventOf<'lot.frozen'>): LotState {
  const { reason, region } = event.data;
  const frozenInfo = {
    reason,
    at: event.time,
    by: event.actor,
    ...(region === undefined ? {} : { region }),
    resumeStatus: baseStatus(lot),
  };
  return { ...lot, status: 'frozen', frozen: frozenInfo };
}

function released(lot: LotState, frozenInfo: FrozenInfo): LotState {
  const { frozen: _frozen, ...rest } = lot;
  return { ...rest, status: frozenInfo.resumeStatus };
}

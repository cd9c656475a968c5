/**
 * The lot rules: how one event changes the lot with trace code `code`. They are written once,
 * against a LotPort (port.ts): evolveLot runs them on the domain's immutable states (a new object,
 * or undefined when the event does not concern that lot), and the projections run the same rules
 * on their columns (applyLot). Each event carries everything a lot it creates needs, so a child is
 * built from the event alone. Like evolve, they are asked only about the lots an event tags.
 */
import { traceCodeKind, traceCodeRegion } from '../codes/index.js';
import type { DomainEvent, EventOf } from '../events.js';
import { baseStatus, settle } from './lifecycle.js';
import { ObjectLot, type LotPort } from './port.js';
import type { FrozenInfo, LotState } from './state.js';

export function evolveLot(code: string, lot: LotState | undefined, event: DomainEvent): LotState | undefined {
  const port = new ObjectLot(lot);
  return applyLot(code, port, event) ? port.state : undefined;
}

/**
 * applyLot applies `event` to the lot behind `lot` and says whether the event concerns it (false:
 * nothing was changed). A concerned lot may be left as it was (a partner's EPCIS event only joins
 * the lot's events).
 */
export function applyLot(code: string, lot: LotPort, event: DomainEvent): boolean {
  switch (event.type) {
    case 'lot.commissioned':
      if (event.data.code !== code) return false;
      lot.create(commissioned(event));
      return true;
    case 'lot.recorded':
      if (!lot.exists || event.data.code !== code) return false;
      lot.countRecord();
      return true;
    case 'lot.shipped':
      if (event.data.code === code) return lot.exists && shippedFrom(lot, event);
      if (event.data.childCode !== code) return false;
      lot.create(shippedTo(event));
      return true;
    case 'lot.accepted':
    case 'lot.rejected':
      return lot.exists && answered(code, lot, event);
    case 'lot.processed':
      return processed(code, lot, event);
    case 'lot.sold':
      if (!lot.exists || event.data.code !== code) return false;
      lot.move(event.data.quantity.amount, 'available', 'sold');
      settle(lot);
      return true;
    // A freeze tags exactly the lots it changes (see LotFrozenSchema), maybe 100,000 of them:
    // the tag says this lot is one, so searching data.codes for it would make an event O(n²).
    case 'lot.frozen':
      if (!lot.exists || lot.status === 'frozen') return false;
      lot.freeze(frozenInfo(lot, event));
      return true;
    case 'lot.released':
      if (!lot.exists || !lot.frozen) return false;
      lot.release();
      return true;
    // A partner's EPCIS event changes nothing about the lot, but joins its events (and projections list it there).
    case 'epcis.captured':
      return lot.exists;
    default:
      return false;
  }
}

type NewLot = Pick<LotState, 'code' | 'madeBy' | 'product' | 'unit' | 'quantity' | 'issuer' | 'origin' | 'producedAt'> &
  Partial<Pick<LotState, 'status' | 'holder' | 'recipient' | 'buyer' | 'parents' | 'certificate' | 'claims'>>;

/**
 * newLot: a lot's first state. Every field is written, optional ones as undefined when unset, in
 * one order (the one src/projections/lots/lotTable.ts materializes in), so that every lot state
 * has one shape and copying or reading one stays on V8's fast paths.
 */
function newLot(fields: NewLot, event: DomainEvent): LotState {
  const { code, quantity } = fields;
  return {
    entity: 'lot',
    code,
    kind: traceCodeKind(code),
    region: traceCodeRegion(code),
    status: fields.status ?? 'open',
    frozen: undefined,
    madeBy: fields.madeBy,
    product: fields.product,
    unit: fields.unit,
    quantity,
    available: quantity,
    held: 0,
    shipped: 0,
    sold: 0,
    processed: 0,
    issuer: fields.issuer,
    holder: fields.holder,
    recipient: fields.recipient,
    buyer: fields.buyer,
    parents: fields.parents ?? [],
    childLog: [],
    childCount: 0,
    origin: fields.origin,
    producedAt: fields.producedAt,
    certificate: fields.certificate,
    claims: fields.claims ?? [],
    records: 0,
    createdAt: event.time,
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
      certificate,
    },
    event,
  );
}

/** The parent: the quantity is held until the buyer answers, or gone at once to an unregistered buyer. */
function shippedFrom(parent: LotPort, event: EventOf<'lot.shipped'>): boolean {
  const { amount } = event.data.quantity;
  parent.move(amount, 'available', 'operatorId' in event.data.to ? 'held' : 'shipped');
  parent.addChildren([{ code: event.data.childCode, quantity: amount, via: 'shipment' }]);
  settle(parent);
  return true;
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
      certificate,
    },
    event,
  );
}

/** The recipient's answer: the child arrives or is refused; the parent's held quantity is shipped or returns. */
function answered(code: string, lot: LotPort, event: EventOf<'lot.accepted' | 'lot.rejected'>): boolean {
  const accepted = event.type === 'lot.accepted';
  if (event.data.code === code) {
    if (accepted) {
      lot.setHolder(event.data.operatorId);
      lot.setStatus('received');
      settle(lot);
    } else {
      lot.empty();
      lot.setStatus('rejected');
    }
    return true;
  }
  if (event.data.parentCode !== code) return false;
  lot.move(event.data.quantity.amount, 'held', accepted ? 'shipped' : 'available');
  settle(lot);
  return true;
}

function processed(code: string, lot: LotPort, event: EventOf<'lot.processed'>): boolean {
  const { mode, operatorId, producedAt, inputs, outputs } = event.data;
  const input = inputs.find((portion) => portion.code === code);
  if (input) {
    if (!lot.exists) return false;
    const { amount } = input.quantity;
    lot.move(amount, 'available', 'processed');
    lot.addChildren(outputs.map((output) => ({ code: output.code, quantity: amount, via: mode })));
    settle(lot, mode === 'merge' ? 'merged' : 'depleted');
    return true;
  }
  const output = outputs.find((made) => made.code === code);
  if (!output) return false;
  lot.create(
    newLot(
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
        certificate: output.certificate,
      },
      event,
    ),
  );
  return true;
}

function frozenInfo(lot: LotPort, event: EventOf<'lot.frozen'>): FrozenInfo {
  const { reason, region } = event.data;
  return {
    reason,
    at: event.time,
    by: event.actor,
    ...(region === undefined ? {} : { region }),
    resumeStatus: baseStatus(lot),
  };
}

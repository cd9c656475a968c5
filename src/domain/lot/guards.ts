/** Checks the lot deciders share: the lot exists and may move, the portion fits, a fresh code is fresh. */
import { traceCodeKind, traceCodeRegion, type TraceCodeKind } from '../codes/index.js';
import { found, reject, type Checked, type Refusal } from '../decision.js';
import type { RejectionCode } from '../rejections.js';
import { lotIn, type StateView } from '../state.js';
import { isAfter, toThousandths, type Certificate, type Quantity } from '../values/index.js';
import type { LotState, LotStatus } from './state.js';

const IMMOBILE: Partial<Record<LotStatus, RejectionCode>> = {
  frozen: 'LotFrozen',
  'in-transit': 'LotInTransit',
  depleted: 'LotDepleted',
  merged: 'LotMerged',
  rejected: 'LotRejected',
};

export function requireLot(view: StateView, code: string, field: string): Checked<LotState> {
  const lot = lotIn(view, code);
  return lot ? found(lot) : reject('UnknownLot', `no lot ${code}`, field);
}

/** requireMovableLot finds a lot that is open or received and held by `holderId`. */
export function requireMovableLot(view: StateView, code: string, holderId: string, field: string): Checked<LotState> {
  const lot = requireLot(view, code, field);
  if (!lot.ok) return lot;
  const immobile = IMMOBILE[lot.value.status];
  if (immobile) return reject(immobile, `lot ${code} is ${lot.value.status}`, field);
  if (lot.value.holder !== holderId) {
    return reject('NotHolder', `operator ${holderId} does not hold lot ${code}`, field);
  }
  return lot;
}

/** portionRefusal: the quantity must be in the lot's unit and no more than it has available. */
export function portionRefusal(lot: LotState, quantity: Quantity, field: string): Refusal | undefined {
  if (quantity.unit !== lot.unit) {
    return reject('UnitMismatch', `lot ${lot.code} is counted in ${lot.unit}, not ${quantity.unit}`, `${field}.unit`);
  }
  if (toThousandths(quantity.amount) > toThousandths(lot.available)) {
    const message = `lot ${lot.code} has ${lot.available} ${lot.unit} available, not ${quantity.amount}`;
    return reject('InsufficientQuantity', message, `${field}.amount`);
  }
  return undefined;
}

/** freshCodeRefusal: a new lot's code has the right kind, the issuer's region and no lot yet. */
export function freshCodeRefusal(
  view: StateView,
  code: string,
  kind: TraceCodeKind,
  issuerRegion: string,
  field: string,
): Refusal | undefined {
  if (traceCodeKind(code) !== kind) {
    return reject('WrongCodeKind', `code ${code} must be of kind ${kind}, not ${traceCodeKind(code)}`, field);
  }
  if (traceCodeRegion(code) !== issuerRegion) {
    const message = `code ${code} is for region ${traceCodeRegion(code)}, the issuer is in ${issuerRegion}`;
    return reject('CodeRegionMismatch', message, field);
  }
  if (lotIn(view, code)) return reject('CodeExists', `lot ${code} exists already`, field);
  return undefined;
}

/** futureRefusal: nothing recorded may happen after the command itself. */
export function futureRefusal(date: string, now: string, field: string): Refusal | undefined {
  return isAfter(date, now) ? reject('FutureDate', `${date} is after ${now}`, field) : undefined;
}

/** certificateRefusal: a certificate of compliance states the lot's quantity and was issued already. */
export function certificateRefusal(
  certificate: Certificate | undefined,
  quantity: Quantity,
  now: string,
  field: string,
): Refusal | undefined {
  if (certificate === undefined) return undefined;
  const stated = certificate.quantity;
  if (stated.unit !== quantity.unit || toThousandths(stated.amount) !== toThousandths(quantity.amount)) {
    const message = `certificate states ${stated.amount} ${stated.unit}, not ${quantity.amount} ${quantity.unit}`;
    return reject('CertificateMismatch', message, `${field}.quantity`);
  }
  return futureRefusal(certificate.issuedAt, now, `${field}.issuedAt`);
}

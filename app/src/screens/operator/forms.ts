/**
 * The operators' forms as plain values, and the request bodies built from them (types from the
 * API's zod schemas, the single source). A form is checked only for what the device can tell
 * alone — a required field left empty, an amount that is not a number above 0; every other rule
 * (three decimals, the lot's unit, a registered buyer) is the server's, and its refusal is shown.
 * Pure, so Node tests drive it.
 */
import type { z } from 'zod';
import type { CommissionBody, ProcessingBody, ReasonBody, RecordBody, SaleBody, ShipmentBody } from '../../../../src/api/schemas/writes.js';
import type { CertificateBasis, ProductCategory, Unit } from '../../../../src/domain/values/index.js';

export type CommissionRequest = z.input<typeof CommissionBody>;
export type ShipmentRequest = z.input<typeof ShipmentBody>;
export type RecordRequest = z.input<typeof RecordBody>;
export type ProcessingRequest = z.input<typeof ProcessingBody>;
export type SaleRequest = z.input<typeof SaleBody>;
export type RejectRequest = z.input<typeof ReasonBody>;
export type RecordKind = RecordRequest['kind'];

/** A body ready to queue, or the fields (by form id) that must be filled in first. */
export type Built<T> = { readonly ok: true; readonly body: T } | { readonly ok: false; readonly missing: readonly string[] };

/** amountOf: the typed amount as a number above 0, or undefined (a comma is read as a decimal point). */
export function amountOf(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d*\.?\d+$|^\d+\.$/.test(trimmed)) return undefined;
  const amount = Number(trimmed);
  return Number.isFinite(amount) && amount > 0 ? amount : undefined;
}

/** chinaToday: the date of `now` in China (UTC+8), the day a bare date on a command means (YYYY-MM-DD). */
export const chinaToday = (now: Date): string => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Collects missing fields while a body is built. */
class Checklist {
  readonly missing: string[] = [];
  text(id: string, value: string): string {
    const trimmed = value.trim();
    if (trimmed === '') this.missing.push(id);
    return trimmed;
  }
  amount(id: string, value: string): number {
    const amount = amountOf(value);
    if (amount === undefined) this.missing.push(id);
    return amount ?? 0;
  }
  built<T>(body: T): Built<T> {
    return this.missing.length === 0 ? { ok: true, body } : { ok: false, missing: this.missing };
  }
}

/** optional: the trimmed text, or nothing when it is empty (an empty string is refused by the server). */
const optional = <K extends string>(key: K, value: string): { [P in K]?: string } =>
  (value.trim() === '' ? {} : { [key]: value.trim() }) as { [P in K]?: string };

/** digitsOnly: a barcode number as printed under the bars, its groups' spaces dropped (6 901234 567892). */
const digitsOnly = (value: string): string => value.replace(/\s+/g, '');

export interface CertificateForm {
  readonly issue: boolean;
  readonly issuer: string;
  readonly contact: string;
  readonly basis: CertificateBasis;
  readonly issuedAt: string;
}

export interface CommissionForm {
  readonly product: string;
  readonly category: ProductCategory;
  readonly variety: string;
  /** The product's GS1 GTIN (商品条码), if it has one; its check digit is the server's to judge. */
  readonly gtin: string;
  readonly amount: string;
  readonly unit: Unit;
  readonly producedAt: string;
  readonly region: string;
  readonly base: string;
  /** What the certificate prints as the origin: the region's name, and the base if any. */
  readonly originName: string;
  readonly certificate: CertificateForm;
  readonly claims: readonly string[];
}

/** certificateOf: the certificate of compliance for a lot of `product` and `quantity` (it must state the lot's own). */
function certificateOf(
  form: CertificateForm,
  product: string,
  quantity: { amount: number; unit: Unit },
  origin: string,
  check: Checklist,
  prefix: string,
): NonNullable<CommissionRequest['certificate']> {
  return {
    product,
    quantity,
    origin,
    issuedAt: check.text(`${prefix}-issued-at`, form.issuedAt),
    issuer: check.text(`${prefix}-issuer`, form.issuer),
    contact: check.text(`${prefix}-contact`, form.contact),
    basis: form.basis,
  };
}

export function commissionBody(form: CommissionForm): Built<CommissionRequest> {
  const check = new Checklist();
  const name = check.text('commission-product', form.product);
  const quantity = { amount: check.amount('commission-amount', form.amount), unit: form.unit };
  const region = check.text('commission-region', form.region);
  const origin = [form.originName.trim() || region, form.base.trim()].filter(Boolean).join(' ');
  return check.built({
    product: { name, category: form.category, ...optional('variety', form.variety), ...optional('gtin', digitsOnly(form.gtin)) },
    quantity,
    producedAt: check.text('commission-produced-at', form.producedAt),
    origin: { region, ...optional('base', form.base) },
    ...(form.certificate.issue ? { certificate: certificateOf(form.certificate, name, quantity, origin, check, 'certificate') } : {}),
    ...(form.claims.length === 0 ? {} : { claims: [...form.claims] }),
  });
}

export interface ShipmentForm {
  readonly code: string;
  readonly amount: string;
  readonly unit: Unit;
  readonly to: 'registered' | 'unregistered';
  readonly operatorId: string;
  readonly buyerName: string;
  readonly buyerPhone: string;
  readonly buyerAddress: string;
}

/** shipmentBody: the hand-off's path (the lot's) and body: to a registered operator, or to an unregistered buyer. */
export function shipmentBody(form: ShipmentForm): Built<{ path: string; body: ShipmentRequest }> {
  const check = new Checklist();
  const code = check.text('hand-off-code', form.code);
  const quantity = { amount: check.amount('hand-off-amount', form.amount), unit: form.unit };
  const to: ShipmentRequest['to'] =
    form.to === 'registered'
      ? { operatorId: check.text('hand-off-buyer', form.operatorId) }
      : {
          buyer: {
            name: check.text('hand-off-buyer-name', form.buyerName),
            ...optional('phone', form.buyerPhone),
            ...optional('address', form.buyerAddress),
          },
        };
  return check.built({ path: lotPath(code, 'shipments'), body: { to, quantity } });
}

/** lotPath: the API path of an action on the lot `code`. */
export const lotPath = (code: string, action: 'shipments' | 'accept' | 'reject' | 'records' | 'sales'): string =>
  `/v1/lots/${encodeURIComponent(code.trim())}/${action}`;

export interface RecordForm {
  readonly code: string;
  readonly kind: RecordKind;
  readonly input: 'pesticide' | 'fertiliser' | 'veterinary-drug';
  /** The input's name, the operation, the parameter or the step, as the kind asks. */
  readonly what: string;
  readonly registrationNumber: string;
  readonly dose: string;
  readonly preHarvestDays: string;
  readonly description: string;
  readonly value: string;
  readonly valueUnit: string;
  readonly date: string;
}

/** recordBody: a production record of the chosen kind, with only that kind's fields. */
export function recordBody(form: RecordForm): Built<{ path: string; body: RecordRequest }> {
  const check = new Checklist();
  const path = lotPath(check.text('records-code', form.code), 'records');
  const what = check.text('records-what', form.what);
  const date = check.text('records-date', form.date);
  const description = optional('description', form.description);
  let body: RecordRequest;
  switch (form.kind) {
    case 'input': {
      const days = form.preHarvestDays.trim();
      if (days !== '' && !/^\d+$/.test(days)) check.missing.push('records-pre-harvest');
      body = {
        kind: 'input',
        input: form.input,
        name: what,
        ...optional('registrationNumber', form.registrationNumber),
        dose: check.text('records-dose', form.dose),
        appliedAt: date,
        ...(days === '' ? {} : { preHarvestIntervalDays: Number(days) }),
      };
      break;
    }
    case 'operation':
      body = { kind: 'operation', operation: what, ...description, performedAt: date };
      break;
    case 'environment': {
      const value = Number(form.value.trim().replace(',', '.'));
      if (form.value.trim() === '' || !Number.isFinite(value)) check.missing.push('records-value');
      body = { kind: 'environment', parameter: what, value, ...optional('unit', form.valueUnit), measuredAt: date };
      break;
    }
    case 'processing':
      body = { kind: 'processing', step: what, ...description, performedAt: date };
      break;
  }
  return check.built({ path, body });
}

export interface SaleForm {
  readonly code: string;
  readonly amount: string;
  readonly unit: Unit;
}

export function saleBody(form: SaleForm): Built<{ path: string; body: SaleRequest }> {
  const check = new Checklist();
  const path = lotPath(check.text('sale-code', form.code), 'sales');
  return check.built({ path, body: { quantity: { amount: check.amount('sale-amount', form.amount), unit: form.unit } } });
}

/** rejectBody: a rejection needs its reason (the server keeps it in the log for whoever reviews it). */
export function rejectBody(code: string, reason: string): Built<{ path: string; body: RejectRequest }> {
  const check = new Checklist();
  const path = lotPath(check.text('receive-code', code), 'reject');
  return check.built({ path, body: { reason: check.text('receive-reason', reason) } });
}

export interface PortionForm {
  readonly code: string;
  readonly amount: string;
  readonly unit: Unit;
}

export interface OutputForm {
  readonly product: string;
  readonly category: ProductCategory;
  readonly variety: string;
  readonly amount: string;
  readonly unit: Unit;
}

export interface ProcessingForm {
  readonly mode: 'merge' | 'process';
  readonly inputs: readonly PortionForm[];
  /** A merge uses the first output's product and makes exactly the inputs' sum (mergeTotal). */
  readonly outputs: readonly OutputForm[];
  readonly certificate: CertificateForm;
  /** What the certificates print as the origin (the processor's region). */
  readonly originName: string;
}

/**
 * mergeTotal: what a merge of `inputs` yields — their sum in thousandths (as the domain counts),
 * in their one unit; undefined while an amount is missing or the units differ.
 */
export function mergeTotal(inputs: readonly PortionForm[]): { amount: number; unit: Unit } | undefined {
  const unit = inputs[0]?.unit;
  let thousandths = 0;
  for (const input of inputs) {
    const amount = amountOf(input.amount);
    if (amount === undefined || input.unit !== unit) return undefined;
    thousandths += Math.round(amount * 1000);
  }
  return unit === undefined ? undefined : { amount: thousandths / 1000, unit };
}

export function processingBody(form: ProcessingForm): Built<ProcessingRequest> {
  const check = new Checklist();
  const inputs = form.inputs.map((input, index) => ({
    code: check.text(`processing-input-${index}-code`, input.code),
    quantity: { amount: check.amount(`processing-input-${index}-amount`, input.amount), unit: input.unit },
  }));
  const made = form.mode === 'merge' ? form.outputs.slice(0, 1) : form.outputs;
  const total = mergeTotal(form.inputs);
  const outputs = made.map((output, index) => {
    const product = check.text(`processing-output-${index}-product`, output.product);
    const quantity =
      form.mode === 'merge'
        ? (total ?? { amount: 0, unit: output.unit })
        : { amount: check.amount(`processing-output-${index}-amount`, output.amount), unit: output.unit };
    const certificate = form.certificate.issue
      ? { certificate: certificateOf(form.certificate, product, quantity, form.originName.trim() || '-', check, 'certificate') }
      : {};
    return { product: { name: product, category: output.category, ...optional('variety', output.variety) }, quantity, ...certificate };
  });
  if (form.mode === 'merge' && total === undefined) check.missing.push('processing-merge-total');
  return check.built({ mode: form.mode, inputs, outputs });
}

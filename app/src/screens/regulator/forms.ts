/**
 * The regulators' forms turned into request bodies: what a form holds (strings, as typed or
 * scanned) becomes the body its route takes (typed from the route's zod schemas, type-only so
 * nothing of zod is bundled), or the list of fields still missing. The server checks everything
 * again; these checks only say early, and offline, what a write would be refused for.
 * No DOM, so Node tests import it.
 */
import type { z } from 'zod';
import type { ReviewBody } from '../../../../src/api/schemas/writes.js';
import type {
  CaseBody,
  CaseRecordBody,
  InspectionBody,
  PenaltyBody,
  ResultBody,
  SampleBody,
  SamplingTaskBody,
} from '../../../../src/api/schemas/regulation.js';
import { OPERATOR_ID_PATTERN, readScan } from '../../../../src/domain/codes/scanned.js';
import type { CaseRecordKind, InspectionKind, InspectionResult, PenaltyType, SamplingKind, Verdict } from '../../../../src/domain/index.js';
import type { ProductCategory, Unit } from '../../../../src/domain/values/index.js';

export type Inspection = z.input<typeof InspectionBody>;
export type SamplingTask = z.input<typeof SamplingTaskBody>;
export type Sample = z.input<typeof SampleBody>;
export type LabResult = z.input<typeof ResultBody>;
export type OpenCase = z.input<typeof CaseBody>;
export type CaseRecord = z.input<typeof CaseRecordBody>;
export type Penalty = z.input<typeof PenaltyBody>;
export type Review = z.input<typeof ReviewBody>;

/** Built: a body ready to queue, or the names of the fields (the form's own keys) still wrong. */
export type Built<T> = { readonly ok: true; readonly body: T } | { readonly ok: false; readonly missing: readonly string[] };

const built = <T>(missing: readonly string[], body: () => T): Built<T> =>
  missing.length === 0 ? { ok: true, body: body() } : { ok: false, missing };

const filled = (text: string): boolean => text.trim() !== '';

/** operatorIdOf: the operator id a typed id or a scanned identity-card URL names, or undefined. */
export function operatorIdOf(text: string): string | undefined {
  const scan = readScan(text);
  if (scan.kind === 'operator') return scan.id;
  return OPERATOR_ID_PATTERN.test(text.trim()) ? text.trim() : undefined;
}

/** lotCodeOf: the 20-digit code a typed code or a scanned label URL names, or undefined. */
export function lotCodeOf(text: string): string | undefined {
  const scan = readScan(text);
  return scan.kind === 'lot' ? scan.code : undefined;
}

export type LotAdded =
  | { readonly ok: true; readonly lots: readonly string[] }
  | { readonly ok: false; readonly why: 'notALot' | 'duplicate' };

/** addLot: `lots` with the lot `text` names at the end; a text that names no lot, or one listed already, is refused. */
export function addLot(lots: readonly string[], text: string): LotAdded {
  const code = lotCodeOf(text);
  if (code === undefined) return { ok: false, why: 'notALot' };
  if (lots.includes(code)) return { ok: false, why: 'duplicate' };
  return { ok: true, lots: [...lots, code] };
}

/** listOf: the distinct entries of a text separated by commas (either width), 、, semicolons or new lines. */
export const listOf = (text: string): string[] => [
  ...new Set(
    text
      .split(/[,，、;；\n]/)
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
  ),
];

/** A positive number as typed, or undefined. */
const positive = (text: string): number | undefined => {
  const value = Number(text);
  return filled(text) && Number.isFinite(value) && value > 0 ? value : undefined;
};

/** A number as typed (negative allowed: a lab's figure), or undefined. */
const numberOf = (text: string): number | undefined => {
  const value = Number(text);
  return filled(text) && Number.isFinite(value) ? value : undefined;
};

export interface InspectionFields {
  readonly operatorId: string;
  readonly kind: InspectionKind;
  readonly result: InspectionResult;
  readonly items: readonly string[];
  readonly findings: string;
  /** YYYY-MM-DD; only a rectification order (result `rectify`) has one, and must. */
  readonly rectifyBy: string;
  readonly lots: readonly string[];
}

export function inspectionBody(fields: InspectionFields): Built<Inspection> {
  const operatorId = operatorIdOf(fields.operatorId);
  const rectifying = fields.result === 'rectify';
  const missing = [
    ...(operatorId === undefined ? ['operatorId'] : []),
    ...(filled(fields.findings) ? [] : ['findings']),
    ...(rectifying && !filled(fields.rectifyBy) ? ['rectifyBy'] : []),
  ];
  return built(missing, () => ({
    operatorId: operatorId!,
    kind: fields.kind,
    result: fields.result,
    findings: fields.findings.trim(),
    ...(fields.items.length === 0 ? {} : { items: [...fields.items] }),
    ...(rectifying ? { rectifyBy: fields.rectifyBy } : {}),
    ...(fields.lots.length === 0 ? {} : { lots: [...fields.lots] }),
  }));
}

/** reasonBody: `{ [key]: text }` for a required reason or note (rectification, release). */
export function reasonBody<K extends string>(key: K, text: string): Built<Record<K, string>> {
  return built(filled(text) ? [] : [key], () => ({ [key]: text.trim() }) as Record<K, string>);
}

/** reviewBody: an approval (its reason optional) or a rejection, which must say why. */
export function reviewBody(decision: Review['decision'], reason: string): Built<Review> {
  const missing = decision === 'reject' && !filled(reason) ? ['reason'] : [];
  return built(missing, () => ({ decision, ...(filled(reason) ? { reason: reason.trim() } : {}) }));
}

export interface TaskFields {
  readonly kind: SamplingKind;
  readonly title: string;
  readonly region: string;
  readonly categories: readonly ProductCategory[];
  readonly items: string;
  readonly dueBy: string;
  readonly planned: string;
}

export function taskBody(fields: TaskFields): Built<SamplingTask> {
  const items = listOf(fields.items);
  const planned = positive(fields.planned);
  const missing = [
    ...(/^\d{2}(\d{2}){0,2}$/.test(fields.region.trim()) ? [] : ['region']),
    ...(fields.categories.length === 0 ? ['categories'] : []),
    ...(items.length === 0 ? ['items'] : []),
    ...(filled(fields.dueBy) ? [] : ['dueBy']),
    ...(filled(fields.planned) && (planned === undefined || !Number.isInteger(planned)) ? ['planned'] : []),
  ];
  return built(missing, () => ({
    kind: fields.kind,
    region: fields.region.trim(),
    categories: [...fields.categories],
    items,
    dueBy: fields.dueBy,
    ...(filled(fields.title) ? { title: fields.title.trim() } : {}),
    ...(planned === undefined ? {} : { planned }),
  }));
}

export interface SampleFields {
  readonly taskId: string;
  readonly lotCode: string;
  /** Where the sample was taken; blank: the lot's holder. */
  readonly operatorId: string;
  readonly amount: string;
  readonly unit: Unit;
}

export function sampleBody(fields: SampleFields): Built<Sample> {
  const lotCode = lotCodeOf(fields.lotCode);
  const operatorId = filled(fields.operatorId) ? operatorIdOf(fields.operatorId) : undefined;
  const amount = positive(fields.amount);
  const missing = [
    ...(filled(fields.taskId) ? [] : ['taskId']),
    ...(lotCode === undefined ? ['lotCode'] : []),
    ...(filled(fields.operatorId) && operatorId === undefined ? ['operatorId'] : []),
    ...(filled(fields.amount) && amount === undefined ? ['amount'] : []),
  ];
  return built(missing, () => ({
    taskId: fields.taskId.trim(),
    lotCode: lotCode!,
    ...(operatorId === undefined ? {} : { operatorId }),
    ...(amount === undefined ? {} : { quantity: { amount, unit: fields.unit } }),
  }));
}

/** One test item's row of the result form, as typed. */
export interface ItemRow {
  readonly item: string;
  readonly value: string;
  readonly unit: string;
  readonly limit: string;
  readonly method: string;
  readonly verdict: Verdict;
}

/** suggestedVerdict: over its limit an item fails; without a limit (or a value) the lab's word stands (`fallback`). */
export function suggestedVerdict(value: string, limit: string, fallback: Verdict): Verdict {
  const measured = numberOf(value);
  const allowed = numberOf(limit);
  if (measured === undefined || allowed === undefined) return fallback;
  return measured > allowed ? 'fail' : 'pass';
}

/** overallVerdict: a result fails when any item fails (the server refuses any other pairing). */
export const overallVerdict = (rows: readonly Pick<ItemRow, 'verdict'>[]): Verdict =>
  rows.some((row) => row.verdict === 'fail') ? 'fail' : 'pass';

/**
 * resultBody: the rows with a value become the result's items (a row left blank was not tested);
 * a value or limit that is not a number, or a tested row without a unit, is missing as
 * `items.{index}`; at least one row must be tested.
 */
export function resultBody(rows: readonly ItemRow[], lab: string, reportNumber: string): Built<LabResult> {
  const tested = rows.map((row, index) => ({ row, index })).filter(({ row }) => filled(row.value));
  const wrong = tested
    .filter(({ row }) => numberOf(row.value) === undefined || !filled(row.unit) || (filled(row.limit) && numberOf(row.limit) === undefined))
    .map(({ index }) => `items.${index}`);
  const missing = tested.length === 0 ? ['items'] : wrong;
  return built(missing, () => {
    const items = tested.map(({ row }) => ({
      item: row.item.trim(),
      value: numberOf(row.value)!,
      unit: row.unit.trim(),
      ...(filled(row.limit) ? { limit: numberOf(row.limit)! } : {}),
      ...(filled(row.method) ? { method: row.method.trim() } : {}),
      verdict: row.verdict,
    }));
    return {
      verdict: overallVerdict(items),
      items,
      ...(filled(lab) ? { lab: lab.trim() } : {}),
      ...(filled(reportNumber) ? { reportNumber: reportNumber.trim() } : {}),
    };
  });
}

export function caseBody(operator: string, basis: string, lots: readonly string[]): Built<OpenCase> {
  const operatorId = operatorIdOf(operator);
  const missing = [...(operatorId === undefined ? ['operatorId'] : []), ...(filled(basis) ? [] : ['basis'])];
  return built(missing, () => ({ operatorId: operatorId!, basis: basis.trim(), ...(lots.length === 0 ? {} : { lots: [...lots] }) }));
}

export function caseRecordBody(kind: CaseRecordKind, note: string, lots: readonly string[]): Built<CaseRecord> {
  return built(filled(note) ? [] : ['note'], () => ({ kind, note: note.trim(), ...(lots.length === 0 ? {} : { lots: [...lots] }) }));
}

/** Yuan to the fen: positive, at most two decimals. */
const isYuan = (amount: number | undefined): amount is number => amount !== undefined && Math.round(amount * 100) / 100 === amount;

export interface PenaltyFields {
  readonly type: PenaltyType;
  /** Yuan; a fine needs it, any other penalty has none. */
  readonly amount: string;
  readonly legalBasis: string;
  readonly note: string;
}

export function penaltyBody(fields: PenaltyFields): Built<Penalty> {
  const fine = fields.type === 'fine';
  const amount = positive(fields.amount);
  const missing = [...(fine && !isYuan(amount) ? ['amount'] : []), ...(filled(fields.legalBasis) ? [] : ['legalBasis'])];
  return built(missing, () => ({
    type: fields.type,
    legalBasis: fields.legalBasis.trim(),
    ...(fine ? { amount: amount! } : {}),
    ...(filled(fields.note) ? { note: fields.note.trim() } : {}),
  }));
}

/** closeBody: closing a case, with a note when one is given. */
export const closeBody = (note: string): { note?: string } => (filled(note) ? { note: note.trim() } : {});

/**
 * The regulators' forms (app/src/screens/regulator/forms.ts): what a form holds becomes the body its
 * route takes — each built body is parsed by the route's own zod schema — or the fields still
 * missing; lots scanned one by one; verdicts that follow the items.
 */
import { describe, expect, it } from 'vitest';
import {
  addLot,
  caseBody,
  caseRecordBody,
  closeBody,
  type ItemRow,
  inspectionBody,
  listOf,
  overallVerdict,
  penaltyBody,
  reasonBody,
  resultBody,
  reviewBody,
  sampleBody,
  suggestedVerdict,
  taskBody,
} from '../../app/src/screens/regulator/forms.js';
import {
  CaseBody,
  CaseRecordBody,
  CloseCaseBody,
  InspectionBody,
  PenaltyBody,
  RectificationBody,
  ResultBody,
  SampleBody,
  SamplingTaskBody,
} from '../../src/api/schemas/regulation.js';
import { ReviewBody } from '../../src/api/schemas/writes.js';

const FARM = '93441322MARLMCWB1Q';
const LOT = '14413224372395044403';
const LABEL = `https://suyuan.example/c/${LOT}`;
const CARD = `https://suyuan.example/o/${FARM}`;

/** accepted: the body of a built form, after checking that the route's schema takes it. */
function accepted<T>(
  built: { ok: true; body: T } | { ok: false; missing: readonly string[] },
  schema: { safeParse(body: unknown): { success: boolean; error?: unknown } },
): T {
  expect(built.ok, built.ok ? '' : `missing ${built.missing.join(', ')}`).toBe(true);
  const body = (built as { body: T }).body;
  const parsed = schema.safeParse(body);
  expect(parsed.success, String(parsed.error)).toBe(true);
  return body;
}

const missingOf = (built: { ok: boolean; missing?: readonly string[] }): readonly string[] | undefined =>
  built.ok ? undefined : built.missing;

describe('inspectionBody', () => {
  const form = {
    operatorId: CARD,
    kind: 'inspection' as const,
    result: 'pass' as const,
    items: ['生产记录'],
    findings: ' 记录完整 ',
    rectifyBy: '2027-01-15',
    lots: [LOT],
  };

  it('takes the operator id from a scanned identity-card URL and drops the deadline of a passed inspection', () => {
    const body = accepted(inspectionBody(form), InspectionBody);
    expect(body).toEqual({ operatorId: FARM, kind: 'inspection', result: 'pass', findings: '记录完整', items: ['生产记录'], lots: [LOT] });
  });

  it('keeps the deadline of a rectification order, and leaves out empty items and lots', () => {
    const body = accepted(inspectionBody({ ...form, result: 'rectify', items: [], lots: [] }), InspectionBody);
    expect(body).toEqual({ operatorId: FARM, kind: 'inspection', result: 'rectify', findings: '记录完整', rectifyBy: '2027-01-15' });
  });

  it('names what is missing: the operator, the findings, a rectification order without a deadline', () => {
    expect(missingOf(inspectionBody({ ...form, operatorId: 'not an id!', findings: '  ', result: 'rectify', rectifyBy: '' }))).toEqual([
      'operatorId',
      'findings',
      'rectifyBy',
    ]);
  });
});

describe('reviewBody and reasonBody', () => {
  it('approves without a reason, and with one', () => {
    expect(accepted(reviewBody('approve', ''), ReviewBody)).toEqual({ decision: 'approve' });
    expect(accepted(reviewBody('approve', ' 齐全 '), ReviewBody)).toEqual({ decision: 'approve', reason: '齐全' });
  });

  it('refuses a rejection that does not say why', () => {
    expect(missingOf(reviewBody('reject', ' '))).toEqual(['reason']);
    expect(accepted(reviewBody('reject', '证照不全'), ReviewBody)).toEqual({ decision: 'reject', reason: '证照不全' });
  });

  it('needs the note that closes a rectification', () => {
    expect(missingOf(reasonBody('note', ''))).toEqual(['note']);
    expect(accepted(reasonBody('note', '已整改'), RectificationBody)).toEqual({ note: '已整改' });
  });
});

describe('taskBody', () => {
  const form = {
    kind: 'routine' as const,
    title: '',
    region: '44',
    categories: ['vegetable' as const],
    items: '毒死蜱，克百威、毒死蜱\n氧乐果',
    dueBy: '2027-02-01',
    planned: '',
  };

  it('splits the test items on either comma, 、 and new lines, once each', () => {
    const body = accepted(taskBody(form), SamplingTaskBody);
    expect(body).toEqual({
      kind: 'routine',
      region: '44',
      categories: ['vegetable'],
      items: ['毒死蜱', '克百威', '氧乐果'],
      dueBy: '2027-02-01',
    });
  });

  it('keeps a title and a whole planned count', () => {
    expect(accepted(taskBody({ ...form, title: '专项', planned: '12' }), SamplingTaskBody)).toMatchObject({ title: '专项', planned: 12 });
  });

  it('names a region that is no prefix, no category, no item, no deadline and a planned count that is not whole', () => {
    expect(missingOf(taskBody({ ...form, region: '', categories: [], items: ' ， ', dueBy: '', planned: '2.5' }))).toEqual([
      'region',
      'categories',
      'items',
      'dueBy',
      'planned',
    ]);
  });
});

describe('sampleBody', () => {
  it('takes the code from a scanned label, and leaves out the place and amount when not given', () => {
    const body = accepted(sampleBody({ taskId: 'TSK-1', lotCode: LABEL, operatorId: '', amount: '', unit: 'kg' }), SampleBody);
    expect(body).toEqual({ taskId: 'TSK-1', lotCode: LOT });
  });

  it('keeps where the sample was taken and how much', () => {
    const body = accepted(sampleBody({ taskId: 'TSK-1', lotCode: LOT, operatorId: CARD, amount: '1.5', unit: 'kg' }), SampleBody);
    expect(body).toEqual({ taskId: 'TSK-1', lotCode: LOT, operatorId: FARM, quantity: { amount: 1.5, unit: 'kg' } });
  });

  it('names a missing task, a code with wrong check digits, and an amount that is not positive', () => {
    const wrong = `${LOT.slice(0, 19)}${(Number(LOT[19]) + 1) % 10}`;
    expect(missingOf(sampleBody({ taskId: '', lotCode: wrong, operatorId: '', amount: '-1', unit: 'kg' }))).toEqual([
      'taskId',
      'lotCode',
      'amount',
    ]);
  });
});

describe('the lab result', () => {
  const row = (item: string, value: string, verdict: 'pass' | 'fail', limit = ''): ItemRow => ({
    item,
    value,
    unit: 'mg/kg',
    limit,
    method: '',
    verdict,
  });

  it.each([
    ['0.31', '0.02', 'pass', 'fail'],
    ['0.02', '0.02', 'fail', 'pass'],
    ['0.01', '', 'fail', 'fail'],
    ['', '0.02', 'pass', 'pass'],
  ] as const)('suggests the verdict of value %s against limit %s (the lab said %s): %s', (value, limit, fallback, expected) => {
    expect(suggestedVerdict(value, limit, fallback)).toBe(expected);
  });

  it('fails overall when one item fails, the only pairing the server takes', () => {
    expect(overallVerdict([{ verdict: 'pass' }, { verdict: 'fail' }])).toBe('fail');
    expect(overallVerdict([{ verdict: 'pass' }])).toBe('pass');
  });

  it('leaves out the rows without a value, and fails the result with a failed item', () => {
    const rows = [row('毒死蜱', '0.31', 'fail', '0.02'), row('克百威', '', 'pass'), row('氧乐果', '0', 'pass')];
    const body = accepted(resultBody(rows, ' 省检测中心 ', ''), ResultBody);
    expect(body).toEqual({
      verdict: 'fail',
      items: [
        { item: '毒死蜱', value: 0.31, unit: 'mg/kg', limit: 0.02, verdict: 'fail' },
        { item: '氧乐果', value: 0, unit: 'mg/kg', verdict: 'pass' },
      ],
      lab: '省检测中心',
    });
  });

  it('needs one tested row, and names the rows whose figures are not numbers or lack a unit', () => {
    expect(missingOf(resultBody([row('毒死蜱', '', 'pass')], '', ''))).toEqual(['items']);
    const rows = [
      row('毒死蜱', 'abc', 'pass'),
      { ...row('克百威', '1', 'pass'), unit: ' ' },
      row('氧乐果', '1', 'pass', 'x'),
      row('甲胺磷', '1', 'pass'),
    ];
    expect(missingOf(resultBody(rows, '', ''))).toEqual(['items.0', 'items.1', 'items.2']);
  });
});

describe('enforcement', () => {
  it('opens a case against a scanned operator with the lots concerned', () => {
    expect(accepted(caseBody(CARD, ' 投诉 ', [LOT]), CaseBody)).toEqual({ operatorId: FARM, basis: '投诉', lots: [LOT] });
    expect(missingOf(caseBody('', '', []))).toEqual(['operatorId', 'basis']);
  });

  it('records a note, with lots only when some are given', () => {
    expect(accepted(caseRecordBody('evidence', '照片', []), CaseRecordBody)).toEqual({ kind: 'evidence', note: '照片' });
    expect(missingOf(caseRecordBody('inspection', ' ', [LOT]))).toEqual(['note']);
  });

  it('gives a fine its amount in yuan to the fen, and no other penalty one', () => {
    const fine = { type: 'fine' as const, amount: '5000.5', legalBasis: '第七十一条', note: '' };
    expect(accepted(penaltyBody(fine), PenaltyBody)).toEqual({ type: 'fine', amount: 5000.5, legalBasis: '第七十一条' });
    expect(missingOf(penaltyBody({ ...fine, amount: '0.001' }))).toEqual(['amount']);
    expect(missingOf(penaltyBody({ ...fine, amount: '' }))).toEqual(['amount']);
    expect(accepted(penaltyBody({ ...fine, type: 'warning', note: '首次' }), PenaltyBody)).toEqual({
      type: 'warning',
      legalBasis: '第七十一条',
      note: '首次',
    });
    expect(missingOf(penaltyBody({ ...fine, type: 'warning', legalBasis: '' }))).toEqual(['legalBasis']);
  });

  it('closes a case with or without a note', () => {
    expect(accepted({ ok: true, body: closeBody('') }, CloseCaseBody)).toEqual({});
    expect(accepted({ ok: true, body: closeBody(' 结案 ') }, CloseCaseBody)).toEqual({ note: '结案' });
  });
});

describe('lots scanned one by one', () => {
  it('adds the code a label names, once', () => {
    const first = addLot([], LABEL);
    expect(first).toEqual({ ok: true, lots: [LOT] });
    expect(addLot([LOT], LOT)).toEqual({ ok: false, why: 'duplicate' });
  });

  it('refuses what names no lot, an identity card included', () => {
    expect(addLot([], CARD)).toEqual({ ok: false, why: 'notALot' });
    expect(addLot([], '1234')).toEqual({ ok: false, why: 'notALot' });
  });

  it('lists the distinct entries of a text', () => {
    expect(listOf(' a, b，c、d;e；f\n a ')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});

/** Scanned input: an operator id or its identity-card URL, a trace code or its label URL (schemas/regulation.ts). */
import { describe, expect, it } from 'vitest';
import { formatTraceCode, generateTraceCode } from '../../src/domain/index.js';
import { freshRecordId } from '../../src/api/identity.js';
import { ScannedLotCodeSchema, ScannedOperatorIdSchema, lotCodeOfScan, operatorIdOfScan } from '../../src/api/schemas/regulation.js';

const CODE = generateTraceCode({ kind: 1, region: '440113', serial: '00000000042' });
const ID = '91440113MA5FARM1XX';

describe('operatorIdOfScan', () => {
  it.each([
    [ID, ID],
    [`  ${ID} `, ID],
    [`https://trace.example.cn/o/${ID}`, ID],
    [`http://localhost:8080/o/${ID}/`, ID],
    [`https://trace.example.cn/o/${ID}?from=card#top`, ID],
    [`/o/${ID}`, ID],
    [`/o/${ID}#x`, ID],
    ['P44011301234ABCDEFG', 'P44011301234ABCDEFG'],
  ])('reads %s as %s', (text, id) => expect(operatorIdOfScan(text)).toBe(id));

  it.each([
    '',
    ' ',
    'https://trace.example.cn/o/',
    'https://trace.example.cn/c/12345',
    'https://trace.example.cn/o/a/b',
    'ftp://host/o/abc',
    '/o/%E0%A4%A',
    '/o/<script>',
    'two words',
    '-leading-dash',
    'x'.repeat(65),
  ])('refuses %j', (text) => {
    expect(operatorIdOfScan(text)).toBeUndefined();
    expect(ScannedOperatorIdSchema.safeParse(text).success).toBe(false);
  });

  it('transforms in the schema', () => {
    expect(ScannedOperatorIdSchema.parse(`https://h/o/${ID}?q=1`)).toBe(ID);
  });
});

describe('lotCodeOfScan', () => {
  it.each([
    [CODE],
    [formatTraceCode(CODE)],
    [formatTraceCode(CODE).replace(/ /g, '-')],
    [`https://trace.example.cn/c/${CODE}`],
    [`https://trace.example.cn/c/${CODE}/`],
    [`http://10.0.0.2:3000/c/${CODE}?utm=label#top`],
    [`/c/${CODE}`],
    [`/c/${encodeURIComponent(formatTraceCode(CODE))}`],
  ])('reads %s as the canonical code', (text) => expect(lotCodeOfScan(text)).toEqual({ code: CODE }));

  it.each([
    '',
    'hello',
    '12345678901234567890',
    `https://h/o/${CODE}`,
    `https://h/c/${CODE}/label.svg`,
    `${CODE.slice(0, 19)}${(Number(CODE[19]) + 1) % 10}`,
  ])('refuses %j with the reasons', (text) => {
    const scanned = lotCodeOfScan(text);
    expect('reasons' in scanned && scanned.reasons.length > 0).toBe(true);
    expect(ScannedLotCodeSchema.safeParse(text).success).toBe(false);
  });
});

describe('freshRecordId', () => {
  it('draws a prefixed id of 15 characters from the id alphabet, fresh each time', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => freshRecordId('SMP')));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^SMP[0-9A-HJ-NP-RTUWXY]{12}$/);
    expect(freshRecordId('CAS').length).toBeLessThanOrEqual(48);
  });
});

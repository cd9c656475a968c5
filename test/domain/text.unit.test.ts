import { describe, expect, it } from 'vitest';
import { PenalizeSchema, TestItemResultSchema, TextSchema } from '../../src/domain/index.js';

describe("a regulator record's free text (TextSchema)", () => {
  const line = TextSchema(20);
  const note = TextSchema(100, { multiline: true });

  it('keeps any visible text: CJK, emoji, a right-to-left mark, symbols', () => {
    for (const text of ['毒死蜱', 'μg/kg', '😀 合格', 'עברית\u200f', 'GB 23200.113-2018']) expect(line.safeParse(text).success).toBe(true);
  });

  it('refuses blank text, control characters and bidirectional overrides that make text read otherwise than stored', () => {
    for (const text of ['', ' ', '\u3000', 'a\u0000b', 'a\u0007', '\u202egk/gm', 'x\u2066y\u2069', 'a\u0085', 'a\u007f', 'a\nb', 'a\tb']) {
      expect(line.safeParse(text).success, JSON.stringify(text)).toBe(false);
    }
  });

  it('lets a note hold tabs and line breaks, nothing else hidden', () => {
    expect(note.safeParse('第一条\n第二条\r\n\t附件').success).toBe(true);
    expect(note.safeParse('第一条\u000b').success).toBe(false);
    expect(note.safeParse('\n\t ').success).toBe(false);
  });
});

describe('amounts on penalties and lab results', () => {
  const fine = (amount: number) =>
    PenalizeSchema.safeParse({ type: 'case.penalize', caseId: 'C1', penalty: 'fine', amount, legalBasis: '第七十一条' }).success;

  it('takes a fine in whole fen, and refuses dust and fractions of a fen', () => {
    for (const amount of [0.01, 19.99, 100.12, 1_234_567.89, 1e12]) expect(fine(amount), String(amount)).toBe(true);
    for (const amount of [0, -5, 1e-9, 0.005, 100.123, 100.0000000001, 0.1 + 0.2, 1e13]) expect(fine(amount), String(amount)).toBe(false);
  });

  it('keeps lab values within ±10¹²', () => {
    const item = (value: number) => TestItemResultSchema.safeParse({ item: '铅', value, unit: 'mg/kg', verdict: 'pass' }).success;
    expect(item(-0.5)).toBe(true);
    expect(item(1e12)).toBe(true);
    expect(item(1e13)).toBe(false);
    expect(item(Number.POSITIVE_INFINITY)).toBe(false);
  });
});

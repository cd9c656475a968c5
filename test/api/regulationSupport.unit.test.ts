/** The edge's helpers for issue 12: fresh-id retries in submit, the CSV encoder, the trace-window setting. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { ApiContext } from '../../src/api/context.js';
import { csvField, toCsv, wantsCsv } from '../../src/api/csv.js';
import { submit } from '../../src/api/write.js';
import { DEFAULT_TRACE_WINDOW_DAYS, traceWindowDays } from '../../src/config.js';

/** A ledger that refuses the first `clashes` commands with `code`, then accepts. */
function clashingContext(clashes: number, code: string) {
  const seen: string[] = [];
  const ledger = {
    async submit(command: { caseId: string }) {
      seen.push(command.caseId);
      if (seen.length <= clashes) return { ok: false, kind: 'rejected', rejection: { code, message: 'exists', field: 'caseId' } };
      return {
        ok: true,
        replayed: false,
        events: [{ type: 'case.opened', data: command }],
        receipt: { size: 1, checkpoint: '', events: [] },
      };
    },
  };
  const ctx = { ledger, metrics: { writes: { inc: () => undefined } } } as unknown as ApiContext;
  const request = { principal: { id: 'e', name: 'e', role: 'enforcer', region: '44' }, headers: {} } as unknown as FastifyRequest;
  return { ctx, request, reply: {} as FastifyReply, seen };
}

describe('submit with freshIds', () => {
  let counter = 0;
  const build = () => ({ type: 'case.close' as const, caseId: `CAS${++counter}` });

  it('retries a RecordExists refusal with a new id', async () => {
    const { ctx, request, reply, seen } = clashingContext(2, 'RecordExists');
    const written = await submit(ctx, request, reply, build, { freshIds: true });
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    expect(written.events[0]!.data).toMatchObject({ caseId: seen[2] });
  });

  it('gives up after three retries, and never retries without freshIds or for another code', async () => {
    await expect(submit(...argsOf(clashingContext(9, 'RecordExists')), build, { freshIds: true })).rejects.toMatchObject({
      code: 'RecordExists',
    });
    const once = clashingContext(1, 'RecordExists');
    await expect(submit(once.ctx, once.request, once.reply, build)).rejects.toMatchObject({ code: 'RecordExists', statusCode: 409 });
    expect(once.seen).toHaveLength(1);
    const codes = clashingContext(1, 'CodeExists');
    await expect(submit(codes.ctx, codes.request, codes.reply, build, { freshIds: true })).rejects.toMatchObject({ code: 'CodeExists' });
  });

  const argsOf = (c: ReturnType<typeof clashingContext>) => [c.ctx, c.request, c.reply] as const;
});

describe('CSV', () => {
  it('quotes as RFC 4180 asks, with a BOM and CRLF', () => {
    expect(csvField('广州市')).toBe('广州市');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
    const csv = toCsv([{ header: '地区', value: (row: { r: string }) => row.r }], [{ r: '44' }, { r: 'x,y' }]);
    expect(csv).toBe('\ufeff地区\r\n44\r\n"x,y"\r\n');
  });

  it('answers CSV only when asked for it before JSON', () => {
    const ask = (accept?: string) => wantsCsv({ headers: accept === undefined ? {} : { accept } } as FastifyRequest);
    expect(ask()).toBe(false);
    expect(ask('application/json')).toBe(false);
    expect(ask('text/csv')).toBe(true);
    expect(ask('text/csv, application/json')).toBe(true);
    expect(ask('application/json, text/csv')).toBe(false);
  });
});

describe('SUYUAN_TRACE_WINDOW_DAYS', () => {
  it('defaults to 180 days and refuses nonsense', () => {
    expect(traceWindowDays({})).toBe(DEFAULT_TRACE_WINDOW_DAYS);
    expect(DEFAULT_TRACE_WINDOW_DAYS).toBe(180);
    expect(traceWindowDays({ SUYUAN_TRACE_WINDOW_DAYS: ' 90 ' })).toBe(90);
    for (const bad of ['0', '-3', '1.5', 'a year', '99999']) {
      expect(() => traceWindowDays({ SUYUAN_TRACE_WINDOW_DAYS: bad })).toThrow(/SUYUAN_TRACE_WINDOW_DAYS/);
    }
  });
});

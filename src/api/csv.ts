/**
 * CSV answers for spreadsheets (RFC 4180): CRLF line ends, fields with a
 * comma, quote or line break quoted and their quotes doubled, and a UTF-8
 * byte-order mark first, without which Excel reads Chinese headers as
 * mojibake.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const CSV_TYPE = 'text/csv; charset=utf-8';
const BOM = '\ufeff';

export type CsvValue = string | number | null | undefined;

/** A column: its header and how a row gives its value. */
export interface CsvColumn<Row> {
  readonly header: string;
  readonly value: (row: Row) => CsvValue;
}

/**
 * csvField quotes a value when RFC 4180 needs it. A text cell a spreadsheet
 * would run as a formula (starting with = + - @, a tab or a carriage return;
 * OWASP's CSV injection) is sent with a leading apostrophe. Today's cells are
 * region codes, GB/T 2260 names and counts, none of which can start so; the
 * guard keeps it that way if a cell ever carries text someone typed. Numbers
 * are never text, so a negative figure stays a number.
 */
export function csvField(value: CsvValue): string {
  const text = value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : neutralised(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const neutralised = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** toCsv renders the rows under the columns' headers, with the BOM. */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((column) => csvField(column.header)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvField(column.value(row))).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** wantsCsv: the client asked for text/csv (an Accept that also names JSON first keeps JSON). */
export function wantsCsv(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  const csv = accept.indexOf('text/csv');
  if (csv < 0) return false;
  const json = accept.indexOf('application/json');
  return json < 0 || csv < json;
}

/** sendCsv answers with the CSV text as a download named `filename` (ASCII). */
export function sendCsv(reply: FastifyReply, filename: string, csv: string): FastifyReply {
  return reply.header('content-type', CSV_TYPE).header('content-disposition', `attachment; filename="${filename}"`).send(csv);
}

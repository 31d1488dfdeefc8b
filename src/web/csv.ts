import type http from 'node:http';
import { PRIVATE_HEADERS } from './private-response.js';

export type CsvValue = string | number | boolean | Date | null;

/** A CSV file's columns, in order: the header and how a row fills it. */
export type CsvColumns<Row> = ReadonlyArray<readonly [string, (row: Row) => CsvValue]>;

/**
 * One CSV cell: instants as ISO 8601 (UTC), quoted when it holds a comma, quote or line break, and a cell that a
 * spreadsheet would read as a formula (= + - @, tab, carriage return) starts with an apostrophe.
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow<Row>(columns: CsvColumns<Row>, row: Row): string {
  return `${columns.map(([, read]) => csvCell(read(row))).join(',')}\r\n`;
}

/**
 * The rows of an export, streamed as they come, as `<name>-<from>-<to>.csv` for a period's (or under a file name of
 * its own); answers how many were sent.
 */
export async function sendCsv<Row>(
  response: http.ServerResponse,
  file: { name: string; from: Date; to: Date } | { filename: string },
  columns: CsvColumns<Row>,
  rows: AsyncIterable<Row> | Iterable<Row>,
): Promise<number> {
  const day = (at: Date) => at.toISOString().slice(0, 10);
  const filename = 'filename' in file ? file.filename : `${file.name}-${day(file.from)}-${day(file.to)}.csv`;
  response.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    ...PRIVATE_HEADERS,
  });
  // A byte-order mark, so spreadsheet programs read the file as UTF-8.
  response.write(`\uFEFF${columns.map(([name]) => name).join(',')}\r\n`);
  let sent = 0;
  for await (const row of rows) {
    sent += 1;
    if (!response.write(csvRow(columns, row))) await new Promise((resolve) => response.once('drain', resolve));
  }
  response.end();
  return sent;
}

/** The signed parts of a period link as received in a request's query. */
export function periodLinkQuery(request: http.IncomingMessage): Record<'from' | 'to' | 'staff' | 'expires' | 'sig', string | null> {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
  return { from: query.get('from'), to: query.get('to'), staff: query.get('staff'), expires: query.get('expires'), sig: query.get('sig') };
}

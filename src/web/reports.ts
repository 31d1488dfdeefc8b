import type http from 'node:http';
import { reportAccessOf } from '../domain/report-access.js';
import { REPORT_EXPORT_PATH, type ReportLinks } from '../domain/report-link.js';
import type { QualityMonitor, QualityRow } from '../domain/quality/report.js';
import type { StaffMember } from '../domain/staff.js';
import type { HttpServer } from '../http/server.js';
import type { Logger } from '../logger.js';
import { escapeHtml } from './pages.js';

export interface ReportExportDependencies {
  links: ReportLinks;
  quality: Pick<QualityMonitor, 'rows'>;
  /** The staff member a link was made for, as the directory has them now (null when unknown). */
  staffMember(id: string): Promise<StaffMember | null>;
  logger: Logger;
}

/** Every metric input of one inquiry (QualityRow), in this order; no client name or contact exists among them. */
const COLUMNS: ReadonlyArray<readonly [string, (row: QualityRow) => string | number | boolean | Date | null]> = [
  ['registry_number', (row) => row.registryNumber],
  ['channel', (row) => row.channel],
  ['kind', (row) => row.kind],
  ['owner_id', (row) => row.ownerId],
  ['received_at', (row) => row.receivedAt],
  ['first_reply_due', (row) => row.firstReplyDue],
  ['first_reply_at', (row) => row.firstReplyAt],
  ['first_reply_office_minutes', (row) => row.firstReplyOfficeMinutes],
  ['resolution_due', (row) => row.resolutionDue],
  ['resolved_at', (row) => row.resolvedAt],
  ['overdue', (row) => row.overdue],
  ['escalated_conflicts', (row) => row.escalatedConflicts],
  ['incidents', (row) => row.incidents],
  ['missed_callbacks', (row) => row.missedCallbacks],
  ['summaries_due', (row) => row.summariesDue],
  ['summaries_on_time', (row) => row.summariesOnTime],
  ['reopened', (row) => row.reopened],
  ['rating_score', (row) => row.ratingScore],
];

/**
 * One CSV cell: instants as ISO 8601 (UTC), quoted when it holds a comma, quote or line break, and a cell that a
 * spreadsheet would read as a formula (= + - @, tab, carriage return) starts with an apostrophe.
 */
export function csvCell(value: string | number | boolean | Date | null): string {
  if (value === null) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(row: QualityRow): string {
  return `${COLUMNS.map(([, read]) => csvCell(read(row))).join(',')}\r\n`;
}

/**
 * R60.internal: a report's CSV (one row per inquiry with every metric input), opened by the signed, expiring link the
 * report offered one staff member. Whose rows it holds is decided now from that person's roles (report-access.ts):
 * a representative's own, a manager's team, everything for the head and admins. An altered, expired or foreign link,
 * or a person no longer active, gets a 403 page and nothing of the data. Rows are streamed as the monitor yields them.
 */
export function mountReportExports(http: HttpServer, deps: ReportExportDependencies): void {
  const { links, quality, logger } = deps;
  http.route('GET', REPORT_EXPORT_PATH, async (request, response) => {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const check = links.verify({ from: query.get('from'), to: query.get('to'), staff: query.get('staff'), expires: query.get('expires'), sig: query.get('sig') });
    if (!check.ok) {
      logger.info({ reason: check.reason }, 'report export link refused');
      return refuse(response);
    }
    const person = await deps.staffMember(check.staffId);
    if (!person?.active) {
      logger.info({ staffId: check.staffId }, 'report export refused: no such active staff member');
      return refuse(response);
    }
    const day = (at: Date) => at.toISOString().slice(0, 10);
    response.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="langelis-${day(check.period.from)}-${day(check.period.to)}.csv"`,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
    // A byte-order mark, so spreadsheet programs read the file as UTF-8.
    response.write(`\uFEFF${COLUMNS.map(([name]) => name).join(',')}\r\n`);
    let rows = 0;
    for await (const row of quality.rows(check.period, reportAccessOf(person).own)) {
      rows += 1;
      if (!response.write(csvLine(row))) await new Promise((resolve) => response.once('drain', resolve));
    }
    response.end();
    logger.info({ staffId: person.id, rows }, 'report export sent');
  });
}

const REFUSAL = {
  lt: ['Nuoroda į ataskaitą negalioja', 'Nuoroda pakeista, jos galiojimo laikas baigėsi arba ji skirta kitam darbuotojui. Paprašykite ataskaitos iš naujo per Slack ar Teams.'],
  en: ['This link to a report is not valid', 'The link was altered, has expired, or was made for another staff member. Ask for the report again in Slack or Teams.'],
} as const;

function refuse(response: http.ServerResponse): void {
  response.writeHead(403, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  });
  const { lt, en } = REFUSAL;
  response.end(`<!doctype html>
<html lang="lt">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(`${lt[0]} / ${en[0]}`)}</title></head>
<body>
<main>
<h1>${escapeHtml(lt[0])}</h1>
<p>${escapeHtml(lt[1])}</p>
<section lang="en"><h2>${escapeHtml(en[0])}</h2><p>${escapeHtml(en[1])}</p></section>
</main>
</body>
</html>
`);
}

import type { AuditTrail } from '../domain/audit.service.js';
import { reportAccessOf } from '../domain/report-access.js';
import { REPORT_EXPORT_PATH, type ReportLinks } from '../domain/report-link.js';
import type { QualityMonitor, QualityRow } from '../domain/quality/report.js';
import type { StaffMember } from '../domain/staff.js';
import type { HttpServer } from '../http/server.js';
import type { Logger } from '../logger.js';
import { csvRow, periodLinkQuery, sendCsv, type CsvColumns } from './csv.js';
import { refuseLink, type Refusal } from './private-response.js';

export interface ReportExportDependencies {
  links: ReportLinks;
  quality: Pick<QualityMonitor, 'rows'>;
  /** The staff member a link was made for, as the directory has them now (null when unknown). */
  staffMember(id: string): Promise<StaffMember | null>;
  logger: Logger;
  /** R12.records: each export is recorded before its first row is read. */
  audit: Pick<AuditTrail, 'recordRead'>;
}

/** Every metric input of one inquiry (QualityRow), in this order; no client name or contact exists among them. */
const COLUMNS: CsvColumns<QualityRow> = [
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

export function csvLine(row: QualityRow): string {
  return csvRow(COLUMNS, row);
}

/**
 * R60.internal: a report's CSV (one row per inquiry with every metric input), opened by the signed, expiring link the
 * report offered one staff member. Whose rows it holds is decided now from that person's roles (report-access.ts):
 * a representative's own, a manager's team, everything for the head and admins. An altered, expired or foreign link,
 * or a person no longer active, gets a 403 page and nothing of the data. Rows are streamed as the monitor yields them.
 */
export function mountReportExports(http: HttpServer, deps: ReportExportDependencies): void {
  const { links, quality, logger } = deps;
  http.routeForEach('GET', REPORT_EXPORT_PATH, async (request, response) => {
    const check = links.verify(periodLinkQuery(request));
    if (!check.ok) {
      logger.info({ reason: check.reason }, 'report export link refused');
      return refuseLink(response, 403, REFUSAL);
    }
    const person = await deps.staffMember(check.staffId);
    if (!person?.active) {
      logger.info({ staffId: check.staffId }, 'report export refused: no such active staff member');
      return refuseLink(response, 403, REFUSAL);
    }
    const access = reportAccessOf(person);
    await deps.audit.recordRead(person.id, 'exported', { details: { report: 'quality', scope: access.kind, from: check.period.from.toISOString(), to: check.period.to.toISOString() } });
    const rows = await sendCsv(response, { name: 'langelis', ...check.period }, COLUMNS, quality.rows(check.period, access.own));
    logger.info({ staffId: person.id, rows }, 'report export sent');
  });
}

const REFUSAL: Refusal = {
  lt: ['Nuoroda į ataskaitą negalioja', 'Nuoroda pakeista, jos galiojimo laikas baigėsi arba ji skirta kitam darbuotojui. Paprašykite ataskaitos iš naujo per Slack ar Teams.'],
  en: ['This link to a report is not valid', 'The link was altered, has expired, or was made for another staff member. Ask for the report again in Slack or Teams.'],
};

import { AUDIT_EXPORT_PATH } from '../domain/audit-link.js';
import type { AuditTrail } from '../domain/audit.service.js';
import type { StoredAuditEntry } from '../domain/audit.js';
import { DomainError } from '../domain/errors.js';
import type { HttpServer } from '../http/server.js';
import type { Logger } from '../logger.js';
import { periodLinkQuery, sendCsv, type CsvColumns } from './csv.js';
import { refuseLink, type Refusal } from './private-response.js';

export interface AuditExportDependencies {
  audit: Pick<AuditTrail, 'verifyLink' | 'exportEntries'>;
  logger: Logger;
}

/** Every column of the log, in this order: ids, the action, when, and the non-personal details as JSON. */
const COLUMNS: CsvColumns<StoredAuditEntry> = [
  ['id', (entry) => entry.id],
  ['at', (entry) => entry.at],
  ['actor_id', (entry) => entry.actorId],
  ['action', (entry) => entry.action],
  ['inquiry_id', (entry) => entry.inquiryId],
  ['registry_number', (entry) => entry.registryNumber],
  ['subject_staff_id', (entry) => entry.subjectStaffId],
  ['details', (entry) => (Object.keys(entry.details).length === 0 ? null : JSON.stringify(entry.details))],
];

/**
 * R12.records: the audit log of a period as CSV, opened by the signed, expiring link `audit <from> <to>` gave one
 * admin. The person must still be an active admin when it is opened; the export is recorded before its first line is
 * read. An altered, expired or foreign link, or anyone else, gets a 403 page and nothing of the log.
 */
export function mountAuditExport(http: HttpServer, deps: AuditExportDependencies): void {
  const { audit, logger } = deps;
  http.routeForEach('GET', AUDIT_EXPORT_PATH, async (request, response) => {
    const check = audit.verifyLink(periodLinkQuery(request));
    if (!check.ok) {
      logger.info({ reason: check.reason }, 'audit export link refused');
      return refuseLink(response, 403, REFUSAL);
    }
    let entries: AsyncIterable<StoredAuditEntry>;
    try {
      entries = await audit.exportEntries(check.staffId, check.period);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      logger.info({ staffId: check.staffId, code: error.code }, 'audit export refused');
      return refuseLink(response, 403, REFUSAL);
    }
    const rows = await sendCsv(response, { name: 'langelis-audit', ...check.period }, COLUMNS, entries);
    logger.info({ staffId: check.staffId, rows }, 'audit export sent');
  });
}

const REFUSAL: Refusal = {
  lt: ['Nuoroda į audito žurnalą negalioja', 'Nuoroda pakeista, jos galiojimo laikas baigėsi arba ji skirta kitam darbuotojui. Audito žurnalą gali atsisiųsti tik administratorius: paprašykite jo iš naujo per Slack ar Teams.'],
  en: ['This link to the audit log is not valid', 'The link was altered, has expired, or was made for another staff member. Only an admin may download the audit log: ask for it again in Slack or Teams.'],
};

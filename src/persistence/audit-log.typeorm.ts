import type { EntityManager } from 'typeorm';
import type { AuditDetails, AuditEntry, AuditLog, StoredAuditEntry } from '../domain/audit.js';
import type { Period } from '../domain/quality/report.js';

/** Lines read per query while an export streams: the log of a year is read without holding it in memory. */
const PAGE = 500;

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  action: AuditEntry['action'];
  inquiry_id: string | null;
  registry_number: string | null;
  subject_staff_id: string | null;
  details: AuditDetails;
}

/**
 * R12.records: the audit log in `audit_log` (migration 1763900000014). Given a transaction's manager, an entry commits
 * with the change it records; given the data source's manager, on its own. The table refuses UPDATE, DELETE and
 * TRUNCATE, so this class can only append and read.
 */
export class TypeormAuditLog implements AuditLog {
  constructor(private readonly db: Pick<EntityManager, 'query'>) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_log (at, actor_id, action, inquiry_id, registry_number, subject_staff_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.at, entry.actorId, entry.action, entry.inquiryId, entry.registryNumber, entry.subjectStaffId, JSON.stringify(entry.details)],
    );
  }

  async *entries(period: Period): AsyncIterable<StoredAuditEntry> {
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const rows: AuditRow[] = await this.db.query(
        `SELECT id::text AS id, at, actor_id, action, inquiry_id, registry_number, subject_staff_id, details FROM audit_log
         WHERE at >= $1 AND at < $2 AND ($3::timestamptz IS NULL OR (at, id) > ($3::timestamptz, $4::bigint))
         ORDER BY at, id LIMIT ${PAGE}`,
        [period.from, period.to, after?.at ?? null, after?.id ?? null],
      );
      for (const row of rows) {
        yield {
          id: row.id,
          at: row.at,
          actorId: row.actor_id,
          action: row.action,
          inquiryId: row.inquiry_id,
          registryNumber: row.registry_number,
          subjectStaffId: row.subject_staff_id,
          details: row.details,
        };
      }
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1]!;
      after = { at: last.at, id: last.id };
    }
  }
}

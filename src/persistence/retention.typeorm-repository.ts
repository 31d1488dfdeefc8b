import type { DataSource, EntityManager } from 'typeorm';
import type { EventConsumer } from '../domain/notifier.js';
import {
  anonymisedDetails,
  type RetentionCandidate,
  type RetentionPeriods,
  type RetentionReads,
  type RetentionRepository,
  type RetentionScope,
  type RetentionState,
} from '../domain/retention.js';
import type { InquiryKind } from '../domain/inquiry.js';
import { TypeormUnitOfWork } from './unit-of-work.typeorm.js';

/** A client's Message-ID as kept after anonymisation: the same id hashes alike (threads still match), but names nobody. */
const hashedId = (column: string) => `CASE WHEN ${column} IS NULL THEN NULL ELSE '<anonymised.' || md5(${column}) || '>' END`;

/** Due: closed, not anonymised, not on hold, and the kind's period since `closed_at` over by `$3`. */
const DUE_SQL = `
  SELECT i.id, i.registry_number, i.kind, i.closed_at
    FROM inquiries i
    JOIN unnest($1::text[], $2::int[]) AS p (kind, days) ON p.kind = i.kind
   WHERE i.status = 'closed' AND i.anonymised_at IS NULL AND NOT i.legal_hold AND i.closed_at IS NOT NULL
     AND i.closed_at + make_interval(days => p.days) <= $3
   ORDER BY i.closed_at, i.id
   LIMIT $4`;

function dueParams(periods: RetentionPeriods, by: Date, limit: number): unknown[] {
  const kinds = Object.keys(periods) as InquiryKind[];
  return [kinds, kinds.map((kind) => periods[kind]), by, limit];
}

const candidate = (row: { id: string; registry_number: string; kind: InquiryKind; closed_at: Date }): RetentionCandidate => ({
  id: row.id,
  registryNumber: row.registry_number,
  kind: row.kind,
  closedAt: row.closed_at,
});

/** Issue #15: the retention facts of inquiries and the scrubbing of their personal data, in the caller's transaction. */
export class TypeormRetentionRepository implements RetentionRepository, RetentionReads {
  constructor(private readonly db: EntityManager) {}

  async due(periods: RetentionPeriods, by: Date, limit: number): Promise<RetentionCandidate[]> {
    const rows = await this.db.query(DUE_SQL, dueParams(periods, by, limit));
    return rows.map(candidate);
  }

  async lock(inquiryId: string): Promise<RetentionState | null> {
    const [row] = await this.db.query(
      'SELECT id, registry_number, kind, status, closed_at, anonymised_at, legal_hold FROM inquiries WHERE id = $1 FOR UPDATE',
      [inquiryId],
    );
    if (!row) return null;
    return { id: row.id, registryNumber: row.registry_number, kind: row.kind, status: row.status, closedAt: row.closed_at, anonymisedAt: row.anonymised_at, legalHold: row.legal_hold };
  }

  async setLegalHold(inquiryId: string, on: boolean): Promise<boolean> {
    const rows = await this.db.query('UPDATE inquiries SET legal_hold = $2 WHERE id = $1 AND legal_hold <> $2 RETURNING id', [inquiryId, on]);
    return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
  }

  /**
   * R12.records: keeps the registry number, kind, channel, dates, deadline outcomes (quality_facts, quality_marks and
   * deadline_notices are not touched), escalation rows (their count and types) and rating scores; removes the rest.
   */
  async scrub(inquiryId: string, at: Date): Promise<void> {
    const q = (sql: string, params: unknown[] = [inquiryId]) => this.db.query(sql, params);
    // Lets this transaction (and only it) scrub the timeline and stamp the inquiry; off again before anything else.
    await q(`SELECT set_config('langelis.anonymising', 'on', true)`, []);
    try {
      await this.scrubRows(q, inquiryId, at);
    } finally {
      await q(`SELECT set_config('langelis.anonymising', 'off', true)`, []);
    }
  }

  private async scrubRows(q: (sql: string, params?: unknown[]) => Promise<unknown>, inquiryId: string, at: Date): Promise<void> {
    await q(
      `UPDATE inquiries SET client_name = '', client_email = NULL, client_phone = NULL, client_postal_address = NULL,
         subject = '', body = '', next_call_plan = NULL, external_id = ${hashedId('external_id')}, anonymised_at = $2
       WHERE id = $1`,
      [inquiryId, at],
    );
    await q(`UPDATE client_messages SET from_address = NULL, subject = '', body = '', message_id = ${hashedId('message_id')} WHERE inquiry_id = $1`);
    await q(`UPDATE mail_thread_ids SET message_id = ${hashedId('message_id')} WHERE inquiry_id = $1 AND direction = 'in'`);
    await q(
      `UPDATE mail_attachments SET filename = '', content = NULL, sealed_content = NULL, disposition = 'anonymised',
         message_id = ${hashedId('message_id')} WHERE inquiry_id = $1`,
    );
    await q(
      `UPDATE outgoing_emails SET to_name = '', to_address = '', subject = '', body = '', last_error = NULL,
         in_reply_to = ${hashedId('in_reply_to')},
         "references" = ARRAY(SELECT '<anonymised.' || md5(r) || '>' FROM unnest("references") AS r)
       WHERE inquiry_id = $1`,
    );
    await q(`UPDATE escalations SET what_happened = '', client_told_what = '', decision_note = CASE WHEN decision_note IS NULL THEN NULL ELSE '' END WHERE inquiry_id = $1`);
    await q(
      `UPDATE meetings SET agenda = '', participants = '{}', previous_key_points = '',
         decisions = CASE WHEN decisions IS NULL THEN NULL ELSE '' END, key_points = CASE WHEN key_points IS NULL THEN NULL ELSE '' END
       WHERE inquiry_id = $1`,
    );
    await q(`UPDATE external_steps SET what = '', decision = CASE WHEN decision IS NULL THEN NULL ELSE '' END WHERE inquiry_id = $1`);
    await q(`UPDATE letters SET body = '', sealed_body = NULL WHERE inquiry_id = $1`);
    await q(`UPDATE rating_requests SET comment = NULL WHERE inquiry_id = $1`);
    await this.scrubJson('inquiry_timeline', 'details', inquiryId);
    await this.scrubJson('outbox', 'payload', inquiryId);
  }

  /**
   * The free text inside JSON (a timeline line's details, an event in the outbox) goes; ids, codes and dates stay. The
   * timeline's trigger lets these UPDATEs through only while `langelis.anonymising` is on in this transaction.
   */
  private async scrubJson(table: 'inquiry_timeline' | 'outbox', column: 'details' | 'payload', inquiryId: string): Promise<void> {
    const rows: Array<{ id: string; value: unknown }> = await this.db.query(`SELECT id, ${column} AS value FROM ${table} WHERE inquiry_id = $1 ORDER BY id`, [inquiryId]);
    for (const row of rows) {
      const scrubbed = anonymisedDetails(row.value) ?? {};
      if (JSON.stringify(scrubbed) === JSON.stringify(row.value)) continue;
      await this.db.query(`UPDATE ${table} SET ${column} = $2 WHERE id = $1`, [row.id, JSON.stringify(scrubbed)]);
    }
  }
}

/** The core's unit of work plus the retention store, in one PostgreSQL transaction. */
export function retentionUnitOfWork(dataSource: DataSource, consumers: readonly Pick<EventConsumer, 'name' | 'accepts'>[], afterCommit?: () => void): TypeormUnitOfWork<RetentionScope> {
  return new TypeormUnitOfWork<RetentionScope>(dataSource, consumers, afterCommit, (manager, scope) => ({ ...scope, retention: new TypeormRetentionRepository(manager) }));
}

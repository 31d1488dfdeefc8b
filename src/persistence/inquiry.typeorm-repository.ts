import type { EntityManager } from 'typeorm';
import type { Channel, Inquiry, InquiryKind, InquiryStatus, PlannedCall } from '../domain/inquiry.js';
import { OPEN_STATUSES } from '../domain/inquiry.js';
import { InvalidTransitionError } from '../domain/errors.js';
import {
  type InquiryQuery,
  type InquiryRepository,
  type NoticeKey,
  type TimelineEntry,
} from '../domain/inquiry.repository.js';
import { InquiryEntity, TimelineEntity, type InquiryRow, type TimelineRow } from './entities.js';
import { isUuid } from './ids.js';
import { sqlState } from './postgres-errors.js';
import type { RegistrationWrites } from './registration-writes.js';

/** InquiryRepository on PostgreSQL through TypeORM, bound to one transaction's EntityManager. */
/** `InquiryQuery`'s order: the reply deadline while unanswered, then the resolution deadline (`resolutionDue`). */
const MOST_PRESSING_FIRST =
  'CASE WHEN first_reply_at IS NULL THEN first_reply_due ELSE COALESCE(promised_by, statutory_due, first_reply_due) END, registry_number';

export class TypeormInquiryRepository implements InquiryRepository {
  /** `registrations`: the unit of work's, which writes a registration right before its commit (R15.register). */
  constructor(
    private readonly db: EntityManager,
    private readonly registrations: RegistrationWrites | null = null,
  ) {}

  async insertNumbered(draft: Omit<Inquiry, 'registryNumber'>, year: number): Promise<Inquiry> {
    if (!this.registrations) throw new Error('registering needs a unit of work');
    const inquiry: Inquiry = { ...draft, registryNumber: '' };
    this.registrations.hold(toRow(inquiry), year, inquiry);
    return inquiry;
  }

  async update(inquiry: Inquiry): Promise<void> {
    const { id, ...row } = toRow(inquiry);
    try {
      await this.db.getRepository(InquiryEntity).update({ id }, row);
    } catch (error) {
      // Issue #15: the database keeps an anonymised inquiry as it is (migration 1763900000016); it can only be closed.
      if (sqlState(error) === 'LA001') throw new InvalidTransitionError(inquiry.registryNumber, 'closed', 'change an anonymised inquiry');
      throw error;
    }
  }

  async getForUpdate(id: string): Promise<Inquiry | null> {
    if (!isUuid(id)) return null;
    const rows: InquiryRow[] = await this.db.query('SELECT * FROM inquiries WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] ? toInquiry(rows[0]) : null;
  }

  async getManyForUpdate(ids: readonly string[]): Promise<Inquiry[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows: InquiryRow[] = await this.db.query('SELECT * FROM inquiries WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [valid]);
    return rows.map(toInquiry);
  }

  async findById(id: string): Promise<Inquiry | null> {
    if (!isUuid(id)) return null;
    return this.findOne('id = $1', [id]);
  }

  findByRegistryNumber(registryNumber: string): Promise<Inquiry | null> {
    return this.findOne('registry_number = $1', [registryNumber]);
  }

  findByExternalId(channel: Channel, externalId: string): Promise<Inquiry | null> {
    return this.findOne('channel = $1 AND external_id = $2', [channel, externalId]);
  }

  async list(query: InquiryQuery): Promise<Inquiry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    if (query.openOnly || query.unclaimed || query.overdueAt) where.push(`status = ANY(${bind(OPEN_STATUSES)})`);
    if (query.ownerId) where.push(`owner_id = ${bind(query.ownerId)}`);
    if (query.unclaimed) where.push('owner_id IS NULL');
    if (query.ownOrUnclaimedOf) where.push(`(owner_id = ${bind(query.ownOrUnclaimedOf)} OR owner_id IS NULL)`);
    if (query.overdueAt) {
      const at = bind(query.overdueAt);
      where.push(`((first_reply_at IS NULL AND first_reply_due < ${at}) OR COALESCE(promised_by, statutory_due) < ${at})`);
    }
    if (query.text) {
      const pattern = bind(`%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(
        `(registry_number ILIKE ${pattern} OR subject ILIKE ${pattern} OR body ILIKE ${pattern} OR client_name ILIKE ${pattern})`,
      );
    }
    const rows: InquiryRow[] = await this.db.query(
      `SELECT * FROM inquiries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${MOST_PRESSING_FIRST} LIMIT ${bind(query.limit)}`,
      params,
    );
    return rows.map(toInquiry);
  }

  async appendTimelines(entries: readonly TimelineEntry[]): Promise<void> {
    const written = entries.filter((entry) => !this.registrations?.holdsTimeline(entry));
    if (written.length === 0) return;
    await this.db.query(
      `INSERT INTO inquiry_timeline (inquiry_id, at, actor_id, action, details)
       SELECT inquiry_id, at, actor_id, action, details
       FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::jsonb[]) WITH ORDINALITY AS x(inquiry_id, at, actor_id, action, details, n) ORDER BY n`,
      [
        written.map((entry) => entry.inquiryId),
        written.map((entry) => entry.at),
        written.map((entry) => entry.actorId),
        written.map((entry) => entry.action),
        written.map((entry) => JSON.stringify(entry.details)),
      ],
    );
  }

  async timeline(inquiryId: string): Promise<TimelineEntry[]> {
    const rows: TimelineRow[] = await this.db
      .getRepository(TimelineEntity)
      .find({ where: { inquiry_id: inquiryId }, order: { id: 'ASC' } });
    return rows.map((row) => ({
      inquiryId: row.inquiry_id,
      at: row.at,
      actorId: row.actor_id,
      action: row.action,
      details: row.details,
    }));
  }

  async recordNotices(notices: readonly NoticeKey[]): Promise<boolean[]> {
    if (notices.length === 0) return [];
    // A notice recorded before is left out (ON CONFLICT), so only the new ones come back.
    const inserted: Array<{ inquiry_id: string; deadline: string; stage: string; due_at: Date }> = await this.db.query(
      `INSERT INTO deadline_notices (inquiry_id, deadline, stage, due_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[])
       ON CONFLICT DO NOTHING RETURNING inquiry_id, deadline, stage, due_at`,
      [notices.map((n) => n.inquiryId), notices.map((n) => n.deadline), notices.map((n) => n.stage), notices.map((n) => n.dueAt)],
    );
    const key = (n: { inquiryId: string; deadline: string; stage: string; dueAt: Date }) => `${n.inquiryId} ${n.deadline} ${n.stage} ${n.dueAt.getTime()}`;
    const recorded = new Set(inserted.map((row) => key({ inquiryId: row.inquiry_id, deadline: row.deadline, stage: row.stage, dueAt: row.due_at })));
    return notices.map((notice) => recorded.delete(key(notice)));
  }

  /** Plain SQL: TypeORM's query builder costs more CPU than the lookup itself (issue #16). */
  private async findOne(where: string, params: unknown[]): Promise<Inquiry | null> {
    const [row]: InquiryRow[] = await this.db.query(`SELECT * FROM inquiries WHERE ${where}`, params);
    return row ? toInquiry(row) : null;
  }
}

function toRow(inquiry: Inquiry): InquiryRow {
  return {
    id: inquiry.id,
    registry_number: inquiry.registryNumber,
    kind: inquiry.kind,
    channel: inquiry.channel,
    external_id: inquiry.externalId,
    client_name: inquiry.client.name,
    client_email: inquiry.client.email,
    client_phone: inquiry.client.phone,
    client_postal_address: inquiry.client.postalAddress,
    client_language: inquiry.client.language,
    subject: inquiry.subject,
    body: inquiry.body,
    received_at: inquiry.receivedAt,
    status: inquiry.status,
    owner_id: inquiry.ownerId,
    first_reply_due: inquiry.firstReplyDue,
    first_reply_at: inquiry.firstReplyAt,
    statutory_due: inquiry.statutoryDue,
    promised_by: inquiry.promisedBy,
    follow_up_due: inquiry.followUpDue,
    resolved_at: inquiry.resolvedAt,
    closed_at: inquiry.closedAt,
    next_call_at: inquiry.nextCall?.at ?? null,
    next_call_plan: inquiry.nextCall?.plan ?? null,
    next_call_purpose: inquiry.nextCall?.purpose ?? null,
    missed_calls: inquiry.missedCalls,
    meeting_summary_due: inquiry.meetingSummaryDue,
    external_step_due: inquiry.externalStepDue,
  };
}

function toInquiry(row: InquiryRow): Inquiry {
  return {
    id: row.id,
    registryNumber: row.registry_number,
    kind: row.kind as InquiryKind,
    channel: row.channel as Channel,
    externalId: row.external_id,
    client: { name: row.client_name, email: row.client_email, phone: row.client_phone, postalAddress: row.client_postal_address, language: row.client_language },
    subject: row.subject,
    body: row.body,
    receivedAt: row.received_at,
    status: row.status as InquiryStatus,
    ownerId: row.owner_id,
    firstReplyDue: row.first_reply_due,
    firstReplyAt: row.first_reply_at,
    statutoryDue: row.statutory_due,
    promisedBy: row.promised_by,
    followUpDue: row.follow_up_due,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    nextCall: row.next_call_at
      ? { at: row.next_call_at, plan: row.next_call_plan ?? '', purpose: row.next_call_purpose as PlannedCall['purpose'] }
      : null,
    missedCalls: row.missed_calls,
    meetingSummaryDue: row.meeting_summary_due,
    externalStepDue: row.external_step_due,
  };
}

import type { EntityManager } from 'typeorm';
import type { Escalation, EscalationRepository, EscalationStatus, EscalationType } from '../domain/escalation.js';
import { EscalationEntity, type EscalationRow } from './entities.js';
import { isUuid } from './ids.js';

/** EscalationRepository on PostgreSQL through TypeORM, bound to one transaction's EntityManager. */
export class TypeormEscalationRepository implements EscalationRepository {
  constructor(private readonly db: EntityManager) {}

  async insert(escalation: Escalation): Promise<void> {
    await this.db.getRepository(EscalationEntity).insert(toRow(escalation));
  }

  async update(escalation: Escalation): Promise<void> {
    const { id, ...row } = toRow(escalation);
    await this.db.getRepository(EscalationEntity).update({ id }, row);
  }

  async getForUpdate(id: string): Promise<Escalation | null> {
    if (!isUuid(id)) return null;
    const rows: EscalationRow[] = await this.db.query('SELECT * FROM escalations WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] ? toEscalation(rows[0]) : null;
  }

  async findById(id: string): Promise<Escalation | null> {
    if (!isUuid(id)) return null;
    const row = await this.db.getRepository(EscalationEntity).findOneBy({ id });
    return row ? toEscalation(row) : null;
  }

  async listByInquiry(inquiryId: string): Promise<Escalation[]> {
    const rows = await this.db.getRepository(EscalationEntity).find({ where: { inquiry_id: inquiryId }, order: { raised_at: 'ASC' } });
    return rows.map(toEscalation);
  }
}

function toRow(escalation: Escalation): EscalationRow {
  return {
    id: escalation.id,
    inquiry_id: escalation.inquiryId,
    type: escalation.type,
    raised_by_id: escalation.raisedById,
    manager_id: escalation.managerId,
    what_happened: escalation.whatHappened,
    client_told_what: escalation.clientToldWhat,
    follow_up_at: escalation.followUpAt,
    status: escalation.status,
    raised_at: escalation.raisedAt,
    reported_to_authorities: escalation.reportedToAuthorities,
    decision_note: escalation.decisionNote,
  };
}

function toEscalation(row: EscalationRow): Escalation {
  return {
    id: row.id,
    inquiryId: row.inquiry_id,
    type: row.type as EscalationType,
    raisedById: row.raised_by_id,
    managerId: row.manager_id,
    whatHappened: row.what_happened,
    clientToldWhat: row.client_told_what,
    followUpAt: row.follow_up_at,
    status: row.status as EscalationStatus,
    raisedAt: row.raised_at,
    reportedToAuthorities: row.reported_to_authorities,
    decisionNote: row.decision_note,
  };
}

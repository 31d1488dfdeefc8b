import type { DataSource, EntityManager } from 'typeorm';
import type { ClientMessage, OutgoingEmail } from '../domain/client-message.js';
import type { Inquiry } from '../domain/inquiry.js';
import { isPerson, parsePersonKeyText, personKeyText, phoneTail, type PersonKey } from '../domain/person-key.js';
import type { RatingRequest } from '../domain/rating.js';
import type { AttachmentRecord, SubjectAccessRepository, SubjectAccessRequest, SubjectAccessScope } from '../domain/subject-access.js';
import { TypeormClientMailRepository } from './client-mail.typeorm-repository.js';
import { isUuid } from './ids.js';
import { TypeormInquiryRepository } from './inquiry.typeorm-repository.js';
import { RATING_COLUMNS, toRatingRequest, type RatingRow } from './rating.typeorm-repository.js';
import { TypeormUnitOfWork } from './unit-of-work.typeorm.js';

/**
 * Issue #15, subject access: a person's records in PostgreSQL, and the admins' export requests
 * (`subject_access_requests`, migration 1763900000017). Reads only, apart from storing a request.
 */
export class TypeormSubjectAccessRepository implements SubjectAccessRepository {
  private readonly inquiries: TypeormInquiryRepository;

  constructor(private readonly db: EntityManager) {
    this.inquiries = new TypeormInquiryRepository(db);
  }

  async inquiriesOfPerson(key: PersonKey): Promise<Inquiry[]> {
    // The query narrows (an e-mail without case, a phone by its last eight digits); `isPerson` decides each candidate.
    const rows: Array<{ id: string }> =
      key.kind === 'email'
        ? await this.db.query(`SELECT id FROM inquiries WHERE lower(btrim(client_email)) = $1 ORDER BY received_at, registry_number`, [key.value])
        : await this.db.query(`SELECT id FROM inquiries WHERE right(regexp_replace(client_phone, '\\D', '', 'g'), 8) = $1 ORDER BY received_at, registry_number`, [phoneTail(key.value)]);
    const found: Inquiry[] = [];
    for (const { id } of rows) {
      const inquiry = await this.inquiries.findById(id);
      if (inquiry && isPerson(inquiry.client, key)) found.push(inquiry);
    }
    return found;
  }

  async clientMessages(inquiryId: string): Promise<ClientMessage[]> {
    const rows: Array<{ id: string; inquiry_id: string; message_id: string; from_address: string | null; subject: string; body: string; received_at: Date }> = await this.db.query(
      'SELECT id, inquiry_id, message_id, from_address, subject, body, received_at FROM client_messages WHERE inquiry_id = $1 ORDER BY received_at, id',
      [inquiryId],
    );
    return rows.map((row) => ({
      id: row.id,
      inquiryId: row.inquiry_id,
      messageId: row.message_id,
      fromAddress: row.from_address,
      subject: row.subject,
      body: row.body,
      receivedAt: new Date(row.received_at),
    }));
  }

  outgoingEmails(inquiryId: string): Promise<OutgoingEmail[]> {
    return new TypeormClientMailRepository(this.db).emailsOf(inquiryId);
  }

  async attachments(inquiryId: string): Promise<AttachmentRecord[]> {
    // Never the content columns: an export lists files, it does not carry them.
    const rows: Array<{ id: string; inquiry_id: string; filename: string; content_type: string; size_bytes: number; disposition: string; received_at: Date | null }> = await this.db.query(
      `SELECT a.id, a.inquiry_id, a.filename, a.content_type, a.size_bytes, a.disposition, m.received_at
         FROM mail_attachments a LEFT JOIN client_messages m ON m.message_id = a.message_id
        WHERE a.inquiry_id = $1 ORDER BY m.received_at NULLS FIRST, a.message_id, a.position`,
      [inquiryId],
    );
    return rows.map((row) => ({
      id: row.id,
      inquiryId: row.inquiry_id,
      filename: row.filename,
      contentType: row.content_type,
      sizeBytes: Number(row.size_bytes),
      stored: row.disposition === 'stored',
      receivedAt: row.received_at ? new Date(row.received_at) : null,
    }));
  }

  async ratings(inquiryId: string): Promise<RatingRequest[]> {
    const rows: RatingRow[] = await this.db.query(
      `SELECT ${RATING_COLUMNS} FROM rating_requests WHERE inquiry_id = $1 ORDER BY requested_at, id`,
      [inquiryId],
    );
    return rows.map(toRatingRequest);
  }

  async otherClientNamesIn(text: string, own: readonly string[]): Promise<string[]> {
    if (text.trim() === '') return [];
    const rows: Array<{ name: string }> = await this.db.query(
      `SELECT DISTINCT btrim(client_name) AS name FROM inquiries
        WHERE NOT (id = ANY($2::uuid[])) AND length(btrim(client_name)) >= 3 AND strpos(lower($1), lower(btrim(client_name))) > 0`,
      [text, [...own]],
    );
    return rows.map((row) => row.name);
  }

  async saveRequest(request: SubjectAccessRequest): Promise<void> {
    await this.db.query('INSERT INTO subject_access_requests (id, person_key, requested_by, requested_at) VALUES ($1, $2, $3, $4)', [
      request.id,
      personKeyText(request.key),
      request.requestedBy,
      request.requestedAt,
    ]);
  }

  async forgetRequestsBefore(at: Date): Promise<number> {
    const [, count]: [unknown, number] = await this.db.query('DELETE FROM subject_access_requests WHERE requested_at < $1', [at]);
    return count;
  }

  async findRequest(id: string): Promise<SubjectAccessRequest | null> {
    if (!isUuid(id)) return null;
    const [row]: Array<{ id: string; person_key: string; requested_by: string; requested_at: Date }> = await this.db.query(
      'SELECT id, person_key, requested_by, requested_at FROM subject_access_requests WHERE id = $1',
      [id],
    );
    const key = row ? parsePersonKeyText(row.person_key) : null;
    return row && key ? { id: row.id, key, requestedBy: row.requested_by, requestedAt: new Date(row.requested_at) } : null;
  }
}

/** The core's unit of work (staff, letters opened with the data keys, meetings, timeline, audit) plus the person's records. */
export function subjectAccessUnitOfWork(dataSource: DataSource): TypeormUnitOfWork<SubjectAccessScope> {
  return new TypeormUnitOfWork<SubjectAccessScope>(dataSource, [], undefined, (manager, scope) => ({ ...scope, subjectAccess: new TypeormSubjectAccessRepository(manager) }));
}

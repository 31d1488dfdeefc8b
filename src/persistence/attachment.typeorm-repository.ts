import type { DataSource, EntityManager } from 'typeorm';
import type { AttachmentRepository, AttachmentSummary } from '../domain/attachment.js';
import type { AttachmentScope } from '../domain/attachment.service.js';
import { cipherOf, sealContext } from './encryption.js';
import { isUuid } from './ids.js';
import { TypeormUnitOfWork } from './unit-of-work.typeorm.js';

interface AttachmentRow {
  id: string;
  inquiry_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  disposition: string;
}

/** The attachments of `mail_attachments`; content is opened with the database's data keys (encryption.ts). */
export class TypeormAttachmentRepository implements AttachmentRepository {
  constructor(private readonly db: EntityManager) {}

  async listByInquiry(inquiryId: string): Promise<AttachmentSummary[]> {
    const rows: AttachmentRow[] = await this.db.query(
      `SELECT a.id, a.inquiry_id, a.filename, a.content_type, a.size_bytes, a.disposition
         FROM mail_attachments a
         LEFT JOIN client_messages m ON m.message_id = a.message_id
        WHERE a.inquiry_id = $1
        ORDER BY m.received_at NULLS FIRST, a.message_id, a.position`,
      [inquiryId],
    );
    return rows.map(toSummary);
  }

  async findWithContent(id: string): Promise<(AttachmentSummary & { content: Buffer | null }) | null> {
    if (!isUuid(id)) return null;
    const [row]: Array<AttachmentRow & { content: Buffer | null; sealed_content: Buffer | null }> = await this.db.query(
      'SELECT id, inquiry_id, filename, content_type, size_bytes, disposition, content, sealed_content FROM mail_attachments WHERE id = $1',
      [id],
    );
    if (!row) return null;
    // A row from before the encryption keeps its plaintext until the next start seals it (sealPlaintextRows).
    const content = row.sealed_content ? cipherOf(this.db).open(row.sealed_content, sealContext('mail_attachments', 'content', row.id)) : row.content;
    return { ...toSummary(row), content };
  }
}

function toSummary(row: AttachmentRow): AttachmentSummary {
  return {
    id: row.id,
    inquiryId: row.inquiry_id,
    filename: row.filename,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    stored: row.disposition === 'stored',
  };
}

/** The core's unit of work plus the inquiries' attachments. */
export function attachmentUnitOfWork(dataSource: DataSource): TypeormUnitOfWork<AttachmentScope> {
  return new TypeormUnitOfWork<AttachmentScope>(dataSource, [], undefined, (manager, scope) => ({ ...scope, attachments: new TypeormAttachmentRepository(manager) }));
}

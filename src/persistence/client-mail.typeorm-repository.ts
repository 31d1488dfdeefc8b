import type { EntityManager } from 'typeorm';
import type {
  AttachmentDisposition,
  ClientMailRepository,
  ClientMessage,
  IncomingAttachment,
  OutgoingEmail,
} from '../domain/client-message.js';
import { randomUUID } from 'node:crypto';
import { isUuid } from './ids.js';
import { cipherOf, sealContext } from './encryption.js';

interface OutgoingEmailRow {
  id: string;
  inquiry_id: string;
  purpose: OutgoingEmail['purpose'];
  dedupe_key: string | null;
  sender_id: string;
  to_name: string;
  to_address: string;
  subject: string;
  body: string;
  language: OutgoingEmail['language'];
  message_id: string;
  in_reply_to: string | null;
  references: string[];
  status: OutgoingEmail['status'];
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/** ClientMailRepository on PostgreSQL, bound to one transaction's EntityManager. */
export class TypeormClientMailRepository implements ClientMailRepository {
  constructor(private readonly db: EntityManager) {}

  async findInquiryByMessageIds(messageIds: string[]): Promise<string | null> {
    const [row] = await this.db.query(
      `SELECT inquiry_id FROM mail_thread_ids WHERE message_id = ANY($1)
       UNION ALL SELECT id FROM inquiries WHERE channel = 'email' AND external_id = ANY($1)
       LIMIT 1`,
      [messageIds],
    );
    return row?.inquiry_id ?? null;
  }

  async threadIds(inquiryId: string): Promise<Array<{ messageId: string; direction: 'in' | 'out' }>> {
    const rows: Array<{ message_id: string; direction: 'in' | 'out' }> = await this.db.query(
      'SELECT message_id, direction FROM mail_thread_ids WHERE inquiry_id = $1 ORDER BY created_at, message_id',
      [inquiryId],
    );
    return rows.map((row) => ({ messageId: row.message_id, direction: row.direction }));
  }

  async addThreadId(inquiryId: string, messageId: string, direction: 'in' | 'out'): Promise<void> {
    await this.db.query(
      'INSERT INTO mail_thread_ids (message_id, inquiry_id, direction) VALUES ($1, $2, $3) ON CONFLICT (institution_id, message_id) DO NOTHING',
      [messageId, inquiryId, direction],
    );
  }

  async isOutgoing(messageId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM mail_thread_ids WHERE message_id = $1 AND direction = 'out'`, [messageId]);
    return rows.length > 0;
  }

  async insertClientMessage(message: ClientMessage): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO client_messages (id, inquiry_id, message_id, from_address, subject, body, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (institution_id, message_id) DO NOTHING RETURNING id`,
      [message.id, message.inquiryId, message.messageId, message.fromAddress, message.subject, message.body, message.receivedAt],
    );
    return rows.length > 0;
  }

  async insertAttachments(
    inquiryId: string,
    messageId: string,
    attachments: Array<IncomingAttachment & { disposition: AttachmentDisposition }>,
  ): Promise<void> {
    for (const [position, attachment] of attachments.entries()) {
      // Health data at rest: the content is sealed for its own row (src/persistence/encryption.ts).
      const id = randomUUID();
      const content = attachment.disposition === 'stored' ? cipherOf(this.db).seal(attachment.content, sealContext('mail_attachments', 'content', id)) : null;
      await this.db.query(
        `INSERT INTO mail_attachments (id, inquiry_id, message_id, position, filename, content_type, size_bytes, sealed_content, disposition)
         VALUES ($9, $1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (institution_id, message_id, position) DO NOTHING`,
        [
          inquiryId,
          messageId,
          position,
          attachment.filename,
          attachment.contentType,
          attachment.content.length,
          content,
          attachment.disposition,
          id,
        ],
      );
    }
  }

  async insertEmail(email: OutgoingEmail): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO outgoing_emails (id, inquiry_id, purpose, dedupe_key, sender_id, to_name, to_address, subject, body, language,
         message_id, in_reply_to, "references", status, attempts, last_error, created_at, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (institution_id, dedupe_key) DO NOTHING RETURNING id`,
      [
        email.id,
        email.inquiryId,
        email.purpose,
        email.dedupeKey,
        email.senderId,
        email.to.name,
        email.to.address,
        email.subject,
        email.body,
        email.language,
        email.messageId,
        email.inReplyTo,
        email.references,
        email.status,
        email.attempts,
        email.lastError,
        email.createdAt,
        email.sentAt,
      ],
    );
    return rows.length > 0;
  }

  async getEmailForUpdate(id: string): Promise<OutgoingEmail | null> {
    if (!isUuid(id)) return null;
    const [row]: OutgoingEmailRow[] = await this.db.query('SELECT * FROM outgoing_emails WHERE id = $1 FOR UPDATE', [id]);
    return row ? toEmail(row) : null;
  }

  async updateEmail(email: OutgoingEmail): Promise<void> {
    await this.db.query('UPDATE outgoing_emails SET status = $2, attempts = $3, last_error = $4, sent_at = $5 WHERE id = $1', [
      email.id,
      email.status,
      email.attempts,
      email.lastError,
      email.sentAt,
    ]);
  }

  async emailsOf(inquiryId: string): Promise<OutgoingEmail[]> {
    const rows: OutgoingEmailRow[] = await this.db.query('SELECT * FROM outgoing_emails WHERE inquiry_id = $1 ORDER BY created_at, id', [inquiryId]);
    return rows.map(toEmail);
  }
}

function toEmail(row: OutgoingEmailRow): OutgoingEmail {
  return {
    id: row.id,
    inquiryId: row.inquiry_id,
    purpose: row.purpose,
    dedupeKey: row.dedupe_key,
    senderId: row.sender_id,
    to: { name: row.to_name, address: row.to_address },
    subject: row.subject,
    body: row.body,
    language: row.language,
    messageId: row.message_id,
    inReplyTo: row.in_reply_to,
    references: row.references,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

import type { DataSource } from 'typeorm';
import type { MailboxMark, MailboxMarks } from '../domain/mailbox.js';

/** The IMAP high-water mark in our database, so "processed" means "its inquiry is committed". */
export class TypeormMailboxMarks implements MailboxMarks {
  constructor(private readonly db: DataSource) {}

  async get(mailbox: string): Promise<MailboxMark | null> {
    const [row] = await this.db.query('SELECT uid_validity, last_uid FROM mailbox_marks WHERE mailbox = $1', [mailbox]);
    return row ? { uidValidity: row.uid_validity, lastUid: Number(row.last_uid) } : null;
  }

  async set(mailbox: string, mark: MailboxMark): Promise<void> {
    await this.db.query(
      `INSERT INTO mailbox_marks (mailbox, uid_validity, last_uid) VALUES ($1, $2, $3)
       ON CONFLICT (institution_id, mailbox) DO UPDATE SET uid_validity = EXCLUDED.uid_validity, last_uid = EXCLUDED.last_uid, updated_at = now()`,
      [mailbox, mark.uidValidity, mark.lastUid],
    );
  }
}

import type { DataSource } from 'typeorm';
import { mailboxSettingsSchema, type MailboxSettings, type MailboxSettingsStore } from '../domain/institution-mailbox.js';
import { cipherOf, sealContext } from './encryption.js';

interface Row {
  id: string;
  imap_url: Buffer | null;
  imap_folder: string;
  smtp_url: Buffer | null;
  mail_from: string | null;
}

/** The institution's mailbox in `institution_mailboxes` (migration 1763900000025), its servers sealed with the data keys. */
export class PostgresInstitutionMailboxes implements MailboxSettingsStore {
  constructor(private readonly dataSource: DataSource) {}

  async own(): Promise<MailboxSettings | null> {
    const [row]: Row[] = await this.dataSource.query('SELECT id, imap_url, imap_folder, smtp_url, mail_from FROM institution_mailboxes WHERE institution_id = langelis_institution()');
    if (!row) return null;
    const cipher = cipherOf(this.dataSource.manager);
    const open = (sealed: Buffer | null, field: string) => (sealed ? cipher.openText(sealed, sealContext('institution_mailboxes', field, row.id)) : null);
    // A row edited by hand into something unusable is no mailbox rather than one that fails at every poll.
    return mailboxSettingsSchema.safeParse({ imapUrl: open(row.imap_url, 'imap_url'), imapFolder: row.imap_folder, smtpUrl: open(row.smtp_url, 'smtp_url'), from: row.mail_from }).data ?? null;
  }

  async save(mailbox: MailboxSettings | null): Promise<void> {
    if (!mailbox) {
      await this.dataSource.query('DELETE FROM institution_mailboxes WHERE institution_id = langelis_institution()');
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      const [{ id }]: Array<{ id: string }> = await manager.query(
        `INSERT INTO institution_mailboxes (imap_folder, mail_from) VALUES ($1, $2)
         ON CONFLICT (institution_id) DO UPDATE SET imap_folder = EXCLUDED.imap_folder, mail_from = EXCLUDED.mail_from, changed_at = now()
         RETURNING id`,
        [mailbox.imapFolder, mailbox.from],
      );
      // Sealed under the row's own id and column: a value copied onto another row or column does not open there.
      const cipher = cipherOf(manager);
      const seal = (url: string | null, field: string) => (url === null ? null : cipher.sealText(url, sealContext('institution_mailboxes', field, id)));
      await manager.query('UPDATE institution_mailboxes SET imap_url = $2, smtp_url = $3 WHERE id = $1', [id, seal(mailbox.imapUrl, 'imap_url'), seal(mailbox.smtpUrl, 'smtp_url')]);
    });
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #17, items 3 and 6: each institution's own mailbox — the IMAP server its clients write to and the SMTP server
 * its answers go out through. The two server addresses carry the logins' passwords, so they are sealed with the data
 * keys under the row's own id (sealed-columns.ts: rotated by `data:rekey`); the folder and the sender are not secret.
 * One row per institution, seen and changed only by its own work (row-level security). The first institution without
 * a row keeps the environment's mailbox (IMAP_URL, SMTP_URL, MAIL_FROM).
 */
export class InstitutionMailboxes1763900000025 implements MigrationInterface {
  name = 'InstitutionMailboxes1763900000025';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE institution_mailboxes (
        institution_id integer PRIMARY KEY DEFAULT langelis_institution() REFERENCES institutions (id),
        id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
        imap_url bytea,
        imap_folder text NOT NULL DEFAULT 'INBOX',
        smtp_url bytea,
        mail_from text,
        changed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT institution_mailboxes_sender CHECK (smtp_url IS NULL OR mail_from IS NOT NULL)
      )`);
    await db.query('ALTER TABLE institution_mailboxes ENABLE ROW LEVEL SECURITY');
    await db.query(`
      CREATE POLICY institution_mailboxes_of_institution ON institution_mailboxes
      USING (institution_id = langelis_institution()) WITH CHECK (institution_id = langelis_institution())`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE institution_mailboxes');
  }
}

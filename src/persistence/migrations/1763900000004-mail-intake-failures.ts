import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mails the intake could not register (R12.records: nothing is lost silently). The message itself stays in
 * the mailbox; this row says which one (mailbox, UIDVALIDITY, UID) and why, so the poller can move on.
 */
export class MailIntakeFailures1763900000004 implements MigrationInterface {
  name = 'MailIntakeFailures1763900000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE mail_intake_failures (
        mailbox text NOT NULL,
        uid_validity text NOT NULL,
        uid bigint NOT NULL,
        -- A hash, never the Message-ID itself: it often names the sender.
        message_id_hash text NOT NULL,
        -- An error code or class (INPUT.INVALID, db:22021, TypeError), never an error's text.
        reason text NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (mailbox, uid_validity, uid)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE mail_intake_failures`);
  }
}

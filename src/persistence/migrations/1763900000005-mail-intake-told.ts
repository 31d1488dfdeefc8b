import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R12.records: the admins are told in chat of each e-mail the intake could not register, once per platform.
 * The platforms that have told it are kept beside the failure, so a platform that is down is asked again.
 */
export class MailIntakeTold1763900000005 implements MigrationInterface {
  name = 'MailIntakeTold1763900000005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE mail_intake_failures ADD COLUMN told_on text[] NOT NULL DEFAULT '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE mail_intake_failures DROP COLUMN told_on`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R60.internal: who was sent which week's digest on which platform — one row each, so a digest goes out once per
 * person, week and platform however often the job runs and however many instances run it.
 */
export class WeeklyDigests1763900000013 implements MigrationInterface {
  name = 'WeeklyDigests1763900000013';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE weekly_digests_told (
        platform text NOT NULL,
        week_from timestamptz NOT NULL,
        staff_id uuid NOT NULL REFERENCES staff_members (id),
        told_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform, week_from, staff_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE weekly_digests_told');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #16: the deadline notices still to be asked for (R14.reply-1wd and the other deadlines), one row per
 * (inquiry, deadline, stage), kept in our own table instead of one agenda job each. A sweep claims the due rows in
 * batches (`FOR UPDATE SKIP LOCKED`, an index on `run_at`), so a burst of thousands due at one instant is recorded in
 * a few transactions and two instances share it. `version` tells a row the scheduler rewrote while a sweep held it
 * from the one the sweep took; `taken_until` is the sweep's lease, after which another instance may retry it.
 *
 * The jobs of the old design (agenda's `deadline-notice`) are moved here, so nothing planned is lost on upgrade.
 */
export class NoticeSchedule1763900000020 implements MigrationInterface {
  name = 'NoticeSchedule1763900000020';

  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE SEQUENCE notice_schedule_version');
    await db.query(`
      CREATE TABLE notice_schedule (
        inquiry_id uuid NOT NULL REFERENCES inquiries (id) ON DELETE CASCADE,
        deadline text NOT NULL,
        stage text NOT NULL CHECK (stage IN ('reminder', 'overdue', 'escalate')),
        due_at timestamptz NOT NULL,
        run_at timestamptz NOT NULL,
        version bigint NOT NULL DEFAULT nextval('notice_schedule_version'),
        attempts int NOT NULL DEFAULT 0,
        taken_until timestamptz,
        PRIMARY KEY (inquiry_id, deadline, stage)
      )`);
    await db.query('CREATE INDEX notice_schedule_run_at_idx ON notice_schedule (run_at)');
    // agenda creates its table on first start, after the migrations: on a new database there is nothing to move.
    const [{ exists }] = await db.query(`SELECT to_regclass('agenda_jobs') IS NOT NULL AS exists`);
    if (!exists) return;
    await db.query(`
      INSERT INTO notice_schedule (inquiry_id, deadline, stage, due_at, run_at)
      SELECT DISTINCT ON (j.data->>'inquiryId', j.data->>'deadline', j.data->>'stage')
        (j.data->>'inquiryId')::uuid, j.data->>'deadline', j.data->>'stage', (j.data->>'dueAt')::timestamptz,
        COALESCE(j.next_run_at, now())
      FROM agenda_jobs j JOIN inquiries i ON i.id = (j.data->>'inquiryId')::uuid
      WHERE j.name = 'deadline-notice'
      ORDER BY j.data->>'inquiryId', j.data->>'deadline', j.data->>'stage', j.next_run_at DESC NULLS LAST`);
    await db.query(`DELETE FROM agenda_jobs WHERE name = 'deadline-notice'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE notice_schedule');
    await db.query('DROP SEQUENCE notice_schedule_version');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Planned calls (R29, R31), meetings (R45, R48), external steps (R24) and written letters (R55). */
export class ProcedureWorkflows1763900000003 implements MigrationInterface {
  name = 'ProcedureWorkflows1763900000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE inquiries
        ADD COLUMN next_call_at timestamptz,
        ADD COLUMN next_call_plan text,
        ADD COLUMN next_call_purpose text,
        ADD COLUMN missed_calls integer NOT NULL DEFAULT 0,
        ADD COLUMN meeting_summary_due timestamptz,
        ADD COLUMN external_step_due timestamptz`);
    await db.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY,
        inquiry_id uuid NOT NULL REFERENCES inquiries (id),
        format text NOT NULL,
        starts_at timestamptz NOT NULL,
        chair_id uuid NOT NULL REFERENCES staff_members (id),
        recorder_id uuid NOT NULL REFERENCES staff_members (id),
        agenda text NOT NULL,
        participants text[] NOT NULL,
        previous_key_points text NOT NULL,
        status text NOT NULL,
        decisions text,
        key_points text,
        held_at timestamptz,
        summary_due timestamptz,
        summary_sent_at timestamptz,
        planned_by_id uuid NOT NULL REFERENCES staff_members (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX meetings_inquiry_idx ON meetings (inquiry_id)`);
    await db.query(`
      CREATE TABLE external_steps (
        id uuid PRIMARY KEY,
        inquiry_id uuid NOT NULL REFERENCES inquiries (id),
        institution text NOT NULL,
        what text NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL,
        decision text,
        decided_at timestamptz,
        created_by_id uuid NOT NULL REFERENCES staff_members (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX external_steps_inquiry_idx ON external_steps (inquiry_id)`);
    await db.query(`
      CREATE TABLE letters (
        id uuid PRIMARY KEY,
        inquiry_id uuid NOT NULL REFERENCES inquiries (id),
        author_id uuid NOT NULL REFERENCES staff_members (id),
        body text NOT NULL,
        language text NOT NULL,
        created_at timestamptz NOT NULL,
        note_id uuid UNIQUE
      )`);
    await db.query(`CREATE INDEX letters_inquiry_idx ON letters (inquiry_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE letters`);
    await db.query(`DROP TABLE external_steps`);
    await db.query(`DROP TABLE meetings`);
    await db.query(`
      ALTER TABLE inquiries
        DROP COLUMN next_call_at, DROP COLUMN next_call_plan, DROP COLUMN next_call_purpose,
        DROP COLUMN missed_calls, DROP COLUMN meeting_summary_due, DROP COLUMN external_step_due`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R4.owner, away with cover: a person's absence (dates in the institution's zone and the instants they span) and
 * who covers, audited (who marked it and when, who ended it early and why). The manager is told of each absence
 * and of "back" once per platform: the platforms that have told it are kept beside it.
 */
export class StaffAbsences1763900000010 implements MigrationInterface {
  name = 'StaffAbsences1763900000010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE staff_absences (
        id uuid PRIMARY KEY,
        staff_id uuid NOT NULL REFERENCES staff_members (id),
        from_date date NOT NULL,
        to_date date NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        substitute_id uuid NOT NULL REFERENCES staff_members (id),
        set_by_id uuid NOT NULL REFERENCES staff_members (id),
        set_at timestamptz NOT NULL,
        ended_by_id uuid REFERENCES staff_members (id),
        ended_at timestamptz,
        ended_why text CHECK (ended_why IN ('back', 'replaced')),
        away_told_on text[] NOT NULL DEFAULT '{}',
        back_told_on text[] NOT NULL DEFAULT '{}',
        CHECK (to_date >= from_date),
        CHECK (ends_at > starts_at),
        CHECK (substitute_id <> staff_id),
        CHECK ((ended_at IS NULL) = (ended_why IS NULL))
      )`);
    await db.query('CREATE INDEX staff_absences_staff_idx ON staff_absences (staff_id, ends_at) WHERE ended_at IS NULL');
    await db.query('CREATE INDEX staff_absences_substitute_idx ON staff_absences (substitute_id, ends_at) WHERE ended_at IS NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE staff_absences');
  }
}

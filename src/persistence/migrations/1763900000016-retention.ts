import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #15 (retention and anonymisation): when an inquiry was anonymised, and the legal hold that keeps it from it.
 * R12.records: the timeline stays append-only, except that the anonymiser — and only inside its own transaction, which
 * sets `langelis.anonymising` to 'on' locally — may replace a line's `details` (the free text goes, the ids stay).
 * Every other UPDATE, and every DELETE, still raises. The admins' night-before notice is kept once per platform,
 * night and admin (`retention_notices_told`).
 */
export class Retention1763900000016 implements MigrationInterface {
  name = 'Retention1763900000016';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE inquiries ADD COLUMN anonymised_at timestamptz, ADD COLUMN legal_hold boolean NOT NULL DEFAULT false`);
    await db.query(`CREATE INDEX inquiries_retention_idx ON inquiries (closed_at) WHERE status = 'closed' AND anonymised_at IS NULL AND NOT legal_hold`);
    await db.query(`
      CREATE OR REPLACE FUNCTION inquiry_timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('langelis.anonymising', true) = 'on'
           AND NEW.id = OLD.id AND NEW.inquiry_id = OLD.inquiry_id AND NEW.at = OLD.at
           AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.action = OLD.action THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'inquiry_timeline is append-only';
      END $$`);
    // An anonymised inquiry is a closed record: nothing reopens or changes it (its chat copies stay anonymised) but the
    // anonymiser itself. SQLSTATE LA001 is turned into INQUIRY.INVALID_TRANSITION by the repository.
    await db.query(`
      CREATE FUNCTION inquiries_anonymised_stay() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.anonymised_at IS NOT NULL AND current_setting('langelis.anonymising', true) IS DISTINCT FROM 'on' THEN
          RAISE EXCEPTION 'inquiry % is anonymised', OLD.registry_number USING ERRCODE = 'LA001';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER inquiries_anonymised_stay BEFORE UPDATE ON inquiries
      FOR EACH ROW EXECUTE FUNCTION inquiries_anonymised_stay()`);
    await db.query(`
      CREATE TABLE retention_notices_told (
        platform text NOT NULL,
        night date NOT NULL,
        staff_id uuid NOT NULL REFERENCES staff_members (id),
        told_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform, night, staff_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE retention_notices_told');
    await db.query('DROP TRIGGER inquiries_anonymised_stay ON inquiries');
    await db.query('DROP FUNCTION inquiries_anonymised_stay()');
    await db.query(`
      CREATE OR REPLACE FUNCTION inquiry_timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'inquiry_timeline is append-only'; END $$`);
    await db.query('DROP INDEX inquiries_retention_idx');
    await db.query('ALTER TABLE inquiries DROP COLUMN anonymised_at, DROP COLUMN legal_hold');
  }
}

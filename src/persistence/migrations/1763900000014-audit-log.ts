import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R12.records: the audit log — who opened, took out or changed what, and when. Ids, the action and non-personal
 * details only (never a client's name, e-mail, phone or words). Append-only in PostgreSQL itself: a trigger refuses
 * UPDATE, DELETE and TRUNCATE whoever asks, and PUBLIC is refused those rights besides.
 */
export class AuditLog1763900000014 implements MigrationInterface {
  name = 'AuditLog1763900000014';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_id uuid NULL REFERENCES staff_members (id),
        action text NOT NULL,
        inquiry_id uuid NULL,
        registry_number text NULL,
        subject_staff_id uuid NULL,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX audit_log_at_idx ON audit_log (at, id)`);
    await db.query(`CREATE INDEX audit_log_inquiry_idx ON audit_log (inquiry_id) WHERE inquiry_id IS NOT NULL`);
    await db.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await db.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await db.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE audit_log');
    await db.query('DROP FUNCTION audit_log_append_only()');
  }
}

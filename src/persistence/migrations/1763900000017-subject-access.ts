import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #15, subject access: an admin's request for everything stored about a person. The signed link carries only
 * the request's id, so the person's e-mail or phone (`person_key`, normalised: `email:…` / `phone:+370…`) stays here
 * and never travels in a URL. Who asked is the one admin the link opens for; the audit log records each opening.
 */
export class SubjectAccess1763900000017 implements MigrationInterface {
  name = 'SubjectAccess1763900000017';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE subject_access_requests (
        id uuid PRIMARY KEY,
        person_key text NOT NULL,
        requested_by uuid NOT NULL REFERENCES staff_members (id),
        requested_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX subject_access_requests_at_idx ON subject_access_requests (requested_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE subject_access_requests');
  }
}

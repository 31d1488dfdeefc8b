import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #17: each institution's own settings (name and letterhead, office hours and closure days, deadline terms, staff
 * channels, signature rule, procedure and privacy links, default language), as its admins set them; what is unset
 * falls back to the deployment's default (the environment). Every institution may read every other's row (names and
 * office hours are public), but a transaction may change only its own institution's settings.
 */
export class InstitutionSettings1763900000022 implements MigrationInterface {
  name = 'InstitutionSettings1763900000022';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE institutions ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(settings) = 'object')`);
    await db.query(`ALTER TABLE institutions ADD COLUMN settings_changed_at timestamptz`);
    await db.query('ALTER TABLE institutions ENABLE ROW LEVEL SECURITY');
    await db.query('CREATE POLICY institutions_read ON institutions FOR SELECT USING (true)');
    await db.query(`
      CREATE POLICY institutions_own_settings ON institutions FOR UPDATE
      USING (id = langelis_institution()) WITH CHECK (id = langelis_institution())`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP POLICY institutions_own_settings ON institutions');
    await db.query('DROP POLICY institutions_read ON institutions');
    await db.query('ALTER TABLE institutions DISABLE ROW LEVEL SECURITY');
    await db.query('ALTER TABLE institutions DROP COLUMN settings_changed_at');
    await db.query('ALTER TABLE institutions DROP COLUMN settings');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #17: each institution's chat installations — the Slack workspace it installed the app into by OAuth (with the
 * workspace's bot token, sealed like every secret at rest), and later its Teams tenant. A workspace or tenant belongs
 * to one institution: the key is the platform's account id alone, across institutions. An incoming request names only
 * its workspace, so the one function here answers, across institutions, whose workspace it is — the institution's id
 * and nothing else.
 *
 * `chat_rate_slots` paces outgoing calls per workspace and method tier for every instance at once (Slack's limits are
 * per workspace, not per process). It holds a key and a time, nobody's data, so it has no institution.
 */
export class ChatInstallations1763900000023 implements MigrationInterface {
  name = 'ChatInstallations1763900000023';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE chat_installations (
        platform text NOT NULL CHECK (platform IN ('slack', 'teams')),
        account_id text NOT NULL,
        institution_id integer NOT NULL DEFAULT langelis_institution() REFERENCES institutions (id),
        enterprise_id text,
        account_name text,
        bot_user_id text,
        bot_id text,
        secret bytea,
        installed_by text,
        installed_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        -- The sealed secret's row id (sealed-columns.ts: rotated by data:rekey like every sealed value).
        id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
        CONSTRAINT chat_installations_account_key PRIMARY KEY (platform, account_id)
      )`);
    await db.query('CREATE INDEX chat_installations_institution_idx ON chat_installations (institution_id, platform)');
    await db.query('ALTER TABLE chat_installations ENABLE ROW LEVEL SECURITY');
    await db.query(`
      CREATE POLICY chat_installations_of_institution ON chat_installations
      USING (institution_id = langelis_institution()) WITH CHECK (institution_id = langelis_institution())`);
    await db.query(`
      CREATE FUNCTION langelis_chat_account(p_platform text, p_account text)
      RETURNS TABLE (institution_id int, revoked boolean) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT institution_id, revoked_at IS NOT NULL FROM chat_installations WHERE platform = p_platform AND account_id = p_account
      $$`);
    await db.query(`REVOKE ALL ON FUNCTION ${INSTALLATION_FUNCTIONS[0]} FROM PUBLIC`);
    await db.query(`
      CREATE TABLE chat_rate_slots (
        key text PRIMARY KEY,
        next_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE chat_rate_slots');
    await db.query(`DROP FUNCTION ${INSTALLATION_FUNCTIONS[0]}`);
    await db.query('DROP TABLE chat_installations');
  }
}

/** Granted to the application's role by `src/persistence/app-role.ts`. */
export const INSTALLATION_FUNCTIONS = ['langelis_chat_account(text, text)'] as const;

import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { QUEUE_FUNCTIONS } from './migrations/1763900000021-institutions.js';
import { INSTALLATION_FUNCTIONS } from './migrations/1763900000023-chat-installations.js';
import { CITY_FUNCTIONS } from './migrations/1763900000024-city-overview.js';

/** The role the service connects as when no `DATABASE_APP_URL` names one (issue #17). */
export const APP_ROLE = 'langelis_app';

/**
 * Issue #17: the service reads and writes as a role that owns no table, is no superuser and cannot bypass row-level
 * security, so every statement it runs is held to one institution's rows. The owner (`DATABASE_URL`) migrates and
 * then makes sure that role exists with exactly the rights the service needs.
 *
 * Without `DATABASE_APP_URL` the role is `langelis_app`, created here, with a password derived from the owner's
 * credentials and server (not the database), so every instance — and every database on the same server — agrees on
 * it without storing one. An owner who may not create roles (a managed server) names a prepared role in
 * `DATABASE_APP_URL` instead; it is then only granted its rights.
 */
export async function prepareAppRole(owner: DataSource, ownerUrl: string, appUrl: string | undefined): Promise<string> {
  const url = appUrl ?? derivedAppUrl(ownerUrl);
  const role = decodeURIComponent(new URL(url).username);
  if (!appUrl) await createRole(owner, role, decodeURIComponent(new URL(url).password));
  const quoted = `"${role.replace(/"/g, '""')}"`;
  await owner.query(`GRANT USAGE ON SCHEMA public TO ${quoted}`);
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${quoted}`);
  await owner.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${quoted}`);
  // The job engine's table is made after the migrations, by the owner.
  await owner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${quoted}`);
  await owner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${quoted}`);
  // Institutions are added by the owner (`npm run institution:add`).
  await owner.query(`REVOKE INSERT, UPDATE, DELETE ON institutions FROM ${quoted}`);
  // An institution's admins change its own settings (its row only: row-level security, migration 1763900000022).
  await owner.query(`GRANT UPDATE (settings, settings_changed_at) ON institutions TO ${quoted}`);
  for (const fn of QUEUE_FUNCTIONS) await owner.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${quoted}`);
  // Whose workspace an incoming chat request comes from (migration 1763900000023): its institution's id, nothing else.
  for (const fn of INSTALLATION_FUNCTIONS) await owner.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${quoted}`);
  // The city overview's counts across institutions (migration 1763900000024), its only way to them.
  for (const fn of CITY_FUNCTIONS) await owner.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${quoted}`);
  const [{ bypasses }]: Array<{ bypasses: boolean }> = await owner.query(
    'SELECT rolsuper OR rolbypassrls AS bypasses FROM pg_roles WHERE rolname = $1',
    [role],
  );
  if (bypasses) throw new Error(`The database role ${role} (DATABASE_APP_URL) may bypass row-level security: give the service a role without SUPERUSER and BYPASSRLS.`);
  return url;
}

/** The service's URL when DATABASE_APP_URL names none: `langelis_app` on the owner's server and database. */
export function derivedAppUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  const server = `${url.username}:${decodeURIComponent(url.password)}@${url.hostname}:${url.port || '5432'}`;
  url.password = createHmac('sha256', server).update(APP_ROLE).digest('hex');
  url.username = APP_ROLE;
  return url.toString();
}

async function createRole(owner: DataSource, role: string, password: string): Promise<void> {
  // Instances and test databases on one server may start together: whoever comes second finds the role made. The
  // password (hex) is the derived one, the same for every caller, so it is set only when the role is made.
  await owner.query(`
    DO $$ BEGIN
      CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '${password}';
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
}

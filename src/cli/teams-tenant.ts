import { AccountTakenError } from '../domain/chat-installations.js';
import { inInstitution } from '../domain/institution.js';
import { PostgresChatInstallations } from '../persistence/chat-installations.postgres.js';
import { SLUG } from '../persistence/institutions.js';
import { cliConfig, cliDatabase, namedInstitution, runWhenEntryPoint } from './cli-support.js';

const USAGE = 'Usage: npm run institution:teams-tenant -- <short-name> <tenant-id>\n';

/** A Microsoft 365 tenant id: a GUID (Azure portal → Microsoft Entra ID → Overview → Tenant ID). */
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `npm run institution:teams-tenant`: connects an institution's Microsoft 365 tenant to it (issue #17), so the one
 * bot registration serves that tenant's teams as the institution's. A tenant serves one institution; once any tenant
 * is connected, a tenant that is not is served by none (src/bot/teams/tenants.ts).
 */
export async function main(args: string[]): Promise<number> {
  const [slug, tenant, ...extra] = args;
  if (!slug || !tenant || extra.length > 0 || !SLUG.test(slug) || !TENANT_ID.test(tenant)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const config = cliConfig();
  if (typeof config === 'number') return config;
  const database = await cliDatabase(config);
  if (typeof database === 'number') return database;
  try {
    const row = await namedInstitution(database, slug);
    if (typeof row === 'number') return row;
    const account = tenant.toLowerCase();
    const installations = new PostgresChatInstallations(database.dataSource);
    await inInstitution(row.id, () => installations.save({ platform: 'teams', account, enterprise: null, accountName: null, botUserId: null, botId: null, secret: null, installedBy: null }));
    process.stdout.write(`Teams tenant ${account} now serves ${row.name}. Add the Langelis app to its staff team there.\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof AccountTakenError)) throw error;
    process.stderr.write(`Teams tenant ${tenant} already serves another institution.\n`);
    return 1;
  } finally {
    await database.close();
  }
}

runWhenEntryPoint(import.meta.url, 'institution teams-tenant', () => main(process.argv.slice(2)));

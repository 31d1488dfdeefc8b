import { systemClock, type Clock } from '../domain/clock.js';
import { INSTALL_LINK_LIFETIME_MS, InstallLinks, SLACK_INSTALL_PATH } from '../domain/install-link.js';
import type { InstitutionId } from '../domain/institution.js';
import { publicUrl, type Config } from '../config.js';
import { SLUG } from '../persistence/institutions.js';
import { cliConfig, cliDatabase, namedInstitution, runWhenEntryPoint } from './cli-support.js';

const USAGE = 'Usage: npm run institution:install-link -- <short-name>\n';

/**
 * The line that hands an institution's admin the way to install the Slack app into their workspace (issue #17): a link
 * signed with LETTER_LINK_SECRET, which the running service shares. Null when Slack is not installed by OAuth here; a
 * problem to print when the secret is missing.
 */
export function installLinkText(config: Config, institution: InstitutionId, clock: Clock = systemClock): { ok: boolean; text: string } | null {
  if (!config.SLACK_CLIENT_ID) return null;
  if (!config.LETTER_LINK_SECRET) return { ok: false, text: 'LETTER_LINK_SECRET is not set: the Slack install link is signed with it, and the running service must have the same one.\n' };
  const query = new InstallLinks(config.LETTER_LINK_SECRET, INSTALL_LINK_LIFETIME_MS, clock).sign(institution);
  const until = new Date(Number(query.expires) * 1000).toISOString().slice(0, 10);
  return { ok: true, text: `Slack: the institution's admin installs the app into their workspace with this link (until ${until}):\n${publicUrl(config)}${SLACK_INSTALL_PATH}?${new URLSearchParams({ ...query }).toString()}\n` };
}

/** `npm run institution:install-link -- <short-name>`: a new install link for an institution added earlier. */
export async function main(args: string[]): Promise<number> {
  const [slug, ...extra] = args;
  if (!slug || extra.length > 0 || !SLUG.test(slug)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const config = cliConfig();
  if (typeof config === 'number') return config;
  if (!config.SLACK_CLIENT_ID) {
    process.stderr.write('SLACK_CLIENT_ID is not set: this deployment does not install Slack by OAuth.\n');
    return 2;
  }
  const database = await cliDatabase(config);
  if (typeof database === 'number') return database;
  try {
    const row = await namedInstitution(database, slug);
    if (typeof row === 'number') return row;
    const link = installLinkText(config, row.id)!;
    (link.ok ? process.stdout : process.stderr).write(link.text);
    return link.ok ? 0 : 2;
  } finally {
    await database.close();
  }
}

runWhenEntryPoint(import.meta.url, 'institution install-link', () => main(process.argv.slice(2)));

import { DomainError } from '../domain/errors.js';
import { inInstitution } from '../domain/institution.js';
import { StaffDirectory } from '../domain/staff.service.js';
import { PostgresInstitutionSettings } from '../persistence/institution-settings.postgres.js';
import { addInstitution, InstitutionExistsError, removeEmptyInstitution, SLUG } from '../persistence/institutions.js';
import { TypeormUnitOfWork } from '../persistence/unit-of-work.typeorm.js';
import { cliArgs, cliConfig, cliDatabase, runWhenEntryPoint } from './cli-support.js';
import { describeImportError, staffFileRecords } from './staff-import.js';
import { installLinkText } from './install-link.js';
import { describeMailbox, describeSettings, MAILBOX_OPTIONS, mailboxOf, SETTING_OPTIONS, settingsOf } from './institution-setup.js';
import { NetworkMailServerProbe } from '../mail/server-probe.js';
import { PostgresInstitutionMailboxes } from '../persistence/institution-mailboxes.postgres.js';

const USAGE =
  'Usage: npm run institution:add -- <short-name> "<name>" [--staff <file.yaml|file.json>] [--office-hours "<hours>"]\n'
  + '         [--staff-channel-slack <C…>] [--staff-channel-teams <19:…>] [--language lt|en]\n'
  + '         [--imap <imaps://user:password@host:993>] [--imap-folder INBOX] [--smtp <smtps://user:password@host:465>] [--mail-from "<sender>"]\n';

/**
 * `npm run institution:add`: adds an institution to the deployment for a scripted roll-out (issue #17), with what an
 * admin is otherwise walked through in chat: its staff directory (managers included) when `--staff` names one, its
 * office hours, staff channels, channel language and mailbox (its servers tried first). The settings are checked before anything is added, as the
 * admins' form checks them; the institution, its settings and its directory are added together or not at all.
 */
export async function main(args: string[]): Promise<number> {
  const parsed = cliArgs({ args, allowPositionals: true, options: { ...SETTING_OPTIONS, ...MAILBOX_OPTIONS, staff: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }, USAGE);
  if (typeof parsed === 'number') return parsed;
  const [slug, name, ...extra] = parsed.positionals;
  if (parsed.values.help || !slug || !name?.trim() || extra.length > 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (!SLUG.test(slug)) {
    process.stderr.write(`"${slug}" cannot be a short name: use 2–63 lower-case letters, digits and hyphens (it becomes the web address /${slug}/).\n`);
    return 2;
  }
  const config = cliConfig();
  if (typeof config === 'number') return config;
  const settings = settingsOf(parsed.values, config);
  if (typeof settings === 'number') return settings;
  const mailbox = await mailboxOf(parsed.values, new NetworkMailServerProbe());
  if (typeof mailbox === 'number') return mailbox;
  let records: unknown = null;
  if (parsed.values.staff) {
    const read = await staffFileRecords(parsed.values.staff);
    if (typeof read === 'number') return read;
    records = read.records;
  }
  const database = await cliDatabase(config);
  if (typeof database === 'number') return database;
  try {
    const id = await database.asOwner((owner) => addInstitution(owner, { slug, name: name.trim() }));
    process.stdout.write(`Added institution ${slug} (${id}): ${name.trim()}\n`);
    // Issue #17: with Slack installed by OAuth, the admin's way into the app.
    const link = installLinkText(config, id);
    if (link) (link.ok ? process.stdout : process.stderr).write(link.text);
    try {
      if (Object.keys(settings).length > 0) {
        await inInstitution(id, () => new PostgresInstitutionSettings(database.dataSource).save(settings));
        process.stdout.write(`Settings: ${describeSettings(settings)}\n`);
      }
      if (mailbox) {
        await inInstitution(id, () => new PostgresInstitutionMailboxes(database.dataSource).save(mailbox));
        process.stdout.write(`Mailbox: ${describeMailbox(mailbox)}\n`);
      }
      if (records === null) return 0;
      const staff = new StaffDirectory(new TypeormUnitOfWork(database.dataSource, []));
      const summary = await inInstitution(id, () => staff.importMembers(records));
      process.stdout.write(`Staff directory: ${summary.created} created, ${summary.updated} updated\n`);
      return 0;
    } catch (error) {
      await database.asOwner((owner) => removeEmptyInstitution(owner, id));
      if (!(error instanceof DomainError)) throw error;
      process.stderr.write(`${describeImportError(error)}\nThe institution was not added.\n`);
      return 1;
    }
  } catch (error) {
    if (!(error instanceof InstitutionExistsError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

runWhenEntryPoint(import.meta.url, 'institution add', () => main(process.argv.slice(2)));

import { settingsDefaultsOf, type Config } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { assertSettingsHold, effectiveSettings, institutionSettingsSchema, type InstitutionSettings } from '../domain/institution-settings.js';
import { mailboxSettingsSchema, withoutPassword, type MailboxSettings, type MailServerProbe } from '../domain/institution-mailbox.js';
import { parseInput } from '../domain/validation.js';

/**
 * Issue #17, scripted roll-outs: the setup an institution's admin is otherwise walked through in chat (office hours,
 * staff channels, channel language), as options of `institution:add`, saved as the institution's own settings.
 */
export const SETTING_OPTIONS = {
  'office-hours': { type: 'string' },
  'staff-channel-slack': { type: 'string' },
  'staff-channel-teams': { type: 'string' },
  language: { type: 'string' },
} as const;

type SettingValues = { readonly [K in keyof typeof SETTING_OPTIONS]?: string | undefined };

/** The option that set a refused part: a reminder longer than the reply window comes from short office hours. */
const OPTION_OF: Readonly<Record<string, string>> = {
  officeHours: '--office-hours',
  reminderLeadMinutes: '--office-hours',
  'staffChannel.slack': '--staff-channel-slack',
  'staffChannel.teams': '--staff-channel-teams',
  defaultLanguage: '--language',
};

/**
 * The settings the options name, checked as the admins' form checks them (the schema, then the whole over the
 * deployment's defaults); or exit code 2 after one line naming each refused option — before anything is added.
 */
export function settingsOf(values: SettingValues, config: Config): InstitutionSettings | number {
  const named = <T extends object>(parts: T) => Object.fromEntries(Object.entries(parts).filter(([, value]) => value !== undefined));
  const staffChannel = named({ slack: values['staff-channel-slack'], teams: values['staff-channel-teams'] });
  const given = {
    ...named({ officeHours: values['office-hours'], defaultLanguage: values.language }),
    ...(Object.keys(staffChannel).length > 0 ? { staffChannel } : {}),
  };
  try {
    const own = parseInput(institutionSettingsSchema, given);
    // A new institution's own terms over the deployment's: only office hours and the reply window are checked together.
    assertSettingsHold(effectiveSettings(settingsDefaultsOf(config), own), config.TIME_ZONE);
    return own;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const fields = (error.details.fields as Array<{ path: string; message: string }> | undefined) ?? [];
    process.stderr.write(`Not added: ${fields.map((field) => `${OPTION_OF[field.path] ?? field.path}: ${field.message}`).join('; ') || error.message}\n`);
    return 2;
  }
}

/** What was saved, for the operator: `office hours Mon-Fri 08:00-17:00, Slack staff channel C0123, language lt`. */
export function describeSettings(settings: InstitutionSettings): string {
  return [
    ...(settings.officeHours ? [`office hours ${settings.officeHours}`] : []),
    ...(settings.staffChannel?.slack ? [`Slack staff channel ${settings.staffChannel.slack}`] : []),
    ...(settings.staffChannel?.teams ? [`Teams staff channel ${settings.staffChannel.teams}`] : []),
    ...(settings.defaultLanguage ? [`language ${settings.defaultLanguage}`] : []),
  ].join(', ');
}

/** The institution's own mailbox (docs/mail.md), as options; a shell keeps its history, so an admin may set it in chat instead. */
export const MAILBOX_OPTIONS = {
  imap: { type: 'string' },
  'imap-folder': { type: 'string' },
  smtp: { type: 'string' },
  'mail-from': { type: 'string' },
} as const;

type MailboxValues = { readonly [K in keyof typeof MAILBOX_OPTIONS]?: string | undefined };

const MAILBOX_OPTION_OF: Readonly<Record<string, string>> = { imapUrl: '--imap', imapFolder: '--imap-folder', smtpUrl: '--smtp', from: '--mail-from' };

/**
 * The mailbox the options name (null: none), tried as the admins' form tries it — before anything is added; or exit
 * code 2 after one line naming each refused option.
 */
export async function mailboxOf(values: MailboxValues, probe: MailServerProbe): Promise<MailboxSettings | null | number> {
  if (!values.imap && !values.smtp && !values['mail-from'] && !values['imap-folder']) return null;
  const refuse = (problems: Array<{ path: string; message: string }>) => {
    process.stderr.write(`Not added: ${problems.map((problem) => `${MAILBOX_OPTION_OF[problem.path] ?? problem.path}: ${problem.message}`).join('; ')}\n`);
    return 2;
  };
  const parsed = mailboxSettingsSchema.safeParse({ imapUrl: values.imap ?? null, imapFolder: values['imap-folder'] ?? 'INBOX', smtpUrl: values.smtp ?? null, from: values['mail-from'] ?? null });
  if (!parsed.success) return refuse(parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
  const problems = await probe.problems(parsed.data);
  return problems.length > 0 ? refuse(problems.map((problem) => ({ path: problem.path, message: PROBLEM_WORDS[problem.reason] }))) : parsed.data;
}

const PROBLEM_WORDS = {
  unreachable: 'the server did not answer',
  login_refused: 'the server refused the login',
  no_folder: 'the mailbox has no such folder',
} as const;

/** The mailbox as the operator may see it: its servers without their passwords. */
export function describeMailbox(mailbox: MailboxSettings): string {
  return [
    ...(mailbox.imapUrl ? [`reads ${withoutPassword(mailbox.imapUrl)} (${mailbox.imapFolder})`] : []),
    ...(mailbox.smtpUrl ? [`sends through ${withoutPassword(mailbox.smtpUrl)} as ${mailbox.from}`] : []),
  ].join(', ');
}

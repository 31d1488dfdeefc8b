import { z } from 'zod';
import { settingsProblems, type EffectiveSettings } from './domain/institution-settings.js';
import { INQUIRY_KINDS } from './domain/inquiry.js';

const bool = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const zone = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Europe/Vilnius');

/** The environment the service reads, once, at start. */
const environmentSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /**
   * Issue #17: the role the service reads and writes as, under row-level security (no SUPERUSER, no BYPASSRLS, owns no
   * table). Unset → `langelis_app`, made by DATABASE_URL's role (docs/institutions.md).
   */
  DATABASE_APP_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1024).max(65_535).default(54_329),
  INSTITUTION_NAME: z.string().min(1).default('Kauno lopšelis-darželis „Daigelis“'),
  TIME_ZONE: zone.default('Europe/Vilnius'),
  OFFICE_HOURS: z.string().default('Mon-Fri 08:00-17:00'),
  REPLY_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(1),
  STATUTORY_WORKING_DAYS: z.coerce.number().int().min(1).max(120).default(20),
  REMINDER_LEAD_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(120),
  OVERDUE_OUTSIDE_OFFICE_HOURS: bool.default(false),
  UNCLAIMED_AFTER_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  /** R4.owner: office minutes after the unclaimed nudge at which the manager on duty is told; 0 = never. */
  UNCLAIMED_ESCALATE_AFTER_MINUTES: z.coerce.number().int().min(0).max(5 * 24 * 60).default(120),
  /** The staff member (by e-mail) told of inquiries nobody claimed; unset → every active manager. */
  MANAGER_ON_DUTY_EMAIL: z.email().optional(),
  /** R14.reply-1wd: office hours a first reply or resolution may stay overdue before the owner's manager is told; 0 = never. */
  OVERDUE_ESCALATE_AFTER_OFFICE_HOURS: z.coerce.number().min(0).max(200).default(4),
  CALL_REMINDER_LEAD_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(10),
  /** R31.callback: the procedure says 30; an institution may choose longer, never shorter. */
  CALLBACK_MIN_MINUTES: z.coerce.number().int().min(30).max(24 * 60).default(30),
  MEETING_SUMMARY_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(2),
  /** Address the service is reached at from staff browsers (printable letters) and clients (rating links); defaults to http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** Language of messages to a whole channel (announcements); people get their own. */
  DEFAULT_LANGUAGE: z.enum(['lt', 'en']).default('lt'),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-').optional(),
  SLACK_STAFF_CHANNEL: z.string().regex(/^[CG][A-Z0-9]+$/, 'a channel id such as C0123456789').optional(),
  SLACK_API_URL: z.url().optional(),
  /** Issue #17: Slack installed into many workspaces by OAuth (`/slack/install`); the app's credentials from its Basic Information page. */
  SLACK_CLIENT_ID: z.string().regex(/^\d+\.\d+$/, 'the app\'s Client ID, such as 1234567890.1234567890').optional(),
  SLACK_CLIENT_SECRET: z.string().min(16).optional(),
  /** Slack's OAuth authorize page; tests point it at a local stand-in. */
  SLACK_OAUTH_AUTHORIZE_URL: z.url().default('https://slack.com/oauth/v2/authorize'),
  /** Outgoing Web API calls paced per workspace and method tier, across instances (rate-limits.ts); off only against a stand-in. */
  SLACK_PACING: bool.default(true),
  /** Slack: changes within this many ms after a person's App Home was republished are shown together at its end; 0 = as soon as the last one is out. */
  SLACK_HOME_REFRESH_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: z.string().optional(),
  /** Teams: run without credentials for the Bot Framework Emulator on localhost. */
  TEAMS_EMULATOR: bool.default(false),
  /** Teams: the staff channel's conversation id (19:…@thread.tacv2); unset → the channel the app is added to. */
  TEAMS_STAFF_CHANNEL: z.string().regex(/^19:/, 'a Teams channel id such as 19:…@thread.tacv2').optional(),
  /** One request to Slack's Web API or the Bot Connector is abandoned after this long (Slack retries it twice). */
  CHAT_API_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(120).default(5),
  /** /healthz answers 503 `stuck` once the oldest undelivered event is older than this. */
  HEALTH_STUCK_AFTER_SECONDS: z.coerce.number().int().min(1).default(600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Mail and web form (src/mail, src/web; docs/mail.md).
  /** The intake mailbox's server: imap://user:password@host:143 or imaps://…:993; unset → no e-mail intake. */
  IMAP_URL: z.url({ protocol: /^imaps?$/ }).optional(),
  IMAP_MAILBOX: z.string().min(1).default('INBOX'),
  IMAP_POLL_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  /** Outgoing mail: smtp://user:password@host:587 or smtps://…:465; unset → no e-mail to clients. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** Sender of client e-mail, e.g. "Daigelis <rastine@daigelis.lt>"; replies come back to the intake mailbox. */
  MAIL_FROM: z.string().min(3).default('Langelis <langelis@localhost>'),
  /** E-mail of the staff member whose signature acknowledgements carry (R36.signature); unset → none sent. */
  MAIL_ACKNOWLEDGEMENT_SIGNER: z.email().optional(),
  MAIL_MAX_ATTACHMENT_BYTES: z.coerce.number().int().min(0).default(10 * 1024 * 1024),
  MAIL_MAX_MESSAGE_ATTACHMENTS_BYTES: z.coerce.number().int().min(0).default(25 * 1024 * 1024),
  /** The published procedure the public form links to (R64.publish). */
  PROCEDURE_URL: z.url().optional(),
  /** The privacy notice linked beside the web form's consent checkbox. */
  PRIVACY_URL: z.url().optional(),
  /** Contacts the public pages show under INSTITUTION_NAME; each is left out while unset. */
  INSTITUTION_ADDRESS: z.string().min(1).max(300).optional(),
  INSTITUTION_PHONE: z.string().regex(/^\+?[0-9 ()-]{5,20}$/, 'a phone number such as +370 37 000000').optional(),
  INSTITUTION_EMAIL: z.email().optional(),
  /** The letterhead of printed letters (R55.same-channel) adds these to the contacts above; each left out while unset. */
  INSTITUTION_CODE: z.string().regex(/^[0-9]{5,12}$/, 'a legal entity code such as 190012345').optional(),
  INSTITUTION_WEB: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Signs the links to printable letters (HMAC-SHA256), which only the staff member they were made for opens.
   * Unset → a random secret per process, with a warning: links die on restart and work on that instance only.
   */
  LETTER_LINK_SECRET: z.string().min(32, 'at least 32 characters, e.g. `openssl rand -hex 32`').optional(),
  /** How long a link to a printable letter stays valid. */
  LETTER_LINK_DAYS: z.coerce.number().min(0.01).max(90).default(7),
  /**
   * Keys that encrypt attachments and letters at rest (AES-256-GCM): `k2:<base64 of 32 bytes>,k1:<…>`, the first
   * seals, all open (docs/data-protection.md). Unset → a key made once in DATA_DIR/data-keys; refused in production
   * with DATABASE_URL, where the key must not live beside the service only.
   */
  DATA_KEYS: z.string().transform((text, context) => {
    try {
      return parseDataKeys(text);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  }).optional(),
  /** `production` makes a missing DATA_KEYS with an external DATABASE_URL an error. */
  NODE_ENV: z.string().optional(),
  /** How long a link to an e-mail attachment stays valid (health data: short). */
  ATTACHMENT_LINK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  WEB_FORM: bool.default(true),
  /** R60.external: the share (0–1) of resolved inquiries whose e-mail client is asked to rate; the same inquiry always decides alike. */
  RATING_SAMPLE_SHARE: z.coerce.number().min(0).max(1).default(1),
  /** R60.external: a client (by e-mail address) is asked to rate at most once in this many days; 0 = every time. */
  RATING_COOLDOWN_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /**
   * Issue #15 (retention): days after closing that an inquiry keeps the family's personal data, per kind; then the
   * nightly job anonymises it (R12.records keeps its number, dates and outcomes). The institution sets them from the
   * archival retention index it follows (docs/data-protection.md).
   */
  RETENTION_DAYS_REQUEST: z.coerce.number().int().min(1).max(36_500).default(1825),
  RETENTION_DAYS_QUESTION: z.coerce.number().int().min(1).max(36_500).default(1095),
  RETENTION_DAYS_COMPLAINT: z.coerce.number().int().min(1).max(36_500).default(1825),
  /**
   * Issue #15, erasure on request: kinds (comma-separated) the institution must keep whole for their retention period
   * by statute, set from the archival retention index it follows; an erasure request leaves them until it ends.
   * `none` = no such kind (an empty variable counts as unset, like every other).
   */
  RETENTION_DUTY_KINDS: z
    .string()
    .default('complaint')
    .transform((text) => text.split(',').map((kind) => kind.trim().toLowerCase()).filter((kind) => kind !== '' && kind !== 'none'))
    .pipe(z.array(z.enum(INQUIRY_KINDS)))
    .transform((kinds) => [...new Set(kinds)]),
  /** The hour (institution's zone) the nightly anonymisation runs from; it keeps trying for four hours. */
  RETENTION_RUN_HOUR: z.coerce.number().int().min(0).max(23).default(2),
  /** The hour (institution's zone) from which the admins are told what the coming night will anonymise. */
  RETENTION_NOTICE_HOUR: z.coerce.number().int().min(0).max(23).default(15),
  /** Submissions one address may make in 10 minutes. */
  WEB_FORM_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(5),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  TRUST_PROXY: bool.default(false),
}).refine((env) => !env.TEAMS_EMULATOR || isLoopback(env.HOST), {
  // The Emulator mode takes activities without authentication: reachable from outside, anyone could act as any staff member.
  path: ['HOST'],
  message: 'must be a loopback address (127.0.0.1, ::1 or localhost) while TEAMS_EMULATOR=true, which takes Teams activities without authentication; set HOST=127.0.0.1 or unset TEAMS_EMULATOR',
}).refine((env) => !(env.NODE_ENV === 'production' && env.DATABASE_URL && !env.DATA_KEYS), {
  // A key made on the fly would live on this machine only, beside a database that lives elsewhere.
  path: ['DATA_KEYS'],
  message: 'is required in production with DATABASE_URL: set it to `k1:` followed by `openssl rand -base64 32` (see docs/data-protection.md)',
}).superRefine((env, context) => {
  // The environment is every institution's default settings: checked as each institution's own are when saved.
  for (const problem of settingsProblems(settingsDefaultsOf(env), env.TIME_ZONE)) {
    context.addIssue({ code: 'custom', path: [SETTING_VARIABLES[problem.path] ?? problem.path], message: problem.message });
  }
});

/** The variable each checked setting comes from (settingsDefaultsOf). */
const SETTING_VARIABLES: Record<string, string> = { officeHours: 'OFFICE_HOURS', reminderLeadMinutes: 'REMINDER_LEAD_MINUTES' };

/** One data key as DATA_KEYS lists it: an id and 32 bytes. */
export interface DataKeySetting {
  id: string;
  key: Buffer;
}

/**
 * `k2:<base64>,k1:<base64>` → keys, first one first. Errors name the key's id and what is wrong, never a key's value.
 */
export function parseDataKeys(text: string): DataKeySetting[] {
  const keys = text.split(',').map((part) => part.trim()).filter((part) => part !== '').map((part, index) => {
    const colon = part.indexOf(':');
    const id = colon > 0 ? part.slice(0, colon) : '';
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new Error(`key ${index + 1} has no id: write each key as <id>:<base64>, e.g. k1:…`);
    const encoded = part.slice(colon + 1);
    const key = Buffer.from(encoded, 'base64');
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded) || key.length !== 32) {
      throw new Error(`key ${id} is ${key.length} bytes; each key must be 32 random bytes in base64 (\`openssl rand -base64 32\`)`);
    }
    return { id, key };
  });
  if (keys.length === 0) throw new Error('lists no key: write `k1:` followed by `openssl rand -base64 32`');
  if (new Set(keys.map((key) => key.id)).size !== keys.length) throw new Error('names a key id twice');
  return keys;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export type Config = z.output<typeof environmentSchema>;

/** Raised at start with every offending variable named, so the operator knows what to fix. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The institution's name and contacts as configured, read in one place for its letters and its public pages; unset parts are null. */
function institutionOf(config: Config) {
  return {
    name: config.INSTITUTION_NAME,
    address: config.INSTITUTION_ADDRESS ?? null,
    /** Juridinio asmens kodas. */
    code: config.INSTITUTION_CODE ?? null,
    phone: config.INSTITUTION_PHONE ?? null,
    email: config.INSTITUTION_EMAIL ?? null,
    web: config.INSTITUTION_WEB ?? null,
  };
}

/**
 * The deployment's defaults for every institution's settings (issue #17): what an institution has not set itself is
 * what the environment says, so a deployment set up for one institution keeps working unchanged.
 */
export function settingsDefaultsOf(config: Config): EffectiveSettings {
  const { name, ...contacts } = institutionOf(config);
  const defined = <T extends object>(parts: T) => Object.fromEntries(Object.entries(parts).filter(([, value]) => value !== null && value !== undefined)) as { [K in keyof T]?: NonNullable<T[K]> };
  return {
    name,
    letterhead: defined(contacts),
    officeHours: config.OFFICE_HOURS,
    closures: [],
    replyWorkingDays: config.REPLY_WORKING_DAYS,
    statutoryWorkingDays: config.STATUTORY_WORKING_DAYS,
    reminderLeadMinutes: config.REMINDER_LEAD_MINUTES,
    callReminderLeadMinutes: config.CALL_REMINDER_LEAD_MINUTES,
    staffChannel: defined({ slack: config.SLACK_STAFF_CHANNEL, teams: config.TEAMS_STAFF_CHANNEL }),
    ...defined({ signer: config.MAIL_ACKNOWLEDGEMENT_SIGNER, procedureUrl: config.PROCEDURE_URL, privacyUrl: config.PRIVACY_URL }),
    defaultLanguage: config.DEFAULT_LANGUAGE,
  };
}

/**
 * Every secret the configuration holds (tokens, passwords, link and data keys), for the logger to keep out of every
 * line (issue #15: never in logs, errors or /healthz). A URL's password is listed as given and decoded.
 */
export function secretsOf(config: Config): string[] {
  const passwordOf = (url: string | undefined) => {
    if (!url) return [];
    const password = new URL(url).password;
    return password ? [password, decodeURIComponent(password)] : [];
  };
  return [
    config.SLACK_BOT_TOKEN,
    config.SLACK_SIGNING_SECRET,
    config.SLACK_APP_TOKEN,
    config.SLACK_CLIENT_SECRET,
    config.MicrosoftAppPassword,
    config.LETTER_LINK_SECRET,
    ...(config.DATA_KEYS ?? []).flatMap(({ key }) => [key.toString('base64'), key.toString('base64url'), key.toString('hex')]),
    ...passwordOf(config.IMAP_URL),
    ...passwordOf(config.SMTP_URL),
    ...passwordOf(config.DATABASE_URL),
    ...passwordOf(config.DATABASE_APP_URL),
  ].filter((secret): secret is string => typeof secret === 'string' && secret !== '');
}

/** Where staff browsers and the chat platforms reach this service (links to letters, the endpoints). */
export function publicUrl(config: Pick<Config, 'PUBLIC_URL' | 'PORT'>): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
}

/** Parses the environment; empty strings count as unset so `VAR=` in a .env file means "default". */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = environmentSchema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}

/** Issue #15: the retention periods per inquiry kind, in days (R12.records: what is kept after them is documented). */
export function retentionPeriodsOf(config: Pick<Config, 'RETENTION_DAYS_REQUEST' | 'RETENTION_DAYS_QUESTION' | 'RETENTION_DAYS_COMPLAINT'>) {
  return { request: config.RETENTION_DAYS_REQUEST, question: config.RETENTION_DAYS_QUESTION, complaint: config.RETENTION_DAYS_COMPLAINT } as const;
}

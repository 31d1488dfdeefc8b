import { publicUrl, type Config } from './config.js';

/** Where the service's database is, as `connectDatabase` found it. */
export type DatabaseFacts =
  | { kind: 'embedded'; dataDir: string; port: number; origin: 'started' | 'adopted' | 'shared' }
  | { kind: 'external'; host: string; database: string };

/** One line of the start log: which part, whether it is on, and a sentence an operator reads. */
export interface StartLine {
  part: 'database' | 'slack' | 'teams' | 'mailbox' | 'smtp' | 'public-url';
  state: 'on' | 'off' | 'emulator';
  message: string;
}

/**
 * What is on and what is off, one line a part, so an operator sees at a glance why (say) Slack stays silent.
 * No secret or credential appears: URLs are reduced to host, port and path.
 */
export function startReport(config: Config, database: DatabaseFacts): StartLine[] {
  return [databaseLine(database), slackLine(config), teamsLine(config), mailboxLine(config), smtpLine(config), publicUrlLine(config)];
}

function databaseLine(database: DatabaseFacts): StartLine {
  if (database.kind === 'external') {
    return { part: 'database', state: 'on', message: `database: PostgreSQL at ${database.host}, database ${database.database} (DATABASE_URL)` };
  }
  const how = {
    started: 'started',
    adopted: 'left running by an earlier start, taken over',
    shared: 'owned by the Langelis already running',
  }[database.origin];
  return {
    part: 'database',
    state: 'on',
    message: `database: embedded PostgreSQL in ${database.dataDir} on port ${database.port} (${how}; no DATABASE_URL)`,
  };
}

function slackLine(config: Config): StartLine {
  if (!config.SLACK_BOT_TOKEN) return { part: 'slack', state: 'off', message: 'slack: off (SLACK_BOT_TOKEN is not set; see docs/slack.md)' };
  if (config.SLACK_APP_TOKEN) {
    return { part: 'slack', state: 'on', message: 'slack: on, Socket Mode (for development and a single instance; use HTTP behind a load balancer)' };
  }
  return { part: 'slack', state: 'on', message: `slack: on, HTTP at ${publicUrl(config)}/slack/events` };
}

function teamsLine(config: Config): StartLine {
  if (config.MicrosoftAppId) return { part: 'teams', state: 'on', message: `teams: on, Bot Framework at ${publicUrl(config)}/api/messages` };
  if (config.TEAMS_EMULATOR) {
    return { part: 'teams', state: 'emulator', message: `teams: emulator mode at ${publicUrl(config)}/api/messages (no authentication; development only)` };
  }
  return { part: 'teams', state: 'off', message: 'teams: off (MicrosoftAppId is not set; see docs/teams.md)' };
}

function mailboxLine(config: Config): StartLine {
  if (!config.IMAP_URL) return { part: 'mailbox', state: 'off', message: 'mailbox: off (IMAP_URL is not set; no e-mail intake; see docs/mail.md)' };
  return {
    part: 'mailbox',
    state: 'on',
    message: `mailbox: ${serverOf(config.IMAP_URL)} folder ${config.IMAP_MAILBOX}, pushed by IMAP IDLE where the server offers it, else polled every ${config.IMAP_POLL_SECONDS} s`,
  };
}

function smtpLine(config: Config): StartLine {
  if (!config.SMTP_URL) return { part: 'smtp', state: 'off', message: 'smtp: off (SMTP_URL is not set; no e-mail to clients)' };
  return { part: 'smtp', state: 'on', message: `smtp: on, ${serverOf(config.SMTP_URL)}` };
}

function publicUrlLine(config: Config): StartLine {
  const given = config.PUBLIC_URL ? '' : ' (PUBLIC_URL is not set: only this machine reaches the links)';
  return { part: 'public-url', state: 'on', message: `public URL: ${publicUrl(config)}${given}` };
}

/** `scheme://host:port` of a server URL, without its user name or password. */
function serverOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

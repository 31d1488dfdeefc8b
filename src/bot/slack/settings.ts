import { ConfigError, type Config } from '../../config.js';

/** What the Slack front end needs from the environment, once it is known to be complete. */
export interface SlackSettings {
  botToken: string;
  staffChannel: string;
  /** HTTP mode: requests are verified with it. Absent in Socket Mode. */
  signingSecret: string | null;
  /** Socket Mode when set: Slack keeps a WebSocket open instead of posting to /slack/events. */
  appToken: string | null;
  /** Base URL of the Web API; tests point it at a local stand-in. */
  apiUrl: string | null;
  /** One Web API request is abandoned after this long (CHAT_API_TIMEOUT_SECONDS). */
  requestTimeoutMs: number;
  /** A person's App Home is republished at most once per this many ms (SLACK_HOME_REFRESH_MS; home.ts). */
  homeRefreshWindowMs: number;
}

const SLACK_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_STAFF_CHANNEL'] as const;

/**
 * Slack is off when none of its variables is set; a half-configured Slack stops the start with the missing
 * variables named, because a bot that silently never announces anything is worse than one that refuses to run.
 */
export function slackSettings(config: Config): SlackSettings | null {
  if (SLACK_VARIABLES.every((name) => config[name] === undefined)) return null;
  const problems: string[] = [];
  if (!config.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN: required when Slack is configured (xoxb-…)');
  if (!config.SLACK_STAFF_CHANNEL) problems.push('SLACK_STAFF_CHANNEL: required when Slack is configured (channel id, C…)');
  if (!config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET: required for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    botToken: config.SLACK_BOT_TOKEN!,
    staffChannel: config.SLACK_STAFF_CHANNEL!,
    signingSecret: config.SLACK_SIGNING_SECRET ?? null,
    appToken: config.SLACK_APP_TOKEN ?? null,
    apiUrl: config.SLACK_API_URL ? withTrailingSlash(config.SLACK_API_URL) : null,
    requestTimeoutMs: Math.round(config.CHAT_API_TIMEOUT_SECONDS * 1000),
    homeRefreshWindowMs: config.SLACK_HOME_REFRESH_MS,
  };
}

/** The Web API client appends the method name to the base URL as is. */
function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

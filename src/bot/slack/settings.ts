import { ConfigError, publicUrl, type Config } from '../../config.js';

/** Slack installed into many workspaces by OAuth (issue #17): the app's credentials and where Slack sends installers back. */
export interface SlackOAuthSettings {
  /** SLACK_CLIENT_ID. */
  readonly clientId: string;
  /** SLACK_CLIENT_SECRET: exchanges the codes, and the state's signing secret is derived from it (installer.ts). */
  readonly clientSecret: string;
  /** Slack's authorize page (a local stand-in in tests). */
  readonly authorizeUrl: string;
  /** `<PUBLIC_URL>/slack/oauth_redirect`, as the app's manifest lists it. */
  readonly redirectUri: string;
}

/** What the Slack front end needs from the environment, once it is known to be complete. */
export interface SlackSettings {
  /**
   * The single-workspace setup: the first institution's workspace, with its token in the environment. Null when every
   * workspace is installed by OAuth.
   */
  botToken: string | null;
  /** HTTP mode: requests are verified with it. Absent in Socket Mode. */
  signingSecret: string | null;
  /** Socket Mode when set: Slack keeps a WebSocket open instead of posting to /slack/events. */
  appToken: string | null;
  /** Installs by OAuth (`/slack/install`), or null. */
  oauth: SlackOAuthSettings | null;
  /** Base URL of the Web API; tests point it at a local stand-in. */
  apiUrl: string | null;
  /** One Web API request is abandoned after this long (CHAT_API_TIMEOUT_SECONDS). */
  requestTimeoutMs: number;
  /** A person's App Home is republished at most once per this many ms (SLACK_HOME_REFRESH_MS; home.ts). */
  homeRefreshWindowMs: number;
  /** Outgoing calls wait for their workspace's rate limits (SLACK_PACING; rate-limits.ts). */
  pacing: boolean;
}

const SLACK_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_STAFF_CHANNEL', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET'] as const;

/**
 * Slack is off when none of its variables is set; a half-configured Slack stops the start with the missing
 * variables named, because a bot that silently never announces anything is worse than one that refuses to run.
 * Two setups, alone or together: one workspace with its token in the environment (the first institution's), and
 * workspaces installed by OAuth, each for its institution (issue #17).
 */
export function slackSettings(config: Config): SlackSettings | null {
  if (SLACK_VARIABLES.every((name) => config[name] === undefined)) return null;
  const problems: string[] = [];
  const oauth = Boolean(config.SLACK_CLIENT_ID || config.SLACK_CLIENT_SECRET);
  if (oauth && !config.SLACK_CLIENT_ID) problems.push('SLACK_CLIENT_ID: required with SLACK_CLIENT_SECRET (installs by OAuth)');
  if (oauth && !config.SLACK_CLIENT_SECRET) problems.push('SLACK_CLIENT_SECRET: required with SLACK_CLIENT_ID (installs by OAuth)');
  if (oauth && !config.SLACK_SIGNING_SECRET) problems.push('SLACK_SIGNING_SECRET: required for installs by OAuth, which Slack reaches over HTTP');
  if (!oauth && !config.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN: required when Slack is configured (xoxb-…), or set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to install by OAuth');
  if (oauth && config.SLACK_APP_TOKEN) problems.push('SLACK_APP_TOKEN: Socket Mode carries one workspace; unset it to install by OAuth (every workspace then comes over HTTP)');
  if (config.SLACK_BOT_TOKEN && !config.SLACK_STAFF_CHANNEL) problems.push('SLACK_STAFF_CHANNEL: required with SLACK_BOT_TOKEN (channel id, C…)');
  if (!config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET: required for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    botToken: config.SLACK_BOT_TOKEN ?? null,
    signingSecret: config.SLACK_SIGNING_SECRET ?? null,
    appToken: config.SLACK_APP_TOKEN ?? null,
    oauth: oauth
      ? {
          clientId: config.SLACK_CLIENT_ID!,
          clientSecret: config.SLACK_CLIENT_SECRET!,
          authorizeUrl: config.SLACK_OAUTH_AUTHORIZE_URL,
          redirectUri: `${publicUrl(config)}${OAUTH_REDIRECT_PATH}`,
        }
      : null,
    apiUrl: config.SLACK_API_URL ? withTrailingSlash(config.SLACK_API_URL) : null,
    requestTimeoutMs: Math.round(config.CHAT_API_TIMEOUT_SECONDS * 1000),
    homeRefreshWindowMs: config.SLACK_HOME_REFRESH_MS,
    pacing: config.SLACK_PACING,
  };
}

/** Where Slack sends an installer back (they start at SLACK_INSTALL_PATH with a link the operator made, install-link.ts). */
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/** The Web API client appends the method name to the base URL as is. */
function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

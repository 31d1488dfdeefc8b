import type { webApi } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import { PlatformStatus, transportReason } from '../platform-health.js';

/** Who the bot is in the workspace, from `auth.test`; Bolt needs it to ignore the bot's own events. */
export interface SlackIdentity {
  botId: string;
  botUserId: string;
  /** The workspace the token belongs to. */
  teamId: string | null;
}

/** Waits between token checks while Slack is unreachable or refuses the token: 1 s, 2 s, 4 s … up to 5 min. */
const CHECK_BACKOFF = { baseMs: 1_000, maxMs: 5 * 60_000 };

/**
 * A `fetch` for the Web API clients that tells the platform's status what happened to each request. The deadline
 * itself is the client's own `timeout`; this only watches. An HTTP answer proves Slack reachable even when it
 * says `ok: false` (that is the caller's business); 5xx does not.
 */
export function observingFetch(status: PlatformStatus): webApi.FetchFunction {
  return async (url, init) => {
    try {
      const response = await fetch(url, init as RequestInit);
      if (response.status >= 500) status.failed(`HTTP ${response.status}`);
      else status.answered();
      return response as unknown as Awaited<ReturnType<webApi.FetchFunction>>;
    } catch (error) {
      status.failed(transportReason(error));
      throw error;
    }
  };
}

/**
 * Checks the bot token with `auth.test` in the background, retrying with backoff until Slack accepts it, so the
 * service (web form, e-mail intake) starts and runs while Slack is unreachable. A refused token is logged as an
 * error at every attempt and shown in /healthz (`down: invalid_auth`), but stops nothing else.
 */
export class SlackConnection {
  private identity: SlackIdentity | null = null;
  private pending: Promise<SlackIdentity> | null = null;
  private run: Promise<void> | null = null;
  private stopped = false;
  private sleeping: { timer: NodeJS.Timeout; wake: () => void } | null = null;

  constructor(
    private readonly client: webApi.WebClient,
    readonly status: PlatformStatus,
    private readonly logger: Logger,
  ) {}

  /** Starts checking; `whenAccepted` (Socket Mode's connection) runs after the token passed, and is retried with it. */
  start(whenAccepted: () => Promise<void> = async () => undefined): void {
    this.stopped = false;
    this.run = this.checkUntilAccepted(whenAccepted);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeping?.wake();
    await this.run;
  }

  /** The bot's identity for Bolt's `authorize`: known after the first check, or asked for now (one call at a time). */
  async whoAmI(): Promise<SlackIdentity> {
    if (this.identity) return this.identity;
    this.pending ??= this.authTest().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async checkUntilAccepted(whenAccepted: () => Promise<void>): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt += 1) {
      try {
        await this.whoAmI();
        await whenAccepted();
        this.status.verified();
        this.logger.info({ attempts: attempt }, 'slack: connected');
        return;
      } catch (error) {
        const code = slackErrorCode(error);
        const retryInMs = Math.min(CHECK_BACKOFF.baseMs * 2 ** (attempt - 1), CHECK_BACKOFF.maxMs);
        if (code) {
          this.status.failed(code);
          this.logger.error({ code, retryInMs }, 'slack: the bot token was refused; Slack notices wait in the outbox until it is accepted (check SLACK_BOT_TOKEN)');
        } else {
          this.logger.warn({ reason: this.status.snapshot().reason, err: error, retryInMs }, 'slack: not reachable; retrying in the background');
        }
        await this.sleep(retryInMs);
      }
    }
  }

  private async authTest(): Promise<SlackIdentity> {
    const result = await this.client.auth.test();
    if (!result.bot_id || !result.user_id) throw new Error('slack: auth.test did not name the bot (is SLACK_BOT_TOKEN a bot token?)');
    this.identity = { botId: result.bot_id, botUserId: result.user_id, teamId: result.team_id ?? null };
    return this.identity;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleeping = null;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleeping = { timer, wake };
    });
  }
}

/** Slack's own error code (`invalid_auth`, `account_inactive`, …) when Slack answered with one. */
function slackErrorCode(error: unknown): string | null {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : null;
}

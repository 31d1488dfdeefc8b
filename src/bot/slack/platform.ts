import { App, HTTPReceiver, webApi } from '@slack/bolt';
import type { Notifier } from '../../domain/notifier.js';
import type { HttpServer } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import type { ChatPlatform, PlatformContext } from '../platform.js';
import { PlatformStatus, type PlatformHealth } from '../platform-health.js';
import { boltLogger } from './bolt-logger.js';
import { observingFetch, SlackConnection } from './connection.js';
import { eventsRoute } from './endpoint.js';
import { HomeViews } from './home.js';
import { register } from './listeners/index.js';
import { SlackLocales, withSlackLocales } from './locales.js';
import { SlackNotifier } from './notifier/index.js';
import type { SlackSettings } from './settings.js';
import { SlackSurface } from './surface.js';
import { PendingAcks } from './pending-acks.js';
import { WorkQueue } from './work-queue.js';

export const EVENTS_PATH = '/slack/events';

/** Clicks handled at once; well below the database pool (10), which the outbox and the scheduler share. */
const INTERACTION_CONCURRENCY = 4;

/**
 * Slack through Bolt: over HTTP on our own server (`POST /slack/events`, signatures verified by Bolt's
 * receiver) or, with an app token, over Socket Mode. The notifier shares Bolt's Web API client.
 */
export class SlackPlatform implements ChatPlatform {
  readonly name = 'slack';
  readonly notifier: Notifier;
  private readonly app: App;
  private readonly receiver: HTTPReceiver | null;
  /** What the work after an ack and the notices give way to (issue #16). */
  private readonly acks = new PendingAcks();
  private readonly work = new WorkQueue(INTERACTION_CONCURRENCY, () => this.acks.quiet());
  private readonly logger: Logger;
  private readonly connection: SlackConnection;
  private readonly homes: HomeViews;

  constructor(context: PlatformContext, private readonly settings: SlackSettings) {
    this.logger = context.logger;
    const logger = boltLogger(context.logger);
    const status = new PlatformStatus();
    const clientOptions = {
      ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
      // Without a deadline one request that is never answered (a half-open connection) would hold its
      // delivery, and the outbox round with it, until restart.
      timeout: settings.requestTimeoutMs,
      // The client retries only a 429, after its Retry-After. A timeout or a dropped connection is not retried
      // here: Slack may have taken the request (a posted card), and only the outbox's next attempt looks in the
      // channel's history before posting again (exactly once, event-posts.ts). It also bounds a Slack that
      // never answers to one timeout per call.
      retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000, onFailedAttempt: retryOnlyRateLimits },
      fetch: observingFetch(status),
    };
    // The route in front of it verifies every request and strips an unsigned ssl_check (endpoint.ts); the receiver
    // is reachable only through that route.
    this.receiver = settings.appToken ? null : new HTTPReceiver({ signingSecret: settings.signingSecret!, signatureVerification: false, endpoints: EVENTS_PATH, logger });
    // Bolt's own client gets no token (with `authorize` it takes none); ours has it, for the notifier and the
    // token check. Listeners get a client with the token from `authorize`, with the same options.
    const client = new webApi.WebClient(settings.botToken, { ...clientOptions, logger });
    this.connection = new SlackConnection(client, status, this.logger);
    this.app = new App({
      // Instead of `token`: Bolt would call auth.test at start and fail the start while Slack is unreachable.
      authorize: async () => ({ botToken: settings.botToken, ...(await this.connection.whoAmI()) }),
      logger,
      clientOptions,
      // Socket Mode's own client (apps.connections.open) reads its options from installerOptions.
      ...(this.receiver ? { receiver: this.receiver } : { socketMode: true, appToken: settings.appToken!, installerOptions: { clientOptions } }),
    });
    const locales = new SlackLocales(client);
    const surface = new SlackSurface({ client, conversations: context.conversations, locales, staffChannel: settings.staffChannel, logger: this.logger });
    const localized = { ...context, ...withSlackLocales(context, locales) };
    const homes = new HomeViews(client, localized, this.logger, settings.homeRefreshWindowMs);
    this.homes = homes;
    const notifier = new SlackNotifier(context, surface, homes, () => this.acks.quiet());
    this.notifier = notifier;
    const welcome = (help: string) => notifier.happen({ type: 'app_installed', help });
    register(this.app, { ...localized, settings, work: this.work, welcome, homes });
  }

  mount(http: HttpServer): void {
    const receiver = this.receiver;
    if (!receiver) return;
    // Bolt answers on the response itself (ack first, listeners after); the route checks the request first.
    http.route('POST', EVENTS_PATH, eventsRoute(receiver, this.settings.signingSecret!, this.logger, this.acks));
  }

  /**
   * Returns at once: the token check (auth.test) and, in Socket Mode, the connection are retried in the
   * background until Slack accepts them, while notices wait in the outbox.
   */
  async start(): Promise<void> {
    this.connection.start(this.settings.appToken ? () => this.app.start().then(() => undefined) : undefined);
  }

  /** Stops taking clicks, then lets the clicks already acked finish their work and the Homes still owed go out. */
  async stop(): Promise<void> {
    await this.connection.stop();
    if (this.settings.appToken) await this.app.stop().catch((error: unknown) => this.logger.warn({ err: error }, 'slack: closing the socket failed'));
    await this.work.drain();
    await this.homes.flush();
  }

  health(): PlatformHealth {
    return this.connection.status.snapshot();
  }

  quiet(): Promise<void> {
    return this.acks.quiet();
  }
}

/**
 * p-retry's hook: rethrowing ends the retries. @slack/web-api signals "waited out a 429, try again" with a plain
 * Error whose message starts like this (WebClient.makeRequest); every other failure ends the call.
 */
function retryOnlyRateLimits(error: Error): void {
  if (!error.message.startsWith('A rate limit was exceeded')) throw error;
}

import { App, HTTPReceiver } from '@slack/bolt';
import type { Notifier } from '../../domain/notifier.js';
import type { HttpServer } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import type { ChatPlatform, PlatformContext } from '../platform.js';
import { boltLogger } from './bolt-logger.js';
import { eventsRoute } from './events-route.js';
import { register } from './listeners/index.js';
import { SlackLocales, withSlackLocales } from './locales.js';
import { SlackNotifier } from './notifier/slack-notifier.js';
import type { SlackSettings } from './settings.js';
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
  private readonly work = new WorkQueue(INTERACTION_CONCURRENCY);
  private readonly logger: Logger;

  constructor(context: PlatformContext, private readonly settings: SlackSettings) {
    this.logger = context.logger;
    const logger = boltLogger(context.logger);
    const clientOptions = {
      ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
      // Few quick retries in the client; longer outages are the outbox's business (it retries with backoff).
      // A 429 is waited out for its Retry-After inside these retries.
      retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
    };
    this.receiver = settings.appToken ? null : new HTTPReceiver({ signingSecret: settings.signingSecret!, endpoints: EVENTS_PATH, logger });
    this.app = new App({
      token: settings.botToken,
      logger,
      clientOptions,
      deferInitialization: true,
      // Socket Mode's own client (apps.connections.open) reads its options from installerOptions.
      ...(this.receiver ? { receiver: this.receiver } : { socketMode: true, appToken: settings.appToken!, installerOptions: { clientOptions } }),
    });
    const services = { ...context, ...withSlackLocales(context, new SlackLocales(this.app.client)), settings, work: this.work };
    register(this.app, services);
    this.notifier = new SlackNotifier(this.app.client, services);
  }

  mount(http: HttpServer): void {
    const receiver = this.receiver;
    if (!receiver) return;
    // Bolt answers on the response itself (ack first, listeners after); the route checks the request first.
    http.route('POST', EVENTS_PATH, eventsRoute(receiver, this.settings.signingSecret!, this.logger));
  }

  /** Checks the token (auth.test) so a wrong one stops the start; Socket Mode also opens its connection. */
  async start(): Promise<void> {
    await this.app.init();
    if (this.settings.appToken) await this.app.start();
  }

  /** Stops taking clicks, then lets the clicks already acked finish their work. */
  async stop(): Promise<void> {
    if (this.settings.appToken) await this.app.stop();
    await this.work.drain();
  }
}

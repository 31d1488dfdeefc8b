import { App, HTTPReceiver, webApi } from '@slack/bolt';
import type { Notifier } from '../../domain/notifier.js';
import type { HttpServer } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import type { ChatPlatform, PlatformContext } from '../platform.js';
import { PlatformStatus, type PlatformHealth } from '../platform-health.js';
import { boltLogger } from './bolt-logger.js';
import { currentInstitution, inInstitution, type InstitutionId } from '../../domain/institution.js';
import { onboardInstaller } from '../core/onboarding.js';
import { createNoticeDelivery } from '../core/notices/create-delivery.js';
import { observingFetch, SlackConnection } from './connection.js';
import { eventsRoute } from './endpoint.js';
import { HomeViews } from './home.js';
import { register } from './listeners/index.js';
import { SlackLocales, withSlackLocales } from './locales.js';
import { SlackNotifier } from './notifier/index.js';
import { slackNoticeRenderer } from './notifier/notice.js';
import { mountInstaller } from './installer.js';
import { pacedFetch } from './rate-limits.js';
import { SlackWorkspaces } from './workspaces.js';
import type { SlackSettings } from './settings.js';
import { SlackSurface } from './surface.js';
import { PendingAcks } from './pending-acks.js';
import { WorkQueue } from './work-queue.js';

export const EVENTS_PATH = '/slack/events';

/** Clicks handled at once; well below the database pool (10), which the outbox and the scheduler share. */
const INTERACTION_CONCURRENCY = 4;

/**
 * Slack through Bolt: over HTTP on our own server (`POST /slack/events`, signatures verified by the route in front of
 * Bolt's receiver) or, with an app token, over Socket Mode. Issue #17: each request is work of the institution whose
 * workspace sent it (Bolt's `authorize`, then a middleware naming the institution), each notice goes out in its
 * institution's workspace, and with OAuth configured more workspaces are installed at `/slack/install`.
 */
export class SlackPlatform implements ChatPlatform {
  readonly name = 'slack';
  readonly notifier: Notifier;
  /** The same notifier, with the platform's own happenings (the welcome, onboarding). */
  private readonly notices: SlackNotifier;
  private readonly app: App;
  private readonly receiver: HTTPReceiver | null;
  /** What the work after an ack and the notices give way to (issue #16). */
  private readonly acks = new PendingAcks();
  private readonly work = new WorkQueue(INTERACTION_CONCURRENCY, () => this.acks.quiet());
  private readonly logger: Logger;
  private readonly status: PlatformStatus;
  /** The environment's token check; null when every workspace comes by OAuth. */
  private readonly connection: SlackConnection | null;
  private readonly workspaces: SlackWorkspaces;
  private readonly clientOptions: webApi.WebClientOptions;

  constructor(private readonly context: PlatformContext, private readonly settings: SlackSettings) {
    this.logger = context.logger;
    const logger = boltLogger(context.logger);
    // With only OAuth there is no token to check at start: each workspace's calls tell how Slack answers.
    this.status = new PlatformStatus(settings.botToken ? 'starting' : 'up');
    const observed = observingFetch(this.status);
    this.clientOptions = {
      ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
      // Without a deadline one request that is never answered (a half-open connection) would hold its
      // delivery, and the outbox round with it, until restart.
      timeout: settings.requestTimeoutMs,
      // The client retries only a 429, after its Retry-After. A timeout or a dropped connection is not retried
      // here: Slack may have taken the request (a posted card), and only the outbox's next attempt looks in the
      // channel's history before posting again (exactly once, event-posts.ts). It also bounds a Slack that
      // never answers to one timeout per call.
      retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000, onFailedAttempt: retryOnlyRateLimits } as webApi.WebClientOptions['retryConfig'],
      // Issue #17: every call waits for its slot on its workspace's schedule, shared by all instances (rate-limits.ts).
      fetch: settings.pacing ? pacedFetch(context.pacer, observed, this.logger, settings.requestTimeoutMs) : observed,
      logger,
    };
    // The route in front of it verifies every request and strips an unsigned ssl_check (endpoint.ts); the receiver
    // is reachable only through that route.
    this.receiver = settings.appToken ? null : new HTTPReceiver({ signingSecret: settings.signingSecret!, signatureVerification: false, endpoints: EVENTS_PATH, logger });
    this.connection = settings.botToken ? new SlackConnection(new webApi.WebClient(settings.botToken, this.clientOptions), this.status, this.logger) : null;
    const connection = this.connection;
    const locales = new SlackLocales(async () => (await this.workspaces.current())?.client ?? null);
    const localized = { ...context, ...withSlackLocales(context, locales) };
    this.workspaces = new SlackWorkspaces({
      installations: context.installations,
      environment: connection && settings.botToken ? { botToken: settings.botToken, identity: () => connection.whoAmI() } : null,
      oauth: settings.oauth !== null,
      build: (institution, access) => {
        const client = new webApi.WebClient(access.botToken, this.clientOptions);
        const staffChannel = () => context.settings().staffChannel.slack ?? null;
        const surface = new SlackSurface({ client, conversations: context.conversations, locales, staffChannel, logger: this.logger });
        const homes = new HomeViews(client, localized, this.logger, settings.homeRefreshWindowMs);
        return { institution, ...access, client, homes, notices: createNoticeDelivery('slack', context, surface, slackNoticeRenderer) };
      },
    });
    this.app = new App({
      // Instead of `token`: Bolt would call auth.test at start and fail the start while Slack is unreachable.
      authorize: (source) => this.workspaces.authorize(source.teamId),
      logger,
      clientOptions: this.clientOptions,
      // Socket Mode's own client (apps.connections.open) reads its options from installerOptions.
      ...(this.receiver ? { receiver: this.receiver } : { socketMode: true, appToken: settings.appToken!, installerOptions: { clientOptions: this.clientOptions } }),
    });
    const notifier = new SlackNotifier(this.workspaces, () => this.acks.quiet());
    this.notifier = notifier;
    this.notices = notifier;
    register(this.app, {
      ...localized,
      work: this.work,
      workspaces: this.workspaces,
      staffChannel: () => context.settings().staffChannel.slack ?? null,
      welcome: (help) => notifier.happen({ type: 'app_installed', help }),
      homes: { opened: async (user) => (await this.workspaces.current())?.homes.opened(user) },
      uninstalled: (teamId) => this.uninstalled(teamId),
    });
  }

  mount(http: HttpServer): void {
    const receiver = this.receiver;
    if (!receiver) return;
    // Bolt answers on the response itself (ack first, listeners after); the route checks the request first.
    http.route('POST', EVENTS_PATH, eventsRoute(receiver, this.settings.signingSecret!, this.logger, this.acks));
    if (this.settings.oauth) {
      mountInstaller(http, {
        oauth: this.settings.oauth,
        clientOptions: this.clientOptions,
        installations: this.context.installations,
        installLinks: this.context.installLinks,
        institutionName: (institution) => inInstitution(institution, () => this.context.settings().name),
        installed: (institution, installerId) => this.installed(institution, installerId),
        logger: this.logger,
      });
    }
  }

  /**
   * Returns at once: the token check (auth.test) and, in Socket Mode, the connection are retried in the
   * background until Slack accepts them, while notices wait in the outbox.
   */
  async start(): Promise<void> {
    this.connection?.start(this.settings.appToken ? () => this.app.start().then(() => undefined) : undefined);
  }

  /** Stops taking clicks, then lets the clicks already acked finish their work and the Homes still owed go out. */
  async stop(): Promise<void> {
    await this.connection?.stop();
    if (this.settings.appToken) await this.app.stop().catch((error: unknown) => this.logger.warn({ err: error }, 'slack: closing the socket failed'));
    await this.work.drain();
    for (const workspace of this.workspaces.inUse()) await workspace.homes.flush();
  }

  health(): PlatformHealth {
    return this.status.snapshot();
  }

  quiet(): Promise<void> {
    return this.acks.quiet();
  }

  /**
   * A workspace installed for `institution` by OAuth (issue #17): read again from now on, and its installer — in an
   * institution with no admin yet — becomes the first admin and is walked through the setup (core/onboarding.ts).
   * Slack gives the installer's name and e-mail (scope `users:read.email`).
   */
  private async installed(institution: InstitutionId, installerId: string): Promise<void> {
    this.workspaces.forget(institution);
    await inInstitution(institution, async () => {
      const workspace = await this.workspaces.current();
      if (!workspace) return;
      const profile = (await workspace.client.users.info({ user: installerId })).user?.profile;
      const [firstName = '', ...rest] = (profile?.real_name || profile?.display_name || '').trim().split(/\s+/);
      if (!profile?.email || !firstName) {
        this.logger.warn({ institution }, 'slack: the installer has no name or e-mail in Slack; the first admin is to be added by the operator');
        return;
      }
      await onboardInstaller(this.context, { firstName, surname: rest.join(' ') || firstName, email: profile.email, platformIds: { slackUserId: installerId } }, (staffId) =>
        this.notices.happen({ type: 'admin_onboarding', staffId, help: '/inquiry' }),
      );
    });
  }

  /**
   * `app_uninstalled` or `tokens_revoked` (issue #17): the institution's installation is over, and its notices have
   * nobody to go to in Slack until the app is installed again. The environment's workspace cannot be forgotten here:
   * its token is configured, so the operator is told.
   */
  private async uninstalled(teamId: string | undefined): Promise<void> {
    const institution = currentInstitution();
    if (institution === undefined || !teamId) return;
    const environment = this.connection ? (await this.connection.whoAmI().catch(() => null))?.teamId : undefined;
    if (environment === teamId) {
      this.logger.error({ teamId }, 'slack: the app was removed from the workspace of SLACK_BOT_TOKEN; its notices fail until it is installed again and the token renewed');
      return;
    }
    await this.context.installations.revoke('slack', teamId);
    this.workspaces.forget(institution);
    this.logger.info({ teamId, institution }, 'slack: the app was removed from a workspace; its institution has no Slack until it is installed again');
  }
}

/**
 * p-retry's hook: rethrowing ends the retries. @slack/web-api signals "waited out a 429, try again" with a plain
 * Error whose message starts like this (WebClient.makeRequest); every other failure ends the call.
 */
function retryOnlyRateLimits(error: Error): void {
  if (!error.message.startsWith('A rate limit was exceeded')) throw error;
}

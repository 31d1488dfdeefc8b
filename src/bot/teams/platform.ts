import type { Activity, TurnContext } from 'botbuilder';
import { StaffNotFoundError } from '../../domain/errors.js';
import { FIRST_INSTITUTION, servingOnly } from '../../domain/institution.js';
import type { Notifier } from '../../domain/notifier.js';
import type { StaffMember } from '../../domain/staff.js';
import type { HttpServer } from '../../http/server.js';
import { staffLanguage, translate } from '../core/i18n/index.js';
import type { ChatPlatform, PlatformContext } from '../platform.js';
import type { PlatformHealth, PlatformStatus } from '../platform-health.js';
import { TeamsConversations } from './conversations.js';
import { messagesRoute } from './endpoint.js';
import { translateConnectorError } from './errors.js';
import { register } from './listeners/index.js';
import { createTeamsNotifier } from './notifier/index.js';
import { TeamsRouter } from './router.js';
import { TeamsSurface } from './surface.js';
import type { TeamsAdapter } from './teams-adapter.js';

/**
 * Microsoft Teams through botbuilder's CloudAdapter: activities come to `POST /api/messages`, the router hands
 * each to its listener, and the notifier sends proactively through the Bot Connector.
 */
export class TeamsPlatform implements ChatPlatform {
  readonly name = 'teams';
  readonly notifier: Notifier;
  private readonly router: TeamsRouter;

  constructor(
    private readonly context: PlatformContext,
    private readonly adapter: TeamsAdapter,
    private readonly status: PlatformStatus,
  ) {
    const { logger, config } = context;
    const conversations = new TeamsConversations(context.conversations);
    const surface = new TeamsSurface(adapter, conversations, logger, { timeoutMs: Math.round(config.CHAT_API_TIMEOUT_SECONDS * 1000), status });
    const notifier = createTeamsNotifier(context, surface);
    // Issue #17: the Teams connection of the environment is the first institution's, and carries only its events
    // until tenants are mapped to their institutions.
    this.notifier = servingOnly(FIRST_INSTITUTION, notifier);
    this.router = new TeamsRouter((activity) => this.actorOf(activity), logger);
    // The last resort: a turn that failed outside a listener's own error handling is logged, the user told.
    adapter.onTurnError = async (turn, error) => {
      logger.error({ err: translateConnectorError(error), activityType: turn.activity.type }, 'teams: turn failed');
      if (turn.activity.type === 'message') await turn.sendActivity(translate(staffLanguage(turn.activity.locale), 'error.unexpected')).catch(() => undefined);
    };

    const welcome = (help: string) => notifier.happen({ type: 'app_installed', help });
    const sendToPerson = surface.sendToPerson.bind(surface);
    register(this.router, { ...context, references: conversations, staffChannel: config.TEAMS_STAFF_CHANNEL, welcome, sendToPerson });
  }

  mount(http: HttpServer): void {
    http.route('POST', '/api/messages', messagesRoute(this.adapter, (turn: TurnContext) => this.router.run(turn), this.context.logger));
  }

  async start(): Promise<void> {
    this.context.logger.info({ emulator: !this.context.config.MicrosoftAppId }, 'teams: listening on /api/messages');
  }

  health(): PlatformHealth {
    return this.status.snapshot();
  }

  /** Lets work that outlived its invoke's answer finish before the database closes. */
  async stop(): Promise<void> {
    await this.router.drain();
  }

  /** Staff are linked by their AAD object id; the Emulator has none, so its user id stands in. */
  private async actorOf(activity: Activity): Promise<StaffMember | null> {
    const id = activity.from?.aadObjectId ?? activity.from?.id;
    if (!id) return null;
    try {
      return await this.context.staff.findByTeamsUser(id);
    } catch (error) {
      if (error instanceof StaffNotFoundError) return null;
      throw error;
    }
  }
}

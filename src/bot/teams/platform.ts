import type { Activity, TurnContext } from 'botbuilder';
import { StaffNotFoundError } from '../../domain/errors.js';
import { inInstitution } from '../../domain/institution.js';
import { tenantOf } from './listeners/install.js';
import { TeamsTenants } from './tenants.js';
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
  private readonly tenants: TeamsTenants;

  constructor(
    private readonly context: PlatformContext,
    private readonly adapter: TeamsAdapter,
    private readonly status: PlatformStatus,
  ) {
    const { logger, config } = context;
    const conversations = new TeamsConversations(context.conversations);
    const surface = new TeamsSurface(adapter, conversations, logger, { timeoutMs: Math.round(config.CHAT_API_TIMEOUT_SECONDS * 1000), status });
    const notifier = createTeamsNotifier(context, surface);
    // Issue #17: each institution's events go to its own staff channel and people (the conversation store is its own).
    this.notifier = notifier;
    this.tenants = new TeamsTenants(context.installations, config.MicrosoftAppTenantId ?? null);
    this.router = new TeamsRouter((activity) => this.actorOf(activity), logger);
    // The last resort: a turn that failed outside a listener's own error handling is logged, the user told.
    adapter.onTurnError = async (turn, error) => {
      logger.error({ err: translateConnectorError(error), activityType: turn.activity.type }, 'teams: turn failed');
      if (turn.activity.type === 'message') await turn.sendActivity(translate(staffLanguage(turn.activity.locale), 'error.unexpected')).catch(() => undefined);
    };

    const welcome = (help: string) => notifier.happen({ type: 'app_installed', help });
    const sendToPerson = surface.sendToPerson.bind(surface);
    const staffChannel = () => context.settings().staffChannel.teams;
    const onboarding = (staffId: string) => notifier.happen({ type: 'admin_onboarding', staffId, help: '@Langelis' });
    register(this.router, { ...context, references: conversations, staffChannel, welcome, onboarding, sendToPerson });
  }

  mount(http: HttpServer): void {
    http.route('POST', '/api/messages', messagesRoute(this.adapter, (turn: TurnContext) => this.serve(turn), this.context.logger));
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

  /**
   * Each activity is work of the institution its tenant serves (issue #17); one from a tenant no institution is
   * connected to is answered empty and does nothing.
   */
  private async serve(turn: TurnContext): Promise<void> {
    const tenant = tenantOf(turn.activity);
    const institution = await this.tenants.institutionOf(tenant);
    if (institution === null) {
      this.context.logger.warn({ tenant, activityType: turn.activity.type }, 'teams: an activity from a tenant no institution is connected to was ignored');
      return;
    }
    await inInstitution(institution, () => this.router.run(turn));
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

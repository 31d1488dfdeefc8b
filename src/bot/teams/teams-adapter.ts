import { CloudAdapter, type Activity, type ConfigurationBotFrameworkAuthentication, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Config } from '../../config.js';
import { DeadlineBotFrameworkAuthentication } from './deadlines.js';

/** The Bot Connector REST client botbuilder creates for one service URL (send, reply, update, create). */
export type ConnectorClient = Awaited<ReturnType<ReturnType<TeamsAdapter['authentication']['createConnectorFactory']>['create']>>;

/**
 * botbuilder's CloudAdapter with two doors opened: activities already parsed by our HTTP server go straight
 * in, and the notifier gets a connector client for a service URL without running a bot turn (so an error
 * reaches the outbox instead of the adapter's turn-error handler).
 */
export class TeamsAdapter extends CloudAdapter {
  constructor(private readonly appId: string, auth: ConfigurationBotFrameworkAuthentication) {
    super(auth);
  }

  get authentication(): ConfigurationBotFrameworkAuthentication {
    return this.botFrameworkAuthentication as ConfigurationBotFrameworkAuthentication;
  }

  /** Authenticates the request (unless running for the Emulator without an app id) and runs one turn. */
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }

  async connector(serviceUrl: string): Promise<ConnectorClient> {
    const identity = this.createClaimsIdentity(this.appId);
    const factory = this.authentication.createConnectorFactory(identity);
    // No audience: the factory uses the one of the configured cloud, as botbuilder's own proactive calls do.
    return factory.create(serviceUrl, undefined);
  }
}

/**
 * Every request the adapter makes has a deadline of CHAT_API_TIMEOUT_SECONDS (see deadlines.ts): the replies,
 * updates and roster reads of a turn, the notifier's calls, and the Microsoft login; a connector that never
 * answers fails the call in time instead of holding the turn.
 */
export function createTeamsAdapter(config: Config): TeamsAdapter {
  const appId = config.MicrosoftAppId ?? '';
  const auth = new DeadlineBotFrameworkAuthentication(
    {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
      MicrosoftAppType: config.MicrosoftAppType ?? 'MultiTenant',
      MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    },
    Math.round(config.CHAT_API_TIMEOUT_SECONDS * 1000),
  );
  return new TeamsAdapter(appId, auth);
}

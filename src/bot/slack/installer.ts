import { createHmac } from 'node:crypto';
import type http from 'node:http';
import { ErrorCode, InstallProvider, type Installation, type InstallationStore } from '@slack/oauth';
import type { webApi } from '@slack/bolt';
import { AccountTakenError, type ChatInstallations } from '../../domain/chat-installations.js';
import { inInstitution, type InstitutionId } from '../../domain/institution.js';
import { SLACK_INSTALL_PATH, type InstallLinks } from '../../domain/install-link.js';
import type { HttpServer } from '../../http/server.js';
import type { Logger } from '../../logger.js';
import { installPage, pageLanguage, type InstallOutcome } from '../../web/install-page.js';
import { OAUTH_REDIRECT_PATH, type SlackOAuthSettings } from './settings.js';

/** The bot's scopes, as the manifest lists them (manifests/slack: a test keeps the two equal). */
export const BOT_SCOPES = ['channels:history', 'channels:read', 'chat:write', 'commands', 'groups:history', 'groups:read', 'im:history', 'im:write', 'users:read', 'users:read.email'];

/** An Enterprise Grid org-wide install: each of the org's workspaces is installed for its own institution instead. */
class OrgInstallError extends Error {
  constructor() {
    super('slack: an org-wide install serves no one institution');
    this.name = 'OrgInstallError';
  }
}

export interface InstallerParts {
  oauth: SlackOAuthSettings;
  clientOptions: webApi.WebClientOptions;
  installations: ChatInstallations;
  installLinks: InstallLinks;
  institutionName(institution: InstitutionId): string;
  /** The institution's workspace was installed by `installerId`: the platform reads it again and onboards them. */
  installed(institution: InstitutionId, installerId: string): Promise<void>;
  logger: Logger;
}

/**
 * Issue #17: Slack installed into an institution's workspace by OAuth, with Bolt's installer (@slack/oauth).
 * 1. `GET /slack/install?institution=…&staff=operator&expires=…&sig=…` — a link the operator made for one institution
 *    (install-link.ts); anything else is refused. The installer sends the browser to Slack with a state naming the
 *    institution, signed (Bolt's ClearStateStore: nothing kept in this server's memory, so any instance finishes the
 *    flow) and tied to this browser by a cookie.
 * 2. `GET /slack/oauth_redirect` — Slack sends the installer back; the code is exchanged for the workspace's bot token,
 *    stored sealed for the institution the state names. A workspace already serving another institution, or an
 *    org-wide install, is refused with a page saying why.
 */
export function mountInstaller(http: HttpServer, parts: InstallerParts): void {
  const { oauth, logger } = parts;
  const installer = new InstallProvider({
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    // Derived, not configured: every instance signs and checks the same state, and no new secret is to be kept.
    stateSecret: createHmac('sha256', oauth.clientSecret).update('langelis-slack-oauth-state-v1').digest('base64url'),
    installationStore: installationStore(parts),
    authorizationUrl: oauth.authorizeUrl,
    directInstall: true,
    clientOptions: parts.clientOptions,
    logger: parts.clientOptions.logger,
  });
  const reply = (request: http.IncomingMessage, response: http.ServerResponse, status: number, outcome: InstallOutcome) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    response.end(installPage(pageLanguage(request.headers['accept-language']), outcome));
  };

  http.route('GET', SLACK_INSTALL_PATH, async (request, response) => {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const check = parts.installLinks.verify({ institution: query.get('institution'), staff: query.get('staff'), expires: query.get('expires'), sig: query.get('sig') });
    if (!check.ok) {
      logger.warn({ reason: check.reason }, 'slack: an install link was refused');
      return reply(request, response, check.reason === 'expired' ? 410 : 403, { outcome: check.reason === 'expired' ? 'link_expired' : 'link_invalid' });
    }
    await installer.handleInstallPath(request, response, undefined, { scopes: BOT_SCOPES, redirectUri: oauth.redirectUri, metadata: String(check.institution) });
  });

  http.route('GET', OAUTH_REDIRECT_PATH, (request, response) =>
    installer.handleCallback(request, response, {
      success: (installation, _options, callbackRequest, callbackResponse) => {
        const institution = Number(installation.metadata);
        logger.info({ teamId: installation.team?.id, institution }, 'slack: installed into a workspace');
        reply(callbackRequest, callbackResponse, 200, { outcome: 'installed', workspace: installation.team?.name ?? '', institution: parts.institutionName(institution) });
      },
      failure: (error, _options, callbackRequest, callbackResponse) => {
        const cause = (error as { cause?: unknown }).cause ?? error;
        logger.warn({ code: error.code, reason: cause instanceof Error ? cause.name : undefined }, 'slack: an install did not finish');
        reply(callbackRequest, callbackResponse, 400, { outcome: failureOf(error, cause) });
      },
    }),
  );
}

/** What the installer stores: the workspace's bot for the institution the signed state names. */
function installationStore(parts: InstallerParts): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      if (installation.isEnterpriseInstall || !installation.team || !installation.bot) throw new OrgInstallError();
      const institution = Number(installation.metadata);
      const { team, bot, enterprise, user } = installation;
      await inInstitution(institution, () =>
        parts.installations.save({
          platform: 'slack',
          account: team.id,
          enterprise: enterprise?.id ?? null,
          accountName: team.name ?? null,
          botUserId: bot.userId,
          botId: bot.id,
          secret: bot.token,
          installedBy: user.id,
        }),
      );
      // The installation stands without onboarding: a failure there is logged, and the admins can be set later.
      await parts.installed(institution, user.id).catch((error: unknown) => parts.logger.warn({ err: error, institution }, 'slack: onboarding the installer failed'));
    },
    // Bolt's own authorize would read installations back; the platform's workspaces do that (workspaces.ts).
    fetchInstallation: async () => {
      throw new Error('slack: installations are read by the platform, not by the installer');
    },
  };
}

function failureOf(error: { code: string }, cause: unknown): Exclude<InstallOutcome['outcome'], 'installed'> {
  if (error instanceof AccountTakenError || cause instanceof AccountTakenError) return 'workspace_taken';
  if (error instanceof OrgInstallError || cause instanceof OrgInstallError) return 'org_install';
  if (error.code === ErrorCode.AuthorizationError) return 'cancelled';
  // The state is too old, or the flow came back to another browser than the one that started it.
  if (error.code === ErrorCode.InvalidStateError || error.code === ErrorCode.MissingStateError) return 'restart';
  return 'failed';
}

import type { ChatInstallations } from '../../domain/chat-installations.js';
import { currentInstitution, FIRST_INSTITUTION, inInstitution, type InstitutionId } from '../../domain/institution.js';
import type { NoticeDelivery } from '../core/notices/delivery.js';
import type { SlackIdentity } from './connection.js';
import type { HomeViews } from './home.js';
import type { SlackClient } from './services.js';
import type { SlackMessage } from './surface.js';

/** One institution's Slack workspace: how the app speaks there, and what it keeps for it. */
export interface SlackWorkspace {
  institution: InstitutionId;
  botToken: string;
  client: SlackClient;
  identity(): Promise<SlackIdentity>;
  notices: NoticeDelivery<SlackMessage>;
  homes: HomeViews;
}

/** What a workspace is made of: its token and who the bot is there. */
export interface WorkspaceAccess {
  botToken: string;
  identity(): Promise<SlackIdentity>;
}

/** What Bolt's `authorize` hands every listener: the workspace's token and bot, and the institution it serves. */
export interface WorkspaceAuthorization {
  readonly botToken: string;
  /** Bolt ignores the bot's own events by these. */
  readonly botId: string;
  readonly botUserId: string;
  /** Read by the middleware that runs each request as its institution's work (listeners/index.ts). */
  readonly institution: InstitutionId;
}

/** A request from a workspace no institution installed the app into (or one it was removed from). */
export class UnknownWorkspaceError extends Error {
  constructor(teamId: string | undefined) {
    super(`slack: workspace ${teamId ?? '(none named)'} is not installed for any institution`);
    this.name = 'UnknownWorkspaceError';
  }
}

/** How long a workspace's token and bot are trusted before the installation is read again (another instance may have removed it). */
const KEEP_MS = 60_000;

/**
 * Issue #17: the workspaces Slack serves, one per institution at most. The environment's token (the single-workspace
 * setup) is the first institution's; every other workspace was installed by OAuth and is read from the installations
 * (its token sealed at rest). An incoming request names its workspace (`authorize`); an outgoing notice is work of an
 * institution, which names its workspace (`current`).
 */
export class SlackWorkspaces {
  private readonly kept = new Map<InstitutionId, { until: number; workspace: SlackWorkspace }>();

  constructor(
    private readonly parts: {
      installations: ChatInstallations;
      /** The environment's workspace, the first institution's; null when every workspace comes by OAuth. */
      environment: WorkspaceAccess | null;
      /** Whether other workspaces are installed by OAuth; without it every request is the environment's workspace's. */
      oauth: boolean;
      build(institution: InstitutionId, access: WorkspaceAccess): SlackWorkspace;
    },
  ) {}

  /** The workspace of the institution whose work is under way, or null when it has none. */
  async current(): Promise<SlackWorkspace | null> {
    const institution = currentInstitution();
    if (institution === undefined) return null;
    const kept = this.kept.get(institution);
    if (kept && kept.until > Date.now()) return kept.workspace;
    const access = await this.accessOf(institution);
    if (!access) {
      this.kept.delete(institution);
      return null;
    }
    const workspace = kept && kept.workspace.botToken === access.botToken ? kept.workspace : this.parts.build(institution, access);
    this.kept.set(institution, { until: Date.now() + KEEP_MS, workspace });
    return workspace;
  }

  /** Bolt's `authorize`: the workspace a request comes from, and its institution; throws for a workspace nobody installed. */
  async authorize(teamId: string | undefined): Promise<WorkspaceAuthorization> {
    const institution = await this.institutionOf(teamId);
    const workspace = institution === null ? null : await inInstitution(institution, () => this.current());
    if (!workspace) throw new UnknownWorkspaceError(teamId);
    const { botId, botUserId } = await workspace.identity();
    return { botToken: workspace.botToken, botId, botUserId, institution: workspace.institution };
  }

  /** The institution a workspace serves (a removed installation serves none). */
  async institutionOf(teamId: string | undefined): Promise<InstitutionId | null> {
    const { environment, oauth, installations } = this.parts;
    if (environment && (!oauth || (await environment.identity()).teamId === teamId)) return FIRST_INSTITUTION;
    if (!teamId) return null;
    const owner = await installations.ownerOf('slack', teamId);
    return owner && !owner.revoked ? owner.institution : null;
  }

  /** An install or removal changed `institution`'s workspace: read it again at the next use. */
  forget(institution: InstitutionId): void {
    this.kept.delete(institution);
  }

  /** Every workspace in use here (at shutdown: the Homes still owed). */
  inUse(): SlackWorkspace[] {
    return [...this.kept.values()].map((entry) => entry.workspace);
  }

  private async accessOf(institution: InstitutionId): Promise<WorkspaceAccess | null> {
    const { environment, installations } = this.parts;
    if (institution === FIRST_INSTITUTION && environment) return environment;
    const installed = await installations.active('slack');
    if (!installed?.secret || !installed.botId || !installed.botUserId) return null;
    const identity: SlackIdentity = { botId: installed.botId, botUserId: installed.botUserId, teamId: installed.account };
    return { botToken: installed.secret, identity: async () => identity };
  }
}

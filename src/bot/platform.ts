import type { Config } from '../config.js';
import type { ClientChannelService } from '../domain/client-channel.service.js';
import type { ClientMessagingService } from '../domain/client-messaging.service.js';
import type { Clock } from '../domain/clock.js';
import type { AttachmentLinks } from '../domain/attachment-link.js';
import type { AttachmentAccess } from '../domain/attachment.service.js';
import type { LetterLinks } from '../domain/letter-link.js';
import type { ReportLinks } from '../domain/report-link.js';
import type { Notifier } from '../domain/notifier.js';
import type { DomainServices } from '../domain/services.js';
import type { HttpServer } from '../http/server.js';
import type { Logger } from '../logger.js';
import type { ChatPostStore, ConversationStore } from '../domain/chat-posts.js';
import type { PlatformId } from './core/notices/notice.js';
import type { CallPacer } from '../domain/call-pacing.js';
import type { ChatInstallations } from '../domain/chat-installations.js';
import type { EffectiveSettings } from '../domain/institution-settings.js';
import type { InstallLinks } from '../domain/install-link.js';
import type { PlatformHealth } from './platform-health.js';

/** What a chat platform gets from the core: the domain's services and the stores it needs. */
export interface PlatformContext extends DomainServices {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Client e-mail: the owner's "Reply by e-mail" (refused with a coded error when e-mail is not configured). */
  messaging: ClientMessagingService;
  /** Letters, status notes to the client, meeting summaries and drafts (R19, R31, R48, R55). */
  clientChannel: ClientChannelService;
  /** Signs each link to a printable letter for the one staff member it is sent to (R55.same-channel). */
  letterLinks: LetterLinks;
  /** Issue #15: the client's e-mailed files an inquiry's owner and supervisors may download (names and sizes here). */
  attachments: Pick<AttachmentAccess, 'listFor'>;
  /** Signs each attachment's download link for the one staff member it is shown to. */
  attachmentLinks: AttachmentLinks;
  /** Signs each link to a report's CSV export for the one staff member it is shown to (R60.internal). */
  reportLinks: ReportLinks;
  chatPosts: ChatPostStore;
  conversations: ConversationStore;
  /**
   * Where the institution whose work is under way is reached on the web (its links: letters, exports, ratings):
   * PUBLIC_URL, then `/<short name>` for every institution but the first (issue #17). No trailing slash.
   */
  siteUrl(): string;
  /** The settings of the institution whose work is under way: its own over the deployment's defaults (issue #17). */
  settings(): EffectiveSettings;
  /** Which workspace or tenant serves which institution (issue #17). */
  installations: ChatInstallations;
  /** Checks the links an operator made for installing into an institution's workspace. */
  installLinks: InstallLinks;
  /** The shared schedule outgoing calls wait on, per workspace (issue #17). */
  pacer: CallPacer;
  /** The platforms switched on: someone another platform reaches is not "missing" on this one (D18). */
  platformsOn?: readonly PlatformId[];
}

/**
 * One chat platform (Slack, Teams): it renders domain events (its notifier, fed by the outbox) and turns
 * clicks and commands into domain commands through the routes it mounts on the one HTTP server.
 */
export interface ChatPlatform {
  readonly name: string;
  readonly notifier: Notifier;
  mount(http: HttpServer): void;
  /** Returns without waiting for the platform: intake must not depend on chat, so checks and retries run in the background. */
  start(): Promise<void>;
  /** For /healthz: whether the platform answers. */
  health(): PlatformHealth;
  /**
   * Resolves once no request of this platform waits for its answer (bounded): background work (the outbox's
   * deliveries) stands back for acks (issue #16). Absent: nothing to wait for.
   */
  quiet?(): Promise<void>;
  stop(): Promise<void>;
}

import type { Config } from '../config.js';
import type { CallService } from '../domain/call.service.js';
import type { ClientChannelService } from '../domain/client-channel.service.js';
import type { ClientMessagingService } from '../domain/client-messaging.service.js';
import type { ExternalStepService } from '../domain/external-step.service.js';
import type { MeetingService } from '../domain/meeting.service.js';
import type { Clock } from '../domain/clock.js';
import type { EscalationService } from '../domain/escalation.service.js';
import type { InquiryQueries } from '../domain/inquiry.queries.js';
import type { InquiryService } from '../domain/inquiry.service.js';
import type { Notifier } from '../domain/notifier.js';
import type { StaffDirectory } from '../domain/staff.service.js';
import type { HttpServer } from '../http/server.js';
import type { Logger } from '../logger.js';
import type { ChatPostStore, ConversationStore } from './core/chat-stores.js';

/** What a chat platform gets from the core: the domain's services and the stores it needs. */
export interface PlatformContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  inquiries: InquiryService;
  calls: CallService;
  meetings: MeetingService;
  externalSteps: ExternalStepService;
  escalations: EscalationService;
  queries: InquiryQueries;
  staff: StaffDirectory;
  /** Client e-mail: the owner's "Reply by e-mail" (refused with a coded error when e-mail is not configured). */
  messaging: ClientMessagingService;
  /** Letters, status notes to the client, meeting summaries and drafts (R19, R31, R48, R55). */
  clientChannel: ClientChannelService;
  chatPosts: ChatPostStore;
  conversations: ConversationStore;
}

/**
 * One chat platform (Slack, Teams): it renders domain events (its notifier, fed by the outbox) and turns
 * clicks and commands into domain commands through the routes it mounts on the one HTTP server.
 */
export interface ChatPlatform {
  readonly name: string;
  readonly notifier: Notifier;
  mount(http: HttpServer): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

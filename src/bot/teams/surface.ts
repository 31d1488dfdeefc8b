import type { Activity } from 'botbuilder';
import type { StaffMember } from '../../domain/staff.js';
import type { Logger } from '../../logger.js';
import type { Language } from '../core/i18n/index.js';
import { PostGoneError, type ChatSurface, type PostAttempts, type PostedRef, type SendResult } from '../core/surface.js';
import { transportReason, type PlatformStatus } from '../platform-health.js';
import { CARD_CONTENT_TYPE, type AdaptiveCard } from './render/elements.js';
import { connectorCall, isGoneActivity, isUnreachablePerson, statusOf } from './errors.js';
import type { PersonReference, StaffChannel, TeamsConversations } from './conversations.js';
import type { ConnectorClient, TeamsAdapter } from './teams-adapter.js';

export function cardActivity(card: AdaptiveCard, summary?: string): Partial<Activity> {
  return { type: 'message', ...(summary ? { summary } : {}), attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] };
}

/** Thrown when a post's channel is no longer known (its reference was deleted): retried until it is back. */
export class StaffChannelUnknownError extends Error {
  constructor() {
    super('Teams: the app has not been added to a staff channel yet');
    this.name = 'StaffChannelUnknownError';
  }
}

const NO_CHANNEL: SendResult = { ok: false, reason: 'no_channel' };
const UNREACHABLE: SendResult = { ok: false, reason: 'unreachable' };

/** The chat surface Teams offers the core: proactive messages through the Bot Connector (channel, threads, 1:1 chats). */
export class TeamsSurface implements ChatSurface<AdaptiveCard> {
  readonly platform = 'teams' as const;
  readonly attempts: PostAttempts;

  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly conversations: TeamsConversations,
    private readonly logger: Logger,
    /** Each Bot Connector request is abandoned after `timeoutMs`; every outcome is reported to `status`. */
    private readonly deadline: { timeoutMs: number; status: PlatformStatus },
  ) {
    this.attempts = { start: (inquiryId, purpose) => conversations.startPosting(inquiryId, purpose), done: (inquiryId, purpose) => conversations.posted(inquiryId, purpose) };
  }

  /** Teams has no per-user language we read; staff read it in the directory's language. */
  async languageOf(person: StaffMember): Promise<Language> {
    return person.language;
  }

  /**
   * One connector request with a deadline. Without it a request that is never answered (a half-open
   * connection) would hold its delivery until restart. The SDK does not retry a request that ran out of time;
   * the outbox does. (botbuilder's factory replaces any request policy given to it, so the deadline is passed
   * with each call.)
   */
  private async call<T>(request: (options: { timeout: number }) => Promise<T>): Promise<T> {
    const { timeoutMs, status } = this.deadline;
    try {
      const result = await connectorCall(() => request({ timeout: timeoutMs }));
      status.answered();
      return result;
    } catch (error) {
      // An error that carries an HTTP status is the connector's answer (403, 404 …), not a lost connection.
      const answeredWith = (error as { statusCode?: unknown } | null)?.statusCode;
      if (typeof answeredWith !== 'number') status.failed(transportReason(error));
      else if (answeredWith >= 500) status.failed(`HTTP ${answeredWith}`);
      else status.answered();
      throw error;
    }
  }

  /**
   * `no_channel` while the app has not been added to a team: then there is nowhere to announce, and holding the
   * event back would also hold back that inquiry's reminders and escalations (the outbox keeps order per inquiry).
   */
  async postToChannel(card: AdaptiveCard): Promise<SendResult> {
    const channel = await this.conversations.staffChannel();
    if (!channel) return NO_CHANNEL;
    const connector = await this.adapter.connector(channel.serviceUrl);
    const sent = await this.call((options) => connector.conversations.sendToConversation(channel.conversationId, cardActivity(card), options));
    return { ok: true, post: { channelId: channel.conversationId, messageId: sent.id } };
  }

  /** A reply to the announcement activity in its conversation; never announced here → the channel itself (D23). */
  async replyInThread(parent: PostedRef | null, card: AdaptiveCard): Promise<SendResult> {
    if (!parent) return this.postToChannel(card);
    const connector = await this.adapter.connector((await this.requireChannel()).serviceUrl);
    const activity = { ...cardActivity(card), replyToId: parent.messageId };
    const sent = await this.call((options) => connector.conversations.replyToActivity(parent.channelId, parent.messageId, activity, options));
    return { ok: true, post: { channelId: parent.channelId, messageId: sent.id } };
  }

  /** `PostGoneError` when the Bot Connector says the activity is not there any more (404: deleted in Teams). */
  async update(post: PostedRef, card: AdaptiveCard): Promise<void> {
    const connector = await this.adapter.connector((await this.requireChannel()).serviceUrl);
    try {
      await this.call((options) => connector.conversations.updateActivity(post.channelId, post.messageId, { ...cardActivity(card), id: post.messageId }, options));
    } catch (error) {
      if (isGoneActivity(error)) throw new PostGoneError(String(statusOf(error)));
      throw error;
    }
  }

  /**
   * Sends to a person's 1:1 chat with the bot, creating that chat on first need. `unreachable` when the person
   * has no Teams account we know of, or Teams says they cannot be reached: nothing to retry.
   */
  async sendToPerson(member: StaffMember, card: AdaptiveCard): Promise<SendResult> {
    const teamsUserId = member.teamsUserId;
    if (!teamsUserId) return UNREACHABLE;
    const person = await this.conversations.person(teamsUserId);
    if (!person) return UNREACHABLE;
    const connector = await this.adapter.connector(person.serviceUrl);
    try {
      const conversationId = person.conversationId ?? (await this.openChat(teamsUserId, person, connector));
      const sent = await this.call((options) => connector.conversations.sendToConversation(conversationId, cardActivity(card), options));
      return { ok: true, post: { channelId: conversationId, messageId: sent.id } };
    } catch (error) {
      if (!isUnreachablePerson(error)) throw error;
      this.logger.warn({ err: error }, 'teams: a staff member cannot be reached in a 1:1 chat');
      return UNREACHABLE;
    }
  }

  /** Creates the bot's 1:1 chat with a team member and keeps its id for next time. */
  private async openChat(teamsUserId: string, person: PersonReference, connector: ConnectorClient): Promise<string> {
    const created = await this.call((options) =>
      connector.conversations.createConversation({
        isGroup: false,
        bot: { id: person.botId, name: 'Langelis' },
        members: [{ id: person.userId, name: '' }],
        tenantId: person.tenantId ?? undefined,
        channelData: person.tenantId ? { tenant: { id: person.tenantId } } : {},
      }, options),
    );
    await this.conversations.savePerson(teamsUserId, { ...person, conversationId: created.id });
    return created.id;
  }

  private async requireChannel(): Promise<StaffChannel> {
    const channel = await this.conversations.staffChannel();
    if (!channel) throw new StaffChannelUnknownError();
    return channel;
  }
}

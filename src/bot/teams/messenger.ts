import type { Activity } from 'botbuilder';
import type { ChatPost } from '../core/chat-stores.js';
import type { Logger } from '../../logger.js';
import { transportReason, type PlatformStatus } from '../platform-health.js';
import { CARD_CONTENT_TYPE, type AdaptiveCard } from './cards/elements.js';
import { connectorCall, isUnreachablePerson } from './connector-errors.js';
import type { PersonReference, TeamsConversations } from './conversations.js';
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

/** Proactive messages through the Bot Connector: the staff channel, its threads, and people's 1:1 chats. */
export class TeamsMessenger {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly conversations: TeamsConversations,
    private readonly logger: Logger,
    /** Each Bot Connector request is abandoned after `timeoutMs`; every outcome is reported to `status`. */
    private readonly deadline: { timeoutMs: number; status: PlatformStatus },
  ) {}

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
   * Null while the app has not been added to a team: then there is no channel to announce in, and holding the
   * event back would also hold back that inquiry's reminders and escalations (the outbox keeps order per inquiry).
   */
  async postToChannel(activity: Partial<Activity>): Promise<ChatPost | null> {
    const channel = await this.conversations.staffChannel();
    if (!channel) return null;
    const connector = await this.adapter.connector(channel.serviceUrl);
    const sent = await this.call((options) => connector.conversations.sendToConversation(channel.conversationId, activity, options));
    return { channelId: channel.conversationId, messageId: sent.id };
  }

  /** A reply in the announcement's thread: a reply to the announcement activity in its conversation. */
  async replyInThread(post: ChatPost, activity: Partial<Activity>): Promise<void> {
    const channel = await this.requireChannel();
    const connector = await this.adapter.connector(channel.serviceUrl);
    await this.call((options) => connector.conversations.replyToActivity(post.channelId, post.messageId, { ...activity, replyToId: post.messageId }, options));
  }

  async update(post: ChatPost, activity: Partial<Activity>): Promise<void> {
    const channel = await this.requireChannel();
    const connector = await this.adapter.connector(channel.serviceUrl);
    await this.call((options) => connector.conversations.updateActivity(post.channelId, post.messageId, { ...activity, id: post.messageId }, options));
  }

  /**
   * Sends to a person's 1:1 chat with the bot, creating that chat on first need. False when the person has no
   * Teams account we know of (or Teams says they cannot be reached): the caller skips them, nothing to retry.
   */
  async sendToPerson(teamsUserId: string | null, activity: Partial<Activity>): Promise<boolean> {
    if (!teamsUserId) return false;
    const person = await this.conversations.person(teamsUserId);
    if (!person) return false;
    const connector = await this.adapter.connector(person.serviceUrl);
    try {
      const conversationId = person.conversationId ?? (await this.openChat(teamsUserId, person, connector));
      await this.call((options) => connector.conversations.sendToConversation(conversationId, activity, options));
      return true;
    } catch (error) {
      if (!isUnreachablePerson(error)) throw error;
      this.logger.warn({ err: error }, 'teams: a staff member cannot be reached in a 1:1 chat');
      return false;
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

  private async requireChannel() {
    const channel = await this.conversations.staffChannel();
    if (!channel) throw new StaffChannelUnknownError();
    return channel;
  }
}

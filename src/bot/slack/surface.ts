import type { EventDelivery } from '../../domain/notifier.js';
import type { StaffMember } from '../../domain/staff.js';
import type { Logger } from '../../logger.js';
import type { ConversationStore } from '../../domain/chat-posts.js';
import type { Language } from '../core/i18n/index.js';
import { PostGoneError, type ChatSurface, type PostedRef, type SendResult } from '../core/surface.js';
import { EventPosts, type SlackPost } from './event-posts.js';
import type { SlackLocales } from './locales.js';
import type { MessageBlock } from './render/block-types.js';
import { PLATFORM, type SlackClient } from './services.js';
import { goneMessageCode, isUnreachableRecipient } from './errors.js';

/** A Slack message as the renderer makes it: Block Kit and the fallback text notifications and screen readers use. */
export interface SlackMessage {
  text: string;
  /** Known blocks, and the chart block of a report (R60.internal) that @slack/types does not type yet. */
  blocks: MessageBlock[];
}

/** What the surface needs besides the Web API client. */
export interface SlackSurfaceParts {
  readonly client: SlackClient;
  readonly conversations: ConversationStore;
  readonly locales: SlackLocales;
  /** The institution's staff channel (its settings), or null before one is set. */
  staffChannel(): string | null;
  readonly logger: Logger;
}

const UNREACHABLE: SendResult = { ok: false, reason: 'unreachable' };

/**
 * The chat surface Slack offers the core. Every post of an outbox delivery goes through that delivery's
 * `EventPosts`, so a repeated attempt finds in the channel's history what an interrupted one posted (exactly once).
 */
export class SlackSurface implements ChatSurface<SlackMessage> {
  readonly platform = 'slack' as const;

  constructor(
    private readonly parts: SlackSurfaceParts,
    private readonly posts: EventPosts = new EventPosts(parts.client, parts.logger, null, ''),
  ) {}

  forDelivery(delivery: EventDelivery, inquiryId: string): SlackSurface {
    return new SlackSurface(this.parts, new EventPosts(this.parts.client, this.parts.logger, delivery, inquiryId));
  }

  /** English for staff whose setting or Slack locale is English (locales.ts). */
  async languageOf(person: StaffMember): Promise<Language> {
    return (await this.parts.locales.localize(person)).language;
  }

  /** An institution that has not named its staff channel yet is told nothing there (its admins set it up first). */
  async postToChannel(message: SlackMessage): Promise<SendResult> {
    const channel = this.parts.staffChannel();
    if (!channel) return UNREACHABLE;
    return this.post({ channel, ...message });
  }

  /** Under the announcement; without one (Slack connected after the inquiry was announced) in the channel itself. */
  replyInThread(parent: PostedRef | null, message: SlackMessage): Promise<SendResult> {
    if (!parent) return this.postToChannel(message);
    return this.post({ channel: parent.channelId, thread_ts: parent.messageId, ...message });
  }

  /** `unreachable` for staff without Slack, or whom Slack refuses (deactivated, not in the workspace): never retried. */
  async sendToPerson(person: StaffMember, message: SlackMessage): Promise<SendResult> {
    if (!person.slackUserId) return UNREACHABLE;
    try {
      return await this.post({ channel: await this.channelOf(person.slackUserId), ...message });
    } catch (error) {
      if (isUnreachableRecipient(error)) return UNREACHABLE;
      throw error;
    }
  }

  /** `PostGoneError` when Slack says the message was deleted or is no longer the bot's to edit (errors.ts). */
  async update(post: PostedRef, message: SlackMessage): Promise<void> {
    try {
      await this.parts.client.chat.update({ channel: post.channelId, ts: post.messageId, ...message });
    } catch (error) {
      const gone = goneMessageCode(error);
      if (gone) throw new PostGoneError(gone);
      throw error;
    }
  }

  private async post(message: SlackPost): Promise<SendResult> {
    const posted = await this.posts.post(message);
    return { ok: true, post: { channelId: posted.channel, messageId: posted.ts } };
  }

  /** The person's DM channel, kept in the conversation store so a restart costs no `conversations.open` per person. */
  private async channelOf(slackUserId: string): Promise<string> {
    const { conversations, client } = this.parts;
    const key = `dm:${slackUserId}`;
    const known = await conversations.find<{ channel: string }>(PLATFORM, key);
    if (known) return known.channel;
    const opened = await client.conversations.open({ users: slackUserId });
    const channel = opened.channel!.id!;
    await conversations.save(PLATFORM, key, { channel });
    return channel;
  }
}

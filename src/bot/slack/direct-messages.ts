import type { ConversationStore } from '../core/chat-stores.js';
import type { KnownBlock } from './render/block-types.js';
import type { EventPosts, PostedMessage } from './notifier/event-posts.js';
import { PLATFORM, type SlackClient } from './services.js';
import { isUnreachableRecipient } from './web-errors.js';

export type { PostedMessage } from './notifier/event-posts.js';

/**
 * Direct messages to staff. The DM channel id of each person is kept in the conversation store, so a
 * restart does not cost a `conversations.open` per person.
 */
export class DirectMessages {
  constructor(
    private readonly client: SlackClient,
    private readonly conversations: ConversationStore,
    /** Posts for the event being delivered, so a retried event finds the DM it already sent. */
    private readonly posts: EventPosts,
  ) {}

  /** Posts a DM; null when Slack says the person cannot be reached (skipped, not retried). */
  async send(slackUserId: string, text: string, blocks: KnownBlock[]): Promise<PostedMessage | null> {
    try {
      const channel = await this.channelOf(slackUserId);
      return await this.posts.post({ channel, text, blocks });
    } catch (error) {
      if (isUnreachableRecipient(error)) return null;
      throw error;
    }
  }

  async channelOf(slackUserId: string): Promise<string> {
    const key = `dm:${slackUserId}`;
    const known = await this.conversations.find<{ channel: string }>(PLATFORM, key);
    if (known) return known.channel;
    const opened = await this.client.conversations.open({ users: slackUserId });
    const channel = opened.channel!.id!;
    await this.conversations.save(PLATFORM, key, { channel });
    return channel;
  }
}

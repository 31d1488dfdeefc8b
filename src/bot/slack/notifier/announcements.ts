import { buildInquiryCard } from '../../core/inquiry-card.js';
import type { KnownBlock } from '../render/block-types.js';
import { inquiryBlocks, inquiryFallback } from '../render/inquiry-blocks.js';
import { PLATFORM, type SlackClient, type SlackServices } from '../services.js';
import { EventPosts } from './event-posts.js';

const PURPOSE = 'announcement';

/** The inquiry's card in the staff channel: posted once, then re-rendered in place; its thread carries notes. */
export class Announcements {
  constructor(
    private readonly client: SlackClient,
    private readonly services: SlackServices,
    /** Posts for the event being delivered; a click that re-shows the card posts without one. */
    private readonly posts: EventPosts = new EventPosts(client, services.logger, null, ''),
  ) {}

  /**
   * Posts the card, or updates it when it was posted before (an outbox redelivery must not post twice). A
   * card posted by an attempt that died before recording it is found by its metadata and recorded now.
   */
  async show(inquiryId: string): Promise<void> {
    const { inquiry, owner } = await this.services.queries.get(inquiryId);
    const { config, clock, capabilities } = this.services;
    const card = buildInquiryCard(inquiry, owner, config.DEFAULT_LANGUAGE, clock.now(), config.TIME_ZONE, capabilities);
    const message = { text: inquiryFallback(card), blocks: inquiryBlocks(card, config.DEFAULT_LANGUAGE) };
    const existing = await this.services.chatPosts.find(PLATFORM, inquiryId, PURPOSE);
    if (existing) {
      await this.client.chat.update({ channel: existing.channelId, ts: existing.messageId, ...message });
      return;
    }
    const posted = await this.posts.post({ channel: this.services.settings.staffChannel, ...message });
    await this.services.chatPosts.save(PLATFORM, inquiryId, PURPOSE, { channelId: posted.channel, messageId: posted.ts });
  }

  /** A reply in the card's thread; without a card (Slack connected later) it goes to the channel itself. */
  async reply(inquiryId: string, message: { text: string; blocks: KnownBlock[] }): Promise<void> {
    const existing = await this.services.chatPosts.find(PLATFORM, inquiryId, PURPOSE);
    await this.posts.post({
      channel: existing?.channelId ?? this.services.settings.staffChannel,
      ...(existing ? { thread_ts: existing.messageId } : {}),
      ...message,
    });
  }
}

import { buildInquiryCard } from '../../core/inquiry-card.js';
import type { KnownBlock } from '../render/block-types.js';
import { inquiryBlocks, inquiryFallback } from '../render/inquiry-blocks.js';
import { PLATFORM, type SlackClient, type SlackServices } from '../services.js';

const PURPOSE = 'announcement';

/** The inquiry's card in the staff channel: posted once, then re-rendered in place; its thread carries notes. */
export class Announcements {
  constructor(
    private readonly client: SlackClient,
    private readonly services: SlackServices,
  ) {}

  /** Posts the card, or updates it when it was posted before (an outbox redelivery must not post twice). */
  async show(inquiryId: string): Promise<void> {
    const { inquiry, owner } = await this.services.queries.get(inquiryId);
    const { config, clock } = this.services;
    const card = buildInquiryCard(inquiry, owner, config.DEFAULT_LANGUAGE, clock.now(), config.TIME_ZONE, Boolean(config.SMTP_URL));
    const message = { text: inquiryFallback(card), blocks: inquiryBlocks(card, config.DEFAULT_LANGUAGE) };
    const existing = await this.services.chatPosts.find(PLATFORM, inquiryId, PURPOSE);
    if (existing) {
      await this.client.chat.update({ channel: existing.channelId, ts: existing.messageId, ...message });
      return;
    }
    const posted = await this.client.chat.postMessage({ channel: this.services.settings.staffChannel, ...message });
    await this.services.chatPosts.save(PLATFORM, inquiryId, PURPOSE, { channelId: posted.channel!, messageId: posted.ts! });
  }

  /** A reply in the card's thread; without a card (Slack connected later) it goes to the channel itself. */
  async reply(inquiryId: string, message: { text: string; blocks: KnownBlock[] }): Promise<void> {
    const existing = await this.services.chatPosts.find(PLATFORM, inquiryId, PURPOSE);
    await this.client.chat.postMessage({
      channel: existing?.channelId ?? this.services.settings.staffChannel,
      ...(existing ? { thread_ts: existing.messageId } : {}),
      ...message,
    });
  }
}

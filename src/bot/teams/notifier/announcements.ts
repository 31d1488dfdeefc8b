import type { ChatPost } from '../../core/chat-stores.js';
import type { PlatformContext } from '../../platform.js';
import type { AdaptiveCard } from '../cards/elements.js';
import { PLATFORM } from '../conversations.js';
import { cardActivity, type TeamsMessenger } from '../messenger.js';
import type { InquiryViews } from '../views.js';

const ANNOUNCEMENT = 'announcement';

/** The inquiry's announcement in the staff channel: posted once, re-rendered in place, replied to in its thread. */
export class Announcements {
  constructor(
    private readonly context: PlatformContext,
    private readonly messenger: TeamsMessenger,
    private readonly views: InquiryViews,
  ) {}

  /** A redelivered `registered` updates the card it already posted instead of posting a second one. */
  async announce(inquiryId: string): Promise<void> {
    const card = cardActivity(await this.views.announcement(inquiryId));
    const existing = await this.find(inquiryId);
    if (existing) return this.messenger.update(existing, card);
    const post = await this.messenger.postToChannel(card);
    if (post) await this.context.chatPosts.save(PLATFORM, inquiryId, ANNOUNCEMENT, post);
    else this.context.logger.warn({ inquiryId }, 'teams: no staff channel yet (add the app to a team); announcement skipped');
  }

  async rerender(inquiryId: string): Promise<void> {
    const existing = await this.find(inquiryId);
    if (existing) await this.messenger.update(existing, cardActivity(await this.views.announcement(inquiryId)));
  }

  /** A reply in the announcement's thread; nothing when the inquiry was never announced. */
  async reply(inquiryId: string, card: AdaptiveCard): Promise<void> {
    const post = await this.find(inquiryId);
    if (post) await this.messenger.replyInThread(post, cardActivity(card));
  }

  private find(inquiryId: string): Promise<ChatPost | null> {
    return this.context.chatPosts.find(PLATFORM, inquiryId, ANNOUNCEMENT);
  }
}

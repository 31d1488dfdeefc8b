import type { ChatPost } from '../../core/chat-stores.js';
import type { PlatformContext } from '../../platform.js';
import type { AdaptiveCard } from '../cards/elements.js';
import { PLATFORM, TeamsConversations } from '../conversations.js';
import { cardActivity, type TeamsMessenger } from '../messenger.js';
import type { InquiryViews } from '../views.js';

const ANNOUNCEMENT = 'announcement';
/** A database blip right after Teams took the card must not cost a second card: the save is retried this long. */
const SAVE_RETRY_DELAYS_MS = [200, 500, 1_000, 2_000, 4_000];

/** The inquiry's announcement in the staff channel: posted once, re-rendered in place, replied to in its thread. */
export class Announcements {
  private readonly marks: TeamsConversations;

  constructor(
    private readonly context: PlatformContext,
    private readonly messenger: TeamsMessenger,
    private readonly views: InquiryViews,
  ) {
    this.marks = new TeamsConversations(context.conversations);
  }

  /**
   * A redelivered `registered` updates the card it already posted instead of posting a second one. Teams has
   * no history to check, so a crash between Teams taking the card and the database recording it is the one
   * case left: the retry then announces again (a card twice beats none, R12.records) and says so in the log.
   * See docs/teams.md.
   */
  async announce(inquiryId: string): Promise<void> {
    const card = cardActivity(await this.views.announcement(inquiryId));
    const existing = await this.find(inquiryId);
    if (existing) return this.messenger.update(existing, card);
    const earlier = await this.marks.startAnnouncing(inquiryId);
    if (earlier) this.context.logger.warn({ inquiryId, earlierAttemptAt: earlier }, 'teams: an interrupted earlier attempt may have announced this inquiry; announcing again');
    const post = await this.messenger.postToChannel(card);
    if (!post) {
      this.context.logger.warn({ inquiryId }, 'teams: no staff channel yet (add the app to a team); announcement skipped');
      return;
    }
    await this.record(inquiryId, post);
    await this.marks.announced(inquiryId);
  }

  /** Saves the posted card's id, retrying a failing database for a few seconds before giving up. */
  private async record(inquiryId: string, post: ChatPost): Promise<void> {
    for (const delay of [...SAVE_RETRY_DELAYS_MS, null]) {
      try {
        return await this.context.chatPosts.save(PLATFORM, inquiryId, ANNOUNCEMENT, post);
      } catch (error) {
        if (delay === null) throw error;
        this.context.logger.warn({ err: error, inquiryId }, 'teams: recording the posted announcement failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
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

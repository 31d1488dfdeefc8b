import type { ChatPost } from '../../domain/chat-posts.js';
import type { EventDelivery } from '../../domain/notifier.js';
import type { StaffMember } from '../../domain/staff.js';
import type { Language } from './i18n/index.js';
import type { PlatformId } from './notices/notice.js';

/** Where a platform showed something, so it can be updated or replied to (kept in the ChatPostStore). */
export type PostedRef = ChatPost;

/**
 * Thrown by a surface's `update` when the platform says the message is no longer there to edit (deleted in the
 * channel or the chat, or no longer the bot's to change). `reason` is the platform's own code (Slack's
 * `message_not_found`, Teams' `404`): ids and codes only, never the message. The core decides what it means
 * (issue #15: a copy that is gone needs no cleaning).
 */
export class PostGoneError extends Error {
  constructor(readonly reason: string) {
    super(`The message to edit is gone (${reason})`);
    this.name = 'PostGoneError';
  }
}

/** What a send came to; a person the platform says it cannot reach is an answer, not an error. */
export type SendResult =
  | { readonly ok: true; readonly post: PostedRef }
  | { readonly ok: false; readonly reason: 'unreachable' | 'no_channel' };

/**
 * Marks of a keyed post under way. A platform without history to look a post up in (Teams) marks the attempt
 * before posting, so a retry after a crash between posting and recording knows it may post twice and says so
 * in the log (R12.records: a card twice beats none).
 */
export interface PostAttempts {
  /** Marks the attempt; returns when an earlier attempt started that never recorded its post, else null. */
  start(inquiryId: string, purpose: string): Promise<string | null>;
  /** The post is recorded: a later attempt has nothing to doubt. */
  done(inquiryId: string, purpose: string): Promise<void>;
}

/**
 * The chat surface one platform offers the core: the only place its SDK is called to show a notice. `M` is the
 * platform's rendered message. Errors other than "unreachable" and "no channel" are thrown (translated by the
 * platform's error map) so the outbox retries; the delivery's keys keep a retry from posting twice.
 */
export interface ChatSurface<M> {
  readonly platform: PlatformId;
  /** The language this person reads the platform in. */
  languageOf(person: StaffMember): Promise<Language>;
  /** Posts to the staff channel (an announcement); `no_channel` while the app is in no team yet. */
  postToChannel(message: M): Promise<SendResult>;
  /** Replies in the thread under `parent`; without a parent (never announced here) posts to the channel (D23). */
  replyInThread(parent: PostedRef | null, message: M): Promise<SendResult>;
  /** Sends to the person's direct chat with the bot, opening it on first need. */
  sendToPerson(person: StaffMember, message: M): Promise<SendResult>;
  /** Replaces a message posted before (the announcement, a keyed DM) with `message`; `PostGoneError` when it is gone. */
  update(post: PostedRef, message: M): Promise<void>;
  /** Present where the platform cannot look up what an interrupted attempt posted. */
  readonly attempts?: PostAttempts;
  /**
   * Present where the platform can find what an interrupted attempt posted (Slack: message metadata and
   * history): the surface for one outbox delivery, whose posts are marked with the event so a repeated attempt
   * finds them instead of posting again.
   */
  forDelivery?(delivery: EventDelivery, inquiryId: string): ChatSurface<M>;
}

import type { EventDelivery } from '../../domain/notifier.js';
import type { Logger } from '../../logger.js';
import type { MessageBlock } from './render/block-types.js';
import type { SlackClient } from './services.js';
import { slackErrorCode } from './errors.js';

/** Slack message metadata type of every message the notifier posts for an outbox event. */
export const EVENT_METADATA_TYPE = 'langelis_event';

/** A message to post: a channel or DM, optionally in a thread. */
export interface SlackPost {
  channel: string;
  thread_ts?: string;
  text: string;
  blocks: MessageBlock[];
}

/** Where a posted message is, so it can be recorded, updated or replied to. */
export interface PostedMessage {
  channel: string;
  ts: string;
}

/** What identifies one post of one delivery; carried in the message's metadata. */
interface PostMark {
  eventId: string;
  inquiryId: string;
  /** The how-manieth post of this event in this channel or thread (an event may DM one person twice). */
  seq: number;
}

/** Allows for the clocks of this host and Slack differing a little. */
const CLOCK_SKEW_SECONDS = 120;
/** The lookup is bounded: a retry rarely comes long after the event; beyond this, posting again is the lesser harm. */
const PAGE_SIZE = 100;
const MAX_PAGES = 3;
/** Answers that mean the app may not read this conversation's history (an install without the history scopes). */
const UNREADABLE = new Set(['missing_scope', 'not_in_channel', 'not_allowed_token_type', 'no_permission']);

/**
 * Posts for one outbox delivery, exactly once across crashes. Every post carries `{ eventId, inquiryId, seq }`
 * as message metadata. On a repeated attempt (the earlier one may have posted and died before recording it),
 * the channel's or thread's recent history is searched for that mark first, and a message found is returned
 * as if just posted. Without a delivery (a click, not an event) it simply posts.
 */
export class EventPosts {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly client: SlackClient,
    private readonly logger: Logger,
    private readonly delivery: EventDelivery | null,
    private readonly inquiryId: string,
  ) {}

  async post(message: SlackPost): Promise<PostedMessage> {
    if (!this.delivery) return this.send(message);
    const place = `${message.channel}/${message.thread_ts ?? ''}`;
    const seq = this.counts.get(place) ?? 0;
    this.counts.set(place, seq + 1);
    const mark: PostMark = { eventId: this.delivery.eventId, inquiryId: this.inquiryId, seq };
    if (this.delivery.attempt > 1) {
      const earlier = await this.findEarlier(message, mark);
      if (earlier) return earlier;
    }
    return this.send({ ...message }, mark);
  }

  private async send(message: SlackPost, mark?: PostMark): Promise<PostedMessage> {
    const metadata = mark ? { metadata: { event_type: EVENT_METADATA_TYPE, event_payload: { ...mark } } } : {};
    const posted = await this.client.chat.postMessage({ ...message, ...metadata });
    return { channel: posted.channel ?? message.channel, ts: posted.ts! };
  }

  /** The message an earlier attempt posted with this mark, searched since the event was written. */
  private async findEarlier(message: SlackPost, mark: PostMark): Promise<PostedMessage | null> {
    const oldest = String(Math.floor(this.delivery!.createdAt.getTime() / 1000) - CLOCK_SKEW_SECONDS);
    const window = { channel: message.channel, oldest, limit: PAGE_SIZE, include_all_metadata: true };
    let cursor: string | undefined;
    try {
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const answer = message.thread_ts
          ? await this.client.conversations.replies({ ...window, ts: message.thread_ts, cursor })
          : await this.client.conversations.history({ ...window, cursor });
        const found = answer.messages?.find((candidate) => carries(candidate.metadata, mark));
        if (found?.ts) return { channel: message.channel, ts: found.ts };
        cursor = answer.response_metadata?.next_cursor || undefined;
        if (!cursor) return null;
      }
      return null;
    } catch (error) {
      // Without the history scopes nothing can be checked: post again rather than never (R12.records).
      if (!UNREADABLE.has(slackErrorCode(error) ?? '')) throw error;
      this.logger.warn({ err: error, eventId: mark.eventId, inquiryId: mark.inquiryId }, 'slack: cannot read history to check an earlier attempt (reinstall the app with the history scopes); posting again');
      return null;
    }
  }
}

function carries(metadata: { event_type?: string; event_payload?: Record<string, unknown> } | undefined, mark: PostMark): boolean {
  const payload = metadata?.event_payload;
  return (
    metadata?.event_type === EVENT_METADATA_TYPE &&
    String(payload?.eventId) === mark.eventId &&
    payload?.inquiryId === mark.inquiryId &&
    Number(payload?.seq) === mark.seq
  );
}

import type { InquiryEvent, InquiryEventType } from './events.js';

/**
 * A receiver of inquiry events from the outbox: a chat platform's notifier, the reminder scheduler.
 * Delivery is at least once and in order per inquiry, so `handle` must tolerate a repeat.
 */
export interface EventConsumer {
  /** Stable name; the outbox keeps one delivery per consumer and event. */
  readonly name: string;
  accepts(type: InquiryEventType): boolean;
  /** Throws to have the event retried later with backoff. */
  handle(event: InquiryEvent): Promise<void>;
}

/** The notifier contract every chat platform implements (Slack, Teams, a logger until they exist). */
export type Notifier = EventConsumer;

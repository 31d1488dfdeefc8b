import type { InquiryEvent, InquiryEventType } from './events.js';
import type { Period } from './quality/report.js';

/**
 * A receiver of inquiry events from the outbox: a chat platform's notifier, the reminder scheduler.
 * Delivery is at least once and in order per inquiry, so `handle` must tolerate a repeat.
 */
export interface EventConsumer {
  /** Stable name; the outbox keeps one delivery per consumer and event. */
  readonly name: string;
  accepts(type: InquiryEventType): boolean;
  /**
   * Throws to have the event retried later with backoff. `delivery` tells a consumer that posts to the outside
   * world which attempt this is, so it can recognise what its own earlier attempt got through (a crash between
   * posting and recording the post) instead of posting twice; consumers that do not need it ignore it.
   */
  handle(event: InquiryEvent, delivery?: EventDelivery): Promise<void>;
}

/** One attempt at delivering one event to one consumer. */
export interface EventDelivery {
  /** Stable across attempts; one per event and consumer. */
  eventId: string;
  /** 1 on the first attempt; more means an earlier attempt may have got partway. */
  attempt: number;
  /** When the event was written: nothing was posted for it before. */
  createdAt: Date;
}

/**
 * Something staff must hear that is about no inquiry, so it never passes through the outbox (its lanes are per
 * inquiry). R12.records: an e-mail the intake could not register waits in the mailbox for an admin.
 * No personal data: the mailbox, the message's UID and a reason code say which message and why.
 */
export interface MailUnregistered {
  readonly type: 'mail_unregistered';
  readonly mailbox: string;
  readonly uid: number;
  readonly reason: string;
  readonly firstSeenAt: Date;
}
/**
 * R4.owner, away with cover: a person was marked away (or back). Their direct manager — or, with none reachable, the
 * admins — hears who is away, from–to, and who covers. Ids and dates only; the notifier names the people.
 */
export interface StaffAway {
  readonly type: 'staff_away';
  readonly change: 'away' | 'back';
  readonly absenceId: string;
  readonly staffId: string;
  readonly substituteId: string;
  /** Calendar dates (YYYY-MM-DD) in the institution's zone, inclusive. */
  readonly from: string;
  readonly to: string;
  /** Who marked it (the person, or a supervisor for them); for "back", who ended it. */
  readonly byId: string;
}
/**
 * R60.internal: last week's quality report for one manager or the head, by direct message on the first working day
 * of the week at opening time (src/jobs/weekly-digest.job.ts). Never posted to the channel.
 */
export interface WeeklyDigest {
  readonly type: 'weekly_digest';
  readonly staffId: string;
  readonly week: Period;
}
/**
 * Issue #15 (retention): the evening before, one admin hears how many closed inquiries the coming night will anonymise,
 * with a signed link (for them alone) to the list — registry numbers, kinds and closed dates, nothing personal.
 */
export interface RetentionDue {
  readonly type: 'retention_due';
  readonly staffId: string;
  /** The night's date (YYYY-MM-DD, the institution's zone). */
  readonly night: string;
  readonly count: number;
  readonly url: string;
}
export type ServiceHappening = MailUnregistered | StaffAway | WeeklyDigest | RetentionDue;

/** The notifier contract every chat platform implements (Slack, Teams, a logger until they exist). */
export interface Notifier extends EventConsumer {
  /** Tells whom the policy names; throws to be asked again (the caller keeps what is not yet told). */
  happen(happening: ServiceHappening): Promise<void>;
}

/** Which deadline a reminder is about. */
export type DeadlineKind = 'first_reply' | 'resolution';

/** A deadline the scheduler must watch: a reminder before it and an overdue notice at it. */
export interface WatchedDeadline {
  dueAt: string;
  remindAt: string;
}

/** The deadlines of one inquiry that are still running; a missing one is met or cancelled. */
export type DeadlineSchedule = Partial<Record<DeadlineKind, WatchedDeadline>>;

interface EventBase<T extends string> {
  type: T;
  inquiryId: string;
  registryNumber: string;
  /** ISO 8601 instant; events travel as JSON through the outbox. */
  at: string;
  /** Staff member who acted; null for the system or the client. */
  actorId: string | null;
}

/**
 * Everything that happens to an inquiry. Each event is written to the inquiry's timeline (R12.records)
 * and to the outbox in the same transaction as the change, then delivered to notifiers and the scheduler.
 */
export type InquiryEvent =
  | (EventBase<'registered'> & { channel: string; kind: string; registeredById: string | null })
  | (EventBase<'claimed'> & { ownerId: string })
  | (EventBase<'released'> & { previousOwnerId: string })
  | (EventBase<'handed_over'> & { fromId: string | null; toId: string })
  | EventBase<'first_reply_sent'>
  | (EventBase<'holding_reply_sent'> & { promisedBy: string })
  | EventBase<'waiting_on_client'>
  | EventBase<'resolved'>
  | EventBase<'closed'>
  | (EventBase<'reopened'> & { reason: string })
  | (EventBase<'deadlines_changed'> & { schedule: DeadlineSchedule })
  | (EventBase<'reminder_due'> & { deadline: DeadlineKind; dueAt: string; recipientId: string | null })
  | (EventBase<'overdue'> & { deadline: DeadlineKind; dueAt: string; recipientId: string | null });

export type InquiryEventType = InquiryEvent['type'];
export type EventOf<T extends InquiryEventType> = Extract<InquiryEvent, { type: T }>;

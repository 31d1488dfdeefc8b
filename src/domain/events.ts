import type { CallLog } from './call-log.js';
import type { ClientEmailPurpose } from './client-message.js';
import type { EscalationType } from './escalation.js';

/** Which deadline a reminder is about. */
/**
 * Which deadline a notice is about: the first reply (R14), the resolution (R59 / R14 holding reply),
 * a follow-up promised in a conflict (R54), or an inquiry nobody has claimed yet (R4).
 */
export type DeadlineKind = 'first_reply' | 'resolution' | 'follow_up' | 'claim';

export const DEADLINE_KINDS: readonly DeadlineKind[] = ['first_reply', 'resolution', 'follow_up', 'claim'];

/** A deadline the scheduler must watch: a reminder before it and an overdue notice at it. */
export interface WatchedDeadline {
  dueAt: string;
  /** Null when only the moment itself matters (an unclaimed inquiry is re-announced, nobody is nudged before). */
  remindAt: string | null;
}

/** The deadlines of one inquiry that are still running; a missing one is met or cancelled. */
export type DeadlineSchedule = Partial<Record<DeadlineKind, WatchedDeadline>>;

/** A call log as it travels in an event: an internal note, never shown to the client (R35.no-internal). */
export type CallLogRecord = Omit<CallLog, 'nextStepDue'> & { nextStepDue: string | null };

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
  | (EventBase<'call_logged'> & { call: CallLogRecord })
  | (EventBase<'escalated'> & { escalationId: string; escalationType: EscalationType; managerId: string | null; followUpAt: string | null })
  | (EventBase<'escalation_acknowledged'> & { escalationId: string })
  | (EventBase<'escalation_taken_over'> & { escalationId: string; managerId: string })
  | (EventBase<'escalation_referred'> & { escalationId: string; headIds: string[] })
  | (EventBase<'escalation_decided'> & { escalationId: string; reportToAuthorities: boolean; note: string })
  | (EventBase<'deadlines_changed'> & { schedule: DeadlineSchedule })
  | (EventBase<'reminder_due'> & { deadline: DeadlineKind; dueAt: string; recipientId: string | null })
  | (EventBase<'overdue'> & { deadline: DeadlineKind; dueAt: string; recipientId: string | null })
  // E-mail with the client (src/mail): a follow-up from the client goes to the owner (R4.owner, R22);
  // outgoing e-mail travels through the outbox so a failed send is retried, and a failure reaches the sender.
  | (EventBase<'client_message_received'> & { clientMessageId: string; ownerId: string | null })
  | (EventBase<'email_requested'> & { emailId: string; purpose: ClientEmailPurpose })
  | (EventBase<'email_sent'> & { emailId: string; purpose: ClientEmailPurpose })
  | (EventBase<'email_failed'> & { emailId: string | null; purpose: ClientEmailPurpose; reason: string; recipientId: string | null });

export type InquiryEventType = InquiryEvent['type'];
export type EventOf<T extends InquiryEventType> = Extract<InquiryEvent, { type: T }>;

import type { AnswerChannel } from './answer-channel.js';
import type { CallLog } from './call-log.js';
import type { ClientEmailPurpose } from './client-message.js';
import type { EscalationType } from './escalation.js';
import type { PlannedCall } from './inquiry.js';
import type { MeetingFormat } from './meeting.js';

/**
 * Which deadline a notice is about: the first reply (R14), the resolution (R59 / R14 holding reply),
 * a follow-up promised in a conflict (R54), an inquiry nobody has claimed yet (R4), a planned call
 * (R29, R31), a meeting summary (R48) or a step with another institution (R24).
 */
export const DEADLINE_KINDS = ['first_reply', 'resolution', 'follow_up', 'claim', 'call', 'meeting_summary', 'external_step'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** A deadline the scheduler must watch: a reminder before it and an overdue notice at it. */
export interface WatchedDeadline {
  dueAt: string;
  /** Null when only the moment itself matters (an unclaimed inquiry is re-announced, nobody is nudged before). */
  remindAt: string | null;
  /** False when only the reminder matters (a planned call is not "overdue" at its own time). */
  overdue?: false;
  /**
   * When a deadline still missed goes up a level: the owner's direct manager (first reply, resolution) or the
   * manager on duty (an inquiry nobody claimed). Absent when it never goes up, or the institution switched it off.
   */
  escalateAt?: string;
}

/** The deadlines of one inquiry that are still running; a missing one is met or cancelled. */
export type DeadlineSchedule = Partial<Record<DeadlineKind, WatchedDeadline>>;

export const PROGRESS_STAGES = ['intermediate', 'decision'] as const;
export type ProgressStage = (typeof PROGRESS_STAGES)[number];

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
  /** `escalationId`: the manager took over an escalation, and that event tells the raiser (R54). */
  | (EventBase<'handed_over'> & { fromId: string | null; toId: string; escalationId?: string })
  | EventBase<'first_reply_sent'>
  | (EventBase<'holding_reply_sent'> & { promisedBy: string })
  | EventBase<'waiting_on_client'>
  | EventBase<'resolved'>
  | EventBase<'closed'>
  | (EventBase<'reopened'> & { reason: string })
  | (EventBase<'call_logged'> & { call: CallLogRecord; attempt: number })
  // Procedure workflows (chapters III–V): planned calls, missed calls, meetings, external steps, status notes.
  | (EventBase<'call_scheduled'> & { callAt: string; plan: string; purpose: PlannedCall['purpose'] })
  /** R31.callback: the retry failed too; the owner is prompted to e-mail the client. */
  | (EventBase<'callback_failed'> & { attempts: number; ownerId: string | null })
  | (EventBase<'meeting_planned'> & { meetingId: string; startsAt: string; format: MeetingFormat; chairId: string; recorderId: string })
  | (EventBase<'meeting_held'> & { meetingId: string; summaryDue: string; recorderId: string; chairId: string })
  | (EventBase<'meeting_summary_sent'> & { meetingId: string; via: 'email' | 'letter' })
  | (EventBase<'external_step_added'> & { stepId: string; institution: string; what: string; dueAt: string })
  | (EventBase<'external_decision_recorded'> & { stepId: string; noteId: string; institution: string; decision: string })
  /** R24.other-institution: decisions of several institutions conflict; a joint meeting is proposed. */
  | (EventBase<'external_decisions_conflict'> & { institutions: string[]; ownerId: string | null })
  /** R19.status: an intermediate result or decision; the owner is offered to tell the client. */
  | (EventBase<'progress_recorded'> & { noteId: string; note: string; stage: ProgressStage })
  | (EventBase<'client_informed'> & { noteId: string; via: AnswerChannel })
  | (EventBase<'letter_issued'> & { letterId: string })
  | (EventBase<'escalated'> & { escalationId: string; escalationType: EscalationType; managerId: string | null; followUpAt: string | null })
  | (EventBase<'escalation_acknowledged'> & { escalationId: string })
  | (EventBase<'escalation_taken_over'> & { escalationId: string; managerId: string })
  | (EventBase<'escalation_referred'> & { escalationId: string; headIds: string[] })
  | (EventBase<'escalation_decided'> & { escalationId: string; reportToAuthorities: boolean; note: string })
  | (EventBase<'deadlines_changed'> & { schedule: DeadlineSchedule })
  /** `coveringForId`: R4.owner — the recipient is away and `recipientId` is the substitute covering for them. */
  | (EventBase<'reminder_due'> & { deadline: DeadlineKind; dueAt: string; recipientId: string | null; coveringForId?: string })
  | (EventBase<'overdue'> & { deadline: DeadlineKind; dueAt: string; recipientId: string | null; coveringForId?: string })
  /** R4.owner / R14.reply-1wd: still overdue some office hours later → the owner's direct manager (null: none set). */
  | (EventBase<'overdue_escalated'> & { deadline: DeadlineKind; dueAt: string; ownerId: string | null; managerId: string | null })
  /** R4.owner: still nobody claimed it after the nudge → the manager on duty (every active manager when none is set). */
  | (EventBase<'unclaimed_escalated'> & { dueAt: string; managerIds: string[] })
  // E-mail with the client (src/mail): a follow-up from the client goes to the owner (R4.owner, R22);
  // outgoing e-mail travels through the outbox so a failed send is retried, and a failure reaches the sender.
  /** `recipientId`: who is told — the owner, or the substitute covering for them (`coveringForId`) while they are away; absent in older events (the owner). */
  | (EventBase<'client_message_received'> & { clientMessageId: string; ownerId: string | null; recipientId?: string | null; coveringForId?: string })
  | (EventBase<'email_requested'> & { emailId: string; purpose: ClientEmailPurpose })
  | (EventBase<'email_sent'> & { emailId: string; purpose: ClientEmailPurpose })
  | (EventBase<'email_failed'> & { emailId: string | null; purpose: ClientEmailPurpose; reason: string; recipientId: string | null })
  // R60.external: client ratings (src/domain/rating*.ts). The comment is the client's own words: it is kept in the
  // timeline (R12.records) and never rendered in a chat message.
  /** The client was asked by e-mail (five one-click score links, one single-use token). */
  | (EventBase<'rating_requested'> & { ratingId: string; channel: 'email' })
  /** `managerId`: the owner's direct manager, told of a score of 1–2 for a follow-up; null for 3–5 or no manager. */
  | (EventBase<'rated'> & { ratingId: string; score: number; channel: 'email' | 'staff'; comment: string | null; ownerId: string | null; managerId: string | null })
  /** A pending request no longer counts (the inquiry was reopened, or staff recorded the client's answer). */
  | (EventBase<'rating_voided'> & { ratingId: string; reason: 'reopened' | 'recorded_by_staff' })
  /** The manager acknowledged the follow-up of a low score (`score`: which, so the DM can be shown again without the buttons). */
  | (EventBase<'rating_acknowledged'> & { ratingId: string; managerId: string; score: number })
  /**
   * Issue #15 (retention): the closed inquiry's personal data were removed (src/domain/retention.service.ts); its chat
   * copies are edited to the registry number and state. R12.records: the number, dates and outcomes stay.
   */
  | EventBase<'anonymised'>;

export type InquiryEventType = InquiryEvent['type'];
export type EventOf<T extends InquiryEventType> = Extract<InquiryEvent, { type: T }>;

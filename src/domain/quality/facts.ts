import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { InquiryEvent, InquiryEventType } from '../events.js';
import { resolutionDue, type Inquiry } from '../inquiry.js';

/**
 * R60.internal: what quality monitoring keeps per inquiry (its quality facts), kept up to date from the inquiry's
 * events. Two kinds of fact:
 * - the inquiry's *state* (owner, received, first reply, resolution), re-read from the inquiry after any event that may
 *   change it, with the first reply's delay in office minutes — the one figure SQL cannot compute;
 * - dated *marks*: things that happened at an instant (an overdue deadline, an escalation, a failed callback, a reopen,
 *   a meeting summary due), each under a natural key, so a re-delivered event finds its mark and counts nothing twice.
 * Pure: the persistence adapter stores what these functions decide.
 */

/** The inquiry's state as quality monitoring keeps it; no client name or contact. */
export interface InquiryFact {
  readonly inquiryId: string;
  readonly registryNumber: string;
  readonly channel: string;
  readonly kind: string;
  readonly ownerId: string | null;
  readonly receivedAt: Date;
  readonly firstReplyDue: Date;
  readonly firstReplyAt: Date | null;
  /** Office minutes from receipt to the first reply (holding replies count: R14.holding-reply). */
  readonly firstReplyOfficeMinutes: number | null;
  /** R14.holding-reply / R59.statutory: the promised date, else the statutory one; null for a plain question. */
  readonly resolutionDue: Date | null;
  readonly resolvedAt: Date | null;
}

export type InquiryState = Pick<
  Inquiry,
  'id' | 'registryNumber' | 'channel' | 'kind' | 'ownerId' | 'receivedAt' | 'firstReplyDue' | 'firstReplyAt' | 'promisedBy' | 'statutoryDue' | 'resolvedAt'
>;

export function factOf(inquiry: InquiryState, calendar: WorkingCalendar): InquiryFact {
  return {
    inquiryId: inquiry.id,
    registryNumber: inquiry.registryNumber,
    channel: inquiry.channel,
    kind: inquiry.kind,
    ownerId: inquiry.ownerId,
    receivedAt: inquiry.receivedAt,
    firstReplyDue: inquiry.firstReplyDue,
    firstReplyAt: inquiry.firstReplyAt,
    firstReplyOfficeMinutes: inquiry.firstReplyAt === null ? null : calendar.officeMinutesBetween(inquiry.receivedAt, inquiry.firstReplyAt),
    resolutionDue: resolutionDue(inquiry),
    resolvedAt: inquiry.resolvedAt,
  };
}

export const QUALITY_MARK_KINDS = ['overdue', 'conflict', 'incident', 'missed_callback', 'reopened', 'summary'] as const;
export type QualityMarkKind = (typeof QUALITY_MARK_KINDS)[number];

/**
 * What one event does to the marks: `mark` records (or, repeated, finds) the mark `key` of `kind` at `at`; `settle`
 * records when a due mark was met (a meeting summary sent), keeping the first time.
 */
export type MarkChange =
  | { readonly op: 'mark'; readonly kind: QualityMarkKind; readonly key: string; readonly at: Date }
  | { readonly op: 'settle'; readonly kind: QualityMarkKind; readonly key: string; readonly at: Date };

/** The deadlines whose overdue flag counts as "overdue": the first reply and the resolution (R14, R59). */
const COUNTED_OVERDUE = new Set(['first_reply', 'resolution']);

/** The mark an event leaves, if any; its key is stable across re-deliveries of the same event. */
export function markChangeOf(event: InquiryEvent): MarkChange | null {
  switch (event.type) {
    case 'overdue':
      // The same deadline is flagged once (deadline_notices); its due instant is when it went overdue.
      return COUNTED_OVERDUE.has(event.deadline) ? { op: 'mark', kind: 'overdue', key: `${event.deadline}:${event.dueAt}`, at: new Date(event.dueAt) } : null;
    case 'escalated':
      return { op: 'mark', kind: event.escalationType, key: event.escalationId, at: new Date(event.at) };
    case 'callback_failed':
      return { op: 'mark', kind: 'missed_callback', key: event.at, at: new Date(event.at) };
    case 'reopened':
      return { op: 'mark', kind: 'reopened', key: event.at, at: new Date(event.at) };
    case 'meeting_held':
      return { op: 'mark', kind: 'summary', key: event.meetingId, at: new Date(event.summaryDue) };
    case 'meeting_summary_sent':
      return { op: 'settle', kind: 'summary', key: event.meetingId, at: new Date(event.at) };
    default:
      return null;
  }
}

/**
 * Events after which the inquiry's state is read again: every command that changes its owner, first reply, promised
 * date or resolution emits one of these. `deadlines_changed` is not among them: the scheduler alone takes it.
 */
const STATE_EVENTS: ReadonlySet<InquiryEventType> = new Set<InquiryEventType>([
  'registered',
  'claimed',
  'released',
  'handed_over',
  'first_reply_sent',
  'holding_reply_sent',
  'resolved',
  'reopened',
]);
const MARK_EVENTS: ReadonlySet<InquiryEventType> = new Set<InquiryEventType>(['overdue', 'escalated', 'callback_failed', 'reopened', 'meeting_held', 'meeting_summary_sent']);

/** The events quality monitoring takes from the outbox; after each, the inquiry's state is read again too. */
export function isQualityEvent(type: InquiryEventType): boolean {
  return STATE_EVENTS.has(type) || MARK_EVENTS.has(type);
}

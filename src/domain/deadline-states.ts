import type { DeadlineKind } from './events.js';
import type { ExternalStep } from './external-step.js';
import { resolutionDue, type Inquiry } from './inquiry.js';
import type { Meeting } from './meeting.js';

/** Where a deadline stands: still running, kept, kept late, or passed with nothing done. */
export type DeadlineState = 'pending' | 'met' | 'missed' | 'overdue';

export interface DeadlineStatus {
  kind: DeadlineKind;
  /** What the deadline is about beyond its kind: the institution of an external step, say. */
  subject: string | null;
  dueAt: Date;
  doneAt: Date | null;
  state: DeadlineState;
}

/** Every deadline of an inquiry, past and present, for the inquiry view; ordered by due date. */
export function deadlineStates(inquiry: Inquiry, meetings: readonly Meeting[], steps: readonly ExternalStep[], now: Date): DeadlineStatus[] {
  const statuses: DeadlineStatus[] = [status('first_reply', null, inquiry.firstReplyDue, inquiry.firstReplyAt, now)];
  const resolveBy = resolutionDue(inquiry);
  if (resolveBy) statuses.push(status('resolution', null, resolveBy, inquiry.resolvedAt, now));
  if (inquiry.followUpDue) statuses.push(status('follow_up', null, inquiry.followUpDue, null, now));
  if (inquiry.nextCall) statuses.push(status('call', inquiry.nextCall.plan, inquiry.nextCall.at, null, now));
  for (const meeting of meetings) {
    if (meeting.summaryDue) statuses.push(status('meeting_summary', meeting.agenda, meeting.summaryDue, meeting.summarySentAt, now));
  }
  for (const step of steps) statuses.push(status('external_step', step.institution, step.dueAt, step.decidedAt, now));
  return statuses.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

function status(kind: DeadlineKind, subject: string | null, dueAt: Date, doneAt: Date | null, now: Date): DeadlineStatus {
  const state: DeadlineState = doneAt ? (doneAt <= dueAt ? 'met' : 'missed') : dueAt < now ? 'overdue' : 'pending';
  return { kind, subject, dueAt, doneAt, state };
}

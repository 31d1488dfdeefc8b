import { routedTo } from './absence.js';
import type { Clock } from './clock.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import type { DeadlineKind, WatchedDeadline } from './events.js';
import type { NoticeStage } from './inquiry.repository.js';
import { emitEvents, type EventBody } from './command-support.js';
import type { Inquiry } from './inquiry.js';
import { meetingOwingSummary } from './meeting.js';
import type { TransactionScope, UnitOfWork } from './unit-of-work.js';

/** What became of a deadline notice the scheduler asked for. */
export type NoticeOutcome =
  | { outcome: 'sent' }
  /** Already sent by another run or instance: the notice goes out once. */
  | { outcome: 'duplicate' }
  /** The deadline moved, was met, or the inquiry is gone: nothing to say. */
  | { outcome: 'stale' }
  /** Outside office hours for this kind of notice: ask again at `at`. */
  | { outcome: 'deferred'; at: Date };

export interface NoticeRequest {
  inquiryId: string;
  deadline: DeadlineKind;
  stage: NoticeStage;
  /** The deadline the notice was scheduled for; a changed deadline makes it stale. */
  dueAt: Date;
}

/** Who is told when a deadline goes up a level. */
export interface EscalationOptions {
  /** R4.owner: the e-mail of the staff member on duty for inquiries nobody claimed; null → every active manager. */
  managerOnDutyEmail: string | null;
}

/**
 * R14.reply-1wd: nudges the owner before a deadline and flags it overdue at the deadline; a first reply or
 * resolution still overdue later goes to the owner's manager, an inquiry still unclaimed to the manager on duty.
 */
export class DeadlineNotices {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: DeadlinePolicy,
    private readonly clock: Clock,
    private readonly escalation: EscalationOptions = { managerOnDutyEmail: null },
  ) {}

  async notify(request: NoticeRequest): Promise<NoticeOutcome> {
    const [outcome] = await this.notifyMany([request]);
    return outcome!;
  }

  /**
   * Issue #16: a batch of notices in one transaction, recorded in one statement and told in two — a burst due at one
   * instant takes a few transactions instead of one each. The outcomes come in the order of the requests.
   */
  notifyMany(requests: readonly NoticeRequest[]): Promise<NoticeOutcome[]> {
    return this.unitOfWork.run(async (scope) => {
      const locked = await scope.inquiries.getManyForUpdate([...new Set(requests.map((request) => request.inquiryId))]);
      const inquiries = new Map(locked.map((inquiry) => [inquiry.id, inquiry]));
      const now = this.clock.now();
      const outcomes: NoticeOutcome[] = [];
      const due: Array<{ index: number; inquiry: Inquiry; request: NoticeRequest; watched: WatchedDeadline }> = [];
      requests.forEach((request, index) => {
        const inquiry = inquiries.get(request.inquiryId);
        const verdict = inquiry ? this.verdict(inquiry, request, now) : { outcome: 'stale' as const };
        if ('outcome' in verdict) outcomes[index] = verdict;
        else due.push({ index, inquiry: inquiry!, request, watched: verdict });
      });
      const recorded = await scope.inquiries.recordNotices(due.map(({ request }) => request));
      const told: Parameters<typeof emitEvents>[1][number][] = [];
      for (const [k, { index, inquiry, request, watched }] of due.entries()) {
        outcomes[index] = recorded[k] ? { outcome: 'sent' } : { outcome: 'duplicate' };
        if (recorded[k]) told.push({ inquiry, actorId: null, body: await this.bodyOf(scope, inquiry, request, watched, now), at: now });
      }
      await emitEvents(scope, told);
      return outcomes;
    });
  }

  /** The deadline the notice is still due for, or why it says nothing now. */
  private verdict(inquiry: Inquiry, request: NoticeRequest, now: Date): NoticeOutcome | WatchedDeadline {
    const watched = this.policy.schedule(inquiry)[request.deadline];
    if (!watched || watched.dueAt !== request.dueAt.toISOString()) return { outcome: 'stale' };
    // Switched off since it was scheduled, or its owner left it to the queue: the claim's own escalation speaks.
    if (request.stage === 'escalate' && watched.escalateAt === undefined) return { outcome: 'stale' };
    const deliverAt = this.policy.deliveryTime(request.stage, now, request.deadline);
    if (deliverAt.getTime() > now.getTime()) return { outcome: 'deferred', at: deliverAt };
    // A reminder never follows its own overdue notice: one that could go out only at or after the deadline (held
    // over a night or a holiday) says nothing; the overdue notice speaks instead. A call has no overdue notice.
    if (request.stage === 'reminder' && watched.overdue !== false && now.getTime() >= request.dueAt.getTime()) return { outcome: 'stale' };
    return watched;
  }

  private async bodyOf(scope: TransactionScope, inquiry: Inquiry, request: NoticeRequest, watched: WatchedDeadline, now: Date): Promise<EventBody> {
    if (request.stage === 'escalate') return this.escalationOf(scope, inquiry, request.deadline, watched.dueAt);
    return {
      type: request.stage === 'reminder' ? 'reminder_due' : 'overdue',
      deadline: request.deadline,
      dueAt: watched.dueAt,
      ...(await recipientOf(scope, inquiry, request, now)),
    };
  }

  /** R4.owner: nobody claimed it → the manager on duty; still overdue → the owner's direct manager. */
  private async escalationOf(scope: TransactionScope, inquiry: Inquiry, deadline: DeadlineKind, dueAt: string): Promise<EventBody> {
    if (deadline === 'claim') return { type: 'unclaimed_escalated', dueAt, managerIds: await this.managersOnDuty(scope) };
    const owner = inquiry.ownerId === null ? null : await scope.staff.findById(inquiry.ownerId);
    return { type: 'overdue_escalated', deadline, dueAt, ownerId: inquiry.ownerId, managerId: owner?.managerId ?? null };
  }

  /** The configured manager on duty while active; otherwise (unset, left, unknown) every active manager. */
  private async managersOnDuty(scope: TransactionScope): Promise<string[]> {
    const email = this.escalation.managerOnDutyEmail;
    const onDuty = email === null ? null : await scope.staff.findByEmail(email);
    if (onDuty?.active) return [onDuty.id];
    return (await scope.staff.listByRole('manager')).map((manager) => manager.id);
  }
}

/**
 * R48.meeting-summary-2wd: a summary is the recorder's to send, and the chair hears when it is late; the rest is the
 * owner's. R4.owner: while that person is away, the substitute covering for them is told instead.
 */
async function recipientOf(scope: TransactionScope, inquiry: Inquiry, request: NoticeRequest, now: Date): Promise<{ recipientId: string | null; coveringForId?: string }> {
  return routedTo(scope, await responsibleFor(scope, inquiry, request), now);
}

async function responsibleFor(scope: TransactionScope, inquiry: Inquiry, request: NoticeRequest): Promise<string | null> {
  if (request.deadline !== 'meeting_summary') return inquiry.ownerId;
  const owed = meetingOwingSummary(await scope.meetings.listByInquiry(inquiry.id), request.dueAt);
  if (!owed) return inquiry.ownerId;
  return request.stage === 'reminder' ? owed.recorderId : owed.chairId;
}

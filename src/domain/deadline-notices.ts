import { routedTo } from './absence.js';
import type { Clock } from './clock.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import type { DeadlineKind } from './events.js';
import type { NoticeStage } from './inquiry.repository.js';
import { emitEvent, type EventBody } from './command-support.js';
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

  notify(request: NoticeRequest): Promise<NoticeOutcome> {
    return this.unitOfWork.run(async (scope) => {
      const inquiry = await scope.inquiries.getForUpdate(request.inquiryId);
      if (!inquiry) return { outcome: 'stale' };
      const watched = this.policy.schedule(inquiry)[request.deadline];
      if (!watched || watched.dueAt !== request.dueAt.toISOString()) return { outcome: 'stale' };
      // Switched off since it was scheduled, or its owner left it to the queue: the claim's own escalation speaks.
      if (request.stage === 'escalate' && watched.escalateAt === undefined) return { outcome: 'stale' };
      const now = this.clock.now();
      const deliverAt = this.policy.deliveryTime(request.stage, now, request.deadline);
      if (deliverAt.getTime() > now.getTime()) return { outcome: 'deferred', at: deliverAt };
      // A reminder never follows its own overdue notice: one that could go out only at or after the deadline (held
      // over a night or a holiday) says nothing; the overdue notice speaks instead. A call has no overdue notice.
      if (request.stage === 'reminder' && watched.overdue !== false && now.getTime() >= request.dueAt.getTime()) return { outcome: 'stale' };
      if (!(await scope.inquiries.recordNotice(inquiry.id, request.deadline, request.stage, request.dueAt))) {
        return { outcome: 'duplicate' };
      }
      const body: EventBody = request.stage === 'escalate'
        ? await this.escalationOf(scope, inquiry, request.deadline, watched.dueAt)
        : {
            type: request.stage === 'reminder' ? 'reminder_due' : 'overdue',
            deadline: request.deadline,
            dueAt: watched.dueAt,
            ...(await recipientOf(scope, inquiry, request, now)),
          };
      await emitEvent(scope, inquiry, null, body, now);
      return { outcome: 'sent' };
    });
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

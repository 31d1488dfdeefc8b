import type { WorkingCalendar } from './calendar/working-calendar.js';
import type { DeadlineSchedule } from './events.js';
import type { NoticeStage } from './inquiry.repository.js';
import { carriesStatutoryDeadline, isOpen, resolutionDue, type Inquiry, type InquiryKind } from './inquiry.js';

export interface DeadlinePolicyOptions {
  /** R14.reply-1wd: working days to the first reply. */
  replyWorkingDays: number;
  /** R59.statutory: working days to resolve a formal request or complaint. */
  statutoryWorkingDays: number;
  /** Office minutes before a deadline at which the owner is nudged. */
  reminderLeadMinutes: number;
  /** Overdue notices may wake people up outside office hours; ordinary reminders never do. */
  overdueOutsideOfficeHours: boolean;
  /** Office minutes after receipt at which an inquiry nobody claimed is announced again. */
  unclaimedAfterMinutes: number;
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicyOptions = {
  replyWorkingDays: 1,
  statutoryWorkingDays: 20,
  reminderLeadMinutes: 120,
  overdueOutsideOfficeHours: false,
  unclaimedAfterMinutes: 60,
};

/** The procedure's deadlines, computed on the institution's working calendar. */
export class DeadlinePolicy {
  constructor(
    readonly calendar: WorkingCalendar,
    readonly options: DeadlinePolicyOptions = DEFAULT_DEADLINE_POLICY,
  ) {}

  /** R14.reply-1wd: received outside office hours, the clock starts at the next opening. */
  firstReplyDue(receivedAt: Date): Date {
    return this.calendar.addWorkingDays(receivedAt, this.options.replyWorkingDays);
  }

  statutoryDue(receivedAt: Date, kind: InquiryKind): Date | null {
    return carriesStatutoryDeadline(kind)
      ? this.calendar.addWorkingDays(receivedAt, this.options.statutoryWorkingDays)
      : null;
  }

  /** The deadlines still running for an inquiry, each with the moment its owner is nudged. */
  schedule(inquiry: Inquiry): DeadlineSchedule {
    if (!isOpen(inquiry)) return {};
    const schedule: DeadlineSchedule = {};
    if (inquiry.firstReplyAt === null) schedule.first_reply = this.watch(inquiry.firstReplyDue);
    const resolveBy = resolutionDue(inquiry);
    if (resolveBy !== null) schedule.resolution = this.watch(resolveBy);
    if (inquiry.followUpDue !== null) schedule.follow_up = this.watch(inquiry.followUpDue);
    if (inquiry.ownerId === null) {
      const claimBy = this.calendar.addOfficeMinutes(inquiry.receivedAt, this.options.unclaimedAfterMinutes);
      schedule.claim = { dueAt: claimBy.toISOString(), remindAt: null };
    }
    return schedule;
  }

  /**
   * When a notice due now may be delivered: ordinary reminders only inside office hours,
   * overdue notices too unless configured to go at any time.
   */
  deliveryTime(stage: NoticeStage, now: Date): Date {
    if (stage === 'overdue' && this.options.overdueOutsideOfficeHours) return now;
    return this.calendar.nextOpening(now);
  }

  private watch(dueAt: Date) {
    const remindAt = this.calendar.subtractOfficeMinutes(dueAt, this.options.reminderLeadMinutes);
    return { dueAt: dueAt.toISOString(), remindAt: remindAt.toISOString() };
  }
}

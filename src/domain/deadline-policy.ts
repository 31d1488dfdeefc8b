import type { WorkingCalendar } from './calendar/working-calendar.js';
import type { DeadlineKind, DeadlineSchedule, WatchedDeadline } from './events.js';
import type { NoticeStage } from './inquiry.repository.js';
import { carriesStatutoryDeadline, isOpen, resolutionDue, type Inquiry, type InquiryKind, type PlannedCall } from './inquiry.js';

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
  /** Office hours a first reply or resolution may stay overdue before the owner's manager is told; 0: never. */
  overdueEscalateAfterOfficeHours: number;
  /** Office minutes after the unclaimed nudge at which the manager on duty is told; 0: never. */
  unclaimedEscalateAfterMinutes: number;
  /** R29.agreed-time: minutes before an agreed call at which the owner is reminded. */
  callReminderLeadMinutes: number;
  /** R31.callback: a missed call is retried no sooner than this. */
  callbackMinMinutes: number;
  /** R48.meeting-summary-2wd: working days to send the summary after a meeting. */
  meetingSummaryWorkingDays: number;
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicyOptions = {
  replyWorkingDays: 1,
  statutoryWorkingDays: 20,
  reminderLeadMinutes: 120,
  overdueOutsideOfficeHours: false,
  unclaimedAfterMinutes: 60,
  overdueEscalateAfterOfficeHours: 4,
  unclaimedEscalateAfterMinutes: 120,
  callReminderLeadMinutes: 10,
  callbackMinMinutes: 30,
  meetingSummaryWorkingDays: 2,
};

/** The working calendar and terms deadlines are counted on. */
export interface PolicyTerms {
  calendar: WorkingCalendar;
  options: DeadlinePolicyOptions;
}

/**
 * The procedure's deadlines, computed on the institution's working calendar: fixed ones, or (issue #17) those of the
 * institution whose work is under way, looked up at each call (`terms`).
 */
export class DeadlinePolicy {
  private readonly terms: () => PolicyTerms;

  constructor(calendar: WorkingCalendar | (() => PolicyTerms), options: DeadlinePolicyOptions = DEFAULT_DEADLINE_POLICY) {
    const fixed = typeof calendar === 'function' ? null : { calendar, options };
    this.terms = fixed ? () => fixed : (calendar as () => PolicyTerms);
  }

  get calendar(): WorkingCalendar {
    return this.terms().calendar;
  }

  get options(): DeadlinePolicyOptions {
    return this.terms().options;
  }

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
    // Only an owner has a manager to tell; while nobody owns it, the claim's own escalation speaks (R4.owner).
    const goesUp = inquiry.ownerId !== null;
    if (inquiry.firstReplyAt === null) schedule.first_reply = this.escalating(this.watch(inquiry.firstReplyDue), goesUp);
    const resolveBy = resolutionDue(inquiry);
    if (resolveBy !== null) schedule.resolution = this.escalating(this.watch(resolveBy), goesUp);
    if (inquiry.followUpDue !== null) schedule.follow_up = this.watch(inquiry.followUpDue);
    if (inquiry.nextCall !== null) schedule.call = this.callWatch(inquiry.nextCall);
    if (inquiry.meetingSummaryDue !== null) schedule.meeting_summary = this.watch(inquiry.meetingSummaryDue);
    if (inquiry.externalStepDue !== null) schedule.external_step = this.watch(inquiry.externalStepDue);
    if (inquiry.ownerId === null) {
      const claimBy = this.calendar.addOfficeMinutes(inquiry.receivedAt, this.options.unclaimedAfterMinutes);
      const after = this.options.unclaimedEscalateAfterMinutes;
      schedule.claim = {
        dueAt: claimBy.toISOString(),
        remindAt: null,
        ...(after > 0 ? { escalateAt: this.calendar.addOfficeMinutes(claimBy, after).toISOString() } : {}),
      };
    }
    return schedule;
  }

  /** R48.meeting-summary-2wd */
  meetingSummaryDue(heldAt: Date): Date {
    return this.calendar.addWorkingDays(heldAt, this.options.meetingSummaryWorkingDays);
  }

  /** R31.callback: the earliest moment a missed call may be tried again. */
  earliestRetry(missedAt: Date): Date {
    return new Date(missedAt.getTime() + this.options.callbackMinMinutes * 60_000);
  }

  /**
   * When a notice due now may be delivered: ordinary reminders only inside office hours,
   * overdue notices too unless configured to go at any time.
   */
  deliveryTime(stage: NoticeStage, now: Date, deadline: DeadlineKind): Date {
    // A call's time was agreed with the client, so its reminder keeps that time even outside office hours.
    if (deadline === 'call') return now;
    if (stage === 'overdue' && this.options.overdueOutsideOfficeHours) return now;
    return this.calendar.nextOpening(now);
  }

  /** An agreed call is announced a few minutes ahead (R29); a retry (R31) or news to tell (R19) at its time. */
  private callWatch(call: PlannedCall): WatchedDeadline {
    const lead = call.purpose === 'agreed' ? this.options.callReminderLeadMinutes * 60_000 : 0;
    return { dueAt: call.at.toISOString(), remindAt: new Date(call.at.getTime() - lead).toISOString(), overdue: false };
  }

  /** R14.reply-1wd / R4.owner: a first reply or resolution still overdue goes to the owner's manager, when configured. */
  private escalating(watched: WatchedDeadline, goesUp: boolean): WatchedDeadline {
    const hours = this.options.overdueEscalateAfterOfficeHours;
    if (!goesUp || hours <= 0) return watched;
    return { ...watched, escalateAt: this.calendar.addOfficeMinutes(new Date(watched.dueAt), Math.round(hours * 60)).toISOString() };
  }

  private watch(dueAt: Date): WatchedDeadline {
    const remindAt = this.calendar.subtractOfficeMinutes(dueAt, this.options.reminderLeadMinutes);
    return { dueAt: dueAt.toISOString(), remindAt: remindAt.toISOString() };
  }
}

import type { NoticeRequest } from './deadline-notices.js';
import type { DeadlineKind, DeadlineSchedule } from './events.js';
import { DEADLINE_KINDS } from './events.js';
import type { InstitutionId } from './institution.js';
import type { NoticeStage } from './inquiry.repository.js';

/** One notice the scheduler will ask `DeadlineNotices` for at `runAt` (R14.reply-1wd and the other deadlines). */
export interface PlannedNotice {
  deadline: DeadlineKind;
  stage: NoticeStage;
  dueAt: Date;
  runAt: Date;
}

/** A due notice a sweep has taken; `version` tells it from the row the scheduler may have rewritten meanwhile. */
export interface TakenNotice extends NoticeRequest {
  /** Issue #17: the queue is swept for every institution at once; the notice is asked for as work of its own. */
  institution: InstitutionId;
  version: string;
  attempts: number;
}

/**
 * The notices still to be asked for, one per (inquiry, deadline, stage), kept by the database (issue #16): taken
 * due in batches by any instance (a lease keeps two off the same notice), so a burst is shared and a crash loses
 * nothing — what an instance took and never settled is taken again once its lease is over.
 */
export interface NoticeQueue {
  /** Replaces every planned notice of the inquiry with `notices` (none: all its deadlines are met). */
  plan(inquiryId: string, notices: readonly PlannedNotice[]): Promise<void>;
  /** Takes up to `limit` notices due now, each for `leaseMs`, the longest overdue first. */
  takeDue(limit: number, leaseMs: number): Promise<TakenNotice[]>;
  /**
   * Forgets the handled notices and moves the deferred ones to their time, each only if the scheduler has not
   * rewritten it since it was taken (a newer plan stands).
   */
  settle(done: readonly TakenNotice[], deferred: readonly { notice: TakenNotice; at: Date }[]): Promise<void>;
  /** The distinct instants at which notices fall due after `from` and up to `until`, soonest first. */
  instantsBetween(from: Date, until: Date): Promise<Date[]>;
}

/** What a deadline schedule asks for: a reminder where it has one, an overdue notice, an escalation where it goes up. */
export function plannedNotices(schedule: DeadlineSchedule): PlannedNotice[] {
  return DEADLINE_KINDS.flatMap((deadline) => {
    const watched = schedule[deadline];
    if (!watched) return [];
    const dueAt = new Date(watched.dueAt);
    return [
      ...(watched.remindAt !== null ? [{ deadline, stage: 'reminder' as const, dueAt, runAt: new Date(watched.remindAt) }] : []),
      ...(watched.overdue !== false ? [{ deadline, stage: 'overdue' as const, dueAt, runAt: dueAt }] : []),
      ...(watched.escalateAt !== undefined ? [{ deadline, stage: 'escalate' as const, dueAt, runAt: new Date(watched.escalateAt) }] : []),
    ];
  });
}
